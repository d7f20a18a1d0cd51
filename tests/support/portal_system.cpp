#include "support/portal_system.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace portal::test {

namespace {

std::string url_of(int port) { return "http://127.0.0.1:" + std::to_string(port); }

// The key authorizations' relay signs its events with and portal-events checks (issue 15).
constexpr const char* kEventsForwardingKey = "e2e-events-forwarding-key-0123456789abcdef";

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
  if (options_.with_affiliates || options_.with_urgencies || options_.with_authorizations ||
      options_.with_inconsistencies || options_.with_referrals)
    start_affiliates();
  if (options_.with_urgencies) start_urgencies();
  if (options_.with_events) {
    std::filesystem::create_directories(dir_.str() + "/events-var");
    start_on_free_port("portal-events", events_port_, events_url_, events_, &PortalSystem::spawn_events);
  }
  if (options_.with_authorizations) {
    std::filesystem::create_directories(dir_.str() + "/authorizations-var");
    start_on_free_port("portal-authorizations", authorizations_port_, authorizations_url_, authorizations_,
                       &PortalSystem::spawn_authorizations);
  }
  if (options_.with_finance) {
    std::filesystem::create_directories(dir_.str() + "/finance-var");
    start_on_free_port("portal-finance", finance_port_, finance_url_, finance_, &PortalSystem::spawn_finance);
  }
  if (options_.with_inconsistencies) {
    std::filesystem::create_directories(dir_.str() + "/inconsistencies-var");
    start_on_free_port("portal-inconsistencies", inconsistencies_port_, inconsistencies_url_,
                       inconsistencies_, &PortalSystem::spawn_inconsistencies);
  }
  if (options_.with_referrals) {
    std::filesystem::create_directories(dir_.str() + "/referrals-var");
    start_on_free_port("portal-referrals", referrals_port_, referrals_url_, referrals_,
                       &PortalSystem::spawn_referrals);
  }
  for (int attempt = 0; attempt < 3; ++attempt) {
    gateway_port_ = free_port();
    gateway_url_ = url_of(gateway_port_);
    gateway_ = spawn_gateway(gateway_port_, options_.gateway_env, "gateway.log");
    if (gateway_->wait_ready(gateway_url_, options_.ready_timeout)) return;
    if (attempt == 2 || gateway_->running()) {
      const std::string tail = gateway_->log_tail();
      gateway_->kill();
      if (urgencies_) urgencies_->kill();
      if (authorizations_) authorizations_->kill();
      if (finance_) finance_->kill();
      if (inconsistencies_) inconsistencies_->kill();
      if (referrals_) referrals_->kill();
      if (events_) events_->kill();
      if (affiliates_) affiliates_->kill();
      auth_->kill();
      throw std::runtime_error("portal-gateway did not become ready at " + gateway_url_ + "\n" + tail);
    }
  }
}

PortalSystem::~PortalSystem() {
  if (gateway_) gateway_->terminate(std::chrono::seconds{3});
  for (auto& replica : more_urgencies_)
    if (replica) replica->terminate(std::chrono::seconds{3});
  if (urgencies_) urgencies_->terminate(std::chrono::seconds{3});
  if (authorizations_) authorizations_->terminate(std::chrono::seconds{3});
  if (finance_) finance_->terminate(std::chrono::seconds{3});
  if (inconsistencies_) inconsistencies_->terminate(std::chrono::seconds{3});
  if (referrals_) referrals_->terminate(std::chrono::seconds{3});
  if (events_) events_->terminate(std::chrono::seconds{3});
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

void PortalSystem::start_on_free_port(const char* name, int& port, std::string& url,
                                      std::unique_ptr<Process>& process,
                                      std::unique_ptr<Process> (PortalSystem::*spawn)()) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    port = free_port();
    url = url_of(port);
    process = (this->*spawn)();
    if (process->wait_ready(url, options_.ready_timeout)) return;
    if (attempt == 2 || process->running()) {
      const std::string tail = process->log_tail();
      process->kill();
      if (affiliates_ && affiliates_.get() != process.get()) affiliates_->kill();
      auth_->kill();
      throw std::runtime_error(std::string(name) + " did not become ready at " + url + "\n" + tail);
    }
  }
}

void PortalSystem::start_affiliates() {
  std::filesystem::create_directories(dir_.str() + "/affiliates-var");
  start_on_free_port("portal-affiliates", affiliates_port_, affiliates_url_, affiliates_,
                     &PortalSystem::spawn_affiliates);
}

