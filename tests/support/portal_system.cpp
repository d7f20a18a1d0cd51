#include "support/portal_system.hpp"

#include <filesystem>
#include <stdexcept>

namespace portal::test {

namespace {

std::string url_of(int port) { return "http://127.0.0.1:" + std::to_string(port); }

}  // namespace

PortalSystem::PortalSystem(PortalSystemOptions options) : options_(std::move(options)), dir_("portal-e2e") {
  std::filesystem::create_directories(data_dir());
  // A free port can be taken by someone else before the service binds it: try a few.
  for (int attempt = 0; attempt < 3; ++attempt) {
    auth_port_ = free_port();
    auth_url_ = url_of(auth_port_);
    auth_ = spawn_auth();
    if (auth_->wait_ready(auth_url_, options_.ready_timeout)) break;
    if (attempt == 2 || auth_->running()) {
      const std::string tail = auth_->log_tail();
      auth_->kill();
      throw std::runtime_error("portal-auth did not become ready at " + auth_url_ + "\n" + tail);
    }
  }
  if (options_.with_affiliates) start_affiliates();
  for (int attempt = 0; attempt < 3; ++attempt) {
    gateway_port_ = free_port();
    gateway_url_ = url_of(gateway_port_);
    gateway_ = spawn_gateway(gateway_port_, options_.gateway_env, "gateway.log");
    if (gateway_->wait_ready(gateway_url_, options_.ready_timeout)) return;
    if (attempt == 2 || gateway_->running()) {
      const std::string tail = gateway_->log_tail();
      gateway_->kill();
      if (affiliates_) affiliates_->kill();
      auth_->kill();
      throw std::runtime_error("portal-gateway did not become ready at " + gateway_url_ + "\n" + tail);
    }
  }
}

PortalSystem::~PortalSystem() {
  if (gateway_) gateway_->terminate(std::chrono::seconds{3});
  if (affiliates_) affiliates_->terminate(std::chrono::seconds{3});
  if (auth_) auth_->terminate(std::chrono::seconds{3});
}

std::string PortalSystem::data_dir() const { return dir_.str() + "/var"; }

std::unique_ptr<Process> PortalSystem::spawn_auth() {
  ProcessOptions o;
  o.binary = "portal-auth";
  o.env = {{"PORTAL_DEMO", "true"},
           {"PORTAL_DATA_DIR", data_dir()},
           {"PORTAL_HOST", "127.0.0.1"},
           {"PORTAL_AUTH_PORT", std::to_string(auth_port_)},
           {"PORTAL_SMTP_URL", ""}};
  for (const auto& [k, v] : options_.auth_env) o.env[k] = v;
  o.log_path = dir_.str() + "/auth.log";
  o.working_dir = dir_.str();
  return std::make_unique<Process>(std::move(o));
}

void PortalSystem::start_affiliates() {
  std::filesystem::create_directories(dir_.str() + "/affiliates-var");
  for (int attempt = 0; attempt < 3; ++attempt) {
    affiliates_port_ = free_port();
    affiliates_url_ = url_of(affiliates_port_);
    affiliates_ = spawn_affiliates();
    if (affiliates_->wait_ready(affiliates_url_, options_.ready_timeout)) return;
    if (attempt == 2 || affiliates_->running()) {
      const std::string tail = affiliates_->log_tail();
      affiliates_->kill();
      auth_->kill();
      throw std::runtime_error("portal-affiliates did not become ready at " + affiliates_url_ + "\n" + tail);
    }
  }
}

std::unique_ptr<Process> PortalSystem::spawn_affiliates() {
  ProcessOptions o;
  o.binary = "portal-affiliates";
  // Its own data directory: the affiliates database is not auth's business (and vice versa).
  o.env = {{"PORTAL_DEMO", "true"},
           {"PORTAL_DATA_DIR", dir_.str() + "/affiliates-var"},
           {"PORTAL_HOST", "127.0.0.1"},
           {"PORTAL_AFFILIATES_PORT", std::to_string(affiliates_port_)},
           {"PORTAL_AUTH_URL", auth_url_}};
  for (const auto& [k, v] : options_.affiliates_env) o.env[k] = v;
  o.log_path = dir_.str() + "/affiliates.log";
  o.working_dir = dir_.str();
  return std::make_unique<Process>(std::move(o));
}

std::unique_ptr<Process> PortalSystem::spawn_gateway(int port, const std::map<std::string, std::string>& extra,
                                                     const std::string& log_name) {
  ProcessOptions o;
  o.binary = "portal-gateway";
  o.env = {{"PORTAL_DATA_DIR", data_dir()},
           {"PORTAL_HOST", "127.0.0.1"},
           {"PORTAL_GATEWAY_PORT", std::to_string(port)},
           {"PORTAL_AUTH_URL", auth_url_},
           {"PORTAL_OPENAPI_FILE", source_dir() + "/api/openapi.yaml"}};
  if (!affiliates_url_.empty()) o.env["PORTAL_AFFILIATES_URL"] = affiliates_url_;
  for (const auto& [k, v] : extra) o.env[k] = v;
  o.log_path = dir_.str() + "/" + log_name;
  o.working_dir = dir_.str();
  return std::make_unique<Process>(std::move(o));
}

void PortalSystem::kill_auth() { auth_->kill(); }

void PortalSystem::restart_auth() {
  auth_->kill();
  auth_ = spawn_auth();
  if (!auth_->wait_ready(auth_url_, options_.ready_timeout))
    throw std::runtime_error("portal-auth did not come back at " + auth_url_ + "\n" + auth_->log_tail());
}

std::unique_ptr<Process> PortalSystem::start_extra_gateway(const std::map<std::string, std::string>& env, int& port) {
  auto merged = options_.gateway_env;
  for (const auto& [k, v] : env) merged[k] = v;
  port = free_port();
  auto p = spawn_gateway(port, merged, "gateway-extra-" + std::to_string(++extra_gateways_) + ".log");
  if (!p->wait_ready(url_of(port), options_.ready_timeout))
    throw std::runtime_error("extra portal-gateway did not become ready\n" + p->log_tail());
  return p;
}

std::string PortalSystem::logs() const {
  std::string out;
  if (auth_) out += "--- auth log (tail) ---\n" + auth_->log_tail(3000);
  if (affiliates_) out += "\n--- affiliates log (tail) ---\n" + affiliates_->log_tail(3000);
  if (gateway_) out += "\n--- gateway log (tail) ---\n" + gateway_->log_tail(3000);
  return out;
}

}  // namespace portal::test