void PortalSystem::start_urgencies() {
  std::filesystem::create_directories(dir_.str() + "/urgencies-var");
  std::string list;
  for (int i = 0; i < std::max(1, options_.urgencies_replicas); ++i) {
    spawning_replica_ = static_cast<std::size_t>(i);
    std::string url;
    if (i == 0) {
      start_on_free_port("portal-urgencies", urgencies_port_, url, urgencies_,
                         &PortalSystem::spawn_urgencies);
    } else {
      more_urgencies_.emplace_back();
      start_on_free_port("portal-urgencies", urgencies_port_, url, more_urgencies_.back(),
                         &PortalSystem::spawn_urgencies);
    }
    urgencies_urls_.push_back(url);
    list += (list.empty() ? "" : ",") + url;
  }
  urgencies_url_ = list;  // what the gateway balances over
}

std::unique_ptr<Process> PortalSystem::spawn_urgencies() {
  ProcessOptions o;
  o.binary = "portal-urgencies";
  o.env = {{"PORTAL_DEMO", "true"},        {"PORTAL_DATA_DIR", dir_.str() + "/urgencies-var"},
           {"PORTAL_HOST", "127.0.0.1"},   {"PORTAL_URGENCIES_PORT", std::to_string(urgencies_port_)},
           {"PORTAL_AUTH_URL", auth_url_}, {"PORTAL_AFFILIATES_URL", affiliates_url_}};
  for (const auto& [k, v] : options_.urgencies_env) o.env[k] = v;
  o.log_path = dir_.str() + "/urgencies" +
               (spawning_replica_ == 0 ? "" : "-" + std::to_string(spawning_replica_)) + ".log";
  o.working_dir = dir_.str();
  return std::make_unique<Process>(std::move(o));
}

std::unique_ptr<Process> PortalSystem::spawn_authorizations() {
  ProcessOptions o;
  o.binary = "portal-authorizations";
  o.env = {
      {"PORTAL_DEMO", "true"},        {"PORTAL_DATA_DIR", dir_.str() + "/authorizations-var"},
      {"PORTAL_HOST", "127.0.0.1"},   {"PORTAL_AUTHORIZATIONS_PORT", std::to_string(authorizations_port_)},
      {"PORTAL_AUTH_URL", auth_url_}, {"PORTAL_AFFILIATES_URL", affiliates_url_}};
  if (!events_url_.empty()) {
    o.env["PORTAL_EVENTS_URL"] = events_url_;
    o.env["PORTAL_FORWARDING_KEY"] = kEventsForwardingKey;
  }
  for (const auto& [k, v] : options_.authorizations_env) o.env[k] = v;
  o.log_path = dir_.str() + "/authorizations.log";
  o.working_dir = dir_.str();
  return std::make_unique<Process>(std::move(o));
}

std::unique_ptr<Process> PortalSystem::spawn_events() {
  ProcessOptions o;
  o.binary = "portal-events";
  o.env = {{"PORTAL_DATA_DIR", dir_.str() + "/events-var"},
           {"PORTAL_HOST", "127.0.0.1"},
           {"PORTAL_EVENTS_PORT", std::to_string(events_port_)},
           {"PORTAL_AUTH_URL", auth_url_},
           {"PORTAL_FORWARDING_KEY", kEventsForwardingKey}};
  for (const auto& [k, v] : options_.events_env) o.env[k] = v;
  o.log_path = dir_.str() + "/events.log";
  o.working_dir = dir_.str();
  return std::make_unique<Process>(std::move(o));
}

std::unique_ptr<Process> PortalSystem::spawn_finance() {
  ProcessOptions o;
  o.binary = "portal-finance";
  o.env = {{"PORTAL_DEMO", "true"},
           {"PORTAL_DATA_DIR", dir_.str() + "/finance-var"},
           {"PORTAL_HOST", "127.0.0.1"},
           {"PORTAL_FINANCE_PORT", std::to_string(finance_port_)},
           {"PORTAL_AUTH_URL", auth_url_}};
  if (!events_url_.empty()) {  // issue 19: the jobs' events
    o.env["PORTAL_EVENTS_URL"] = events_url_;
    o.env["PORTAL_FORWARDING_KEY"] = kEventsForwardingKey;
  }
  for (const auto& [k, v] : options_.finance_env) o.env[k] = v;
  o.log_path = dir_.str() + "/finance.log";
  o.working_dir = dir_.str();
  return std::make_unique<Process>(std::move(o));
}

std::unique_ptr<Process> PortalSystem::spawn_referrals() {
  ProcessOptions o;
  o.binary = "portal-referrals";
  o.env = {{"PORTAL_DEMO", "true"},        {"PORTAL_DATA_DIR", dir_.str() + "/referrals-var"},
           {"PORTAL_HOST", "127.0.0.1"},   {"PORTAL_REFERRALS_PORT", std::to_string(referrals_port_)},
           {"PORTAL_AUTH_URL", auth_url_}, {"PORTAL_AFFILIATES_URL", affiliates_url_}};
  if (!events_url_.empty()) {
    o.env["PORTAL_EVENTS_URL"] = events_url_;
    o.env["PORTAL_FORWARDING_KEY"] = kEventsForwardingKey;
  }
  for (const auto& [k, v] : options_.referrals_env) o.env[k] = v;
  o.log_path = dir_.str() + "/referrals.log";
  o.working_dir = dir_.str();
  return std::make_unique<Process>(std::move(o));
}

std::unique_ptr<Process> PortalSystem::spawn_inconsistencies() {
  ProcessOptions o;
  o.binary = "portal-inconsistencies";
  o.env = {{"PORTAL_DEMO", "true"},
           {"PORTAL_DATA_DIR", dir_.str() + "/inconsistencies-var"},
           {"PORTAL_HOST", "127.0.0.1"},
           {"PORTAL_INCONSISTENCIES_PORT", std::to_string(inconsistencies_port_)},
           {"PORTAL_AUTH_URL", auth_url_},
           {"PORTAL_AFFILIATES_URL", affiliates_url_},
           {"PORTAL_INCONSISTENCIES_CLIENT_SECRET", "demo-inconsistencies-secret-2026"}};
  if (!events_url_.empty()) {
    o.env["PORTAL_EVENTS_URL"] = events_url_;
    o.env["PORTAL_FORWARDING_KEY"] = kEventsForwardingKey;
  }
  for (const auto& [k, v] : options_.inconsistencies_env) o.env[k] = v;
  o.log_path = dir_.str() + "/inconsistencies.log";
  o.working_dir = dir_.str();
  return std::make_unique<Process>(std::move(o));
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

std::unique_ptr<Process> PortalSystem::spawn_gateway(int port,
                                                     const std::map<std::string, std::string>& extra,
                                                     const std::string& log_name) {
  ProcessOptions o;
  o.binary = "portal-gateway";
  o.env = {{"PORTAL_DATA_DIR", data_dir()},
           {"PORTAL_HOST", "127.0.0.1"},
           {"PORTAL_GATEWAY_PORT", std::to_string(port)},
           {"PORTAL_AUTH_URL", auth_url_},
           {"PORTAL_OPENAPI_FILE", source_dir() + "/api/openapi.yaml"}};
  if (!affiliates_url_.empty()) o.env["PORTAL_AFFILIATES_URL"] = affiliates_url_;
  if (!urgencies_url_.empty()) o.env["PORTAL_URGENCIES_URL"] = urgencies_url_;
  if (!authorizations_url_.empty()) o.env["PORTAL_AUTHORIZATIONS_URL"] = authorizations_url_;
  if (!finance_url_.empty()) o.env["PORTAL_FINANCE_URL"] = finance_url_;
  if (!events_url_.empty()) o.env["PORTAL_EVENTS_URL"] = events_url_;
  if (!inconsistencies_url_.empty()) o.env["PORTAL_INCONSISTENCIES_URL"] = inconsistencies_url_;
  if (!referrals_url_.empty()) o.env["PORTAL_REFERRALS_URL"] = referrals_url_;
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

void PortalSystem::kill_affiliates() { affiliates_->kill(); }

void PortalSystem::restart_affiliates() {
  affiliates_->kill();
  affiliates_ = spawn_affiliates();
  if (!affiliates_->wait_ready(affiliates_url_, options_.ready_timeout))
    throw std::runtime_error("portal-affiliates did not come back at " + affiliates_url_ + "\n" +
                             affiliates_->log_tail());
}

std::unique_ptr<Process> PortalSystem::start_extra_gateway(const std::map<std::string, std::string>& env,
                                                           int& port) {
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
  if (urgencies_) out += "\n--- urgencies log (tail) ---\n" + urgencies_->log_tail(3000);
  for (std::size_t i = 0; i < more_urgencies_.size(); ++i)
    if (more_urgencies_[i])
      out += "\n--- urgencies replica " + std::to_string(i + 1) + " log (tail) ---\n" +
             more_urgencies_[i]->log_tail(2000);
  if (authorizations_) out += "\n--- authorizations log (tail) ---\n" + authorizations_->log_tail(3000);
  if (finance_) out += "\n--- finance log (tail) ---\n" + finance_->log_tail(3000);
  if (inconsistencies_) out += "\n--- inconsistencies log (tail) ---\n" + inconsistencies_->log_tail(3000);
  if (referrals_) out += "\n--- referrals log (tail) ---\n" + referrals_->log_tail(3000);
  if (events_) out += "\n--- events log (tail) ---\n" + events_->log_tail(3000);
  if (gateway_) out += "\n--- gateway log (tail) ---\n" + gateway_->log_tail(3000);
  return out;
}

}  // namespace portal::test
