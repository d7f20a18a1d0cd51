#include "gateway_app.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "api_reference.hpp"
#include "audit_fan_out.hpp"
#include "body_admission.hpp"
#include "documented_routes.hpp"
#include "gateway_settings.hpp"
#include "health_checker.hpp"
#include "jwks_cache.hpp"
#include "portal/audit/audit_route.hpp"
#include "portal/audit/retention.hpp"
#include "portal/core/log.hpp"
#include "portal/http/cache_policy.hpp"
#include "portal/http/problem_types.hpp"
#include "portal/http/revocations.hpp"
#include "portal/http/server.hpp"
#include "portal/metrics/metrics.hpp"
#include "portal/security/jwt.hpp"
#include "portal/service/config_options.hpp"
#include "portal/service/route_list.hpp"
#include "proxy.hpp"
#include "public_routes.hpp"
#include "rate_limiter.hpp"
#include "refusal_trail.hpp"
#include "route_table.hpp"

namespace portal::gateway {

namespace {

// AFF-4 roster uploads (issue 3) and the ERP's payment loads (FIN-1, issue 18): the routes allowed a body
// beyond PORTAL_MAX_BODY_BYTES.
constexpr std::string_view kAffiliateImportsPath = "/api/v1/affiliates/imports";
constexpr std::string_view kPaymentImportsPath = "/api/v1/payments/imports";
// Issue 19 (FIN-4): the providers' portfolio files (up to 50,000 invoices) and the ERP's invoice view.
constexpr std::string_view kPortfolioRequestsPath = "/api/v1/portfolio-requests";
constexpr std::string_view kPortfolioInvoiceImportsPath = "/api/v1/portfolio-invoices/imports";
// FIN-5/FIN-6: the ERP's glosa loads and the providers' answered glosa workbooks.
constexpr std::string_view kGlosaImportsPath = "/api/v1/glosas/imports";
constexpr std::string_view kGlosaResponsesPath = "/api/v1/glosa-responses";
// INC-2 (issue 17): a report with its attachment of up to 2,097,152 bytes, plus the report part and the
// multipart framing; the service answers 413 for an attachment one byte over.
constexpr std::string_view kInconsistencyReportsPath = "/api/v1/inconsistency-reports";
constexpr std::size_t kInconsistencyUploadBytes = 2097152 + 256 * 1024;

constexpr http::Method kProxiedMethods[] = {http::Method::get, http::Method::head,  http::Method::post,
                                            http::Method::put, http::Method::patch, http::Method::del};

http::ServerOptions server_options(const GatewaySettings& s) {
  http::ServerOptions o;
  o.service_name = "gateway";
  o.front = http::Front::asio;  // issue 14 item 4: streamed bodies, upstream calls on the I/O threads
  o.host = s.host;
  o.port = s.port;
  o.io_threads = s.io_threads;
  o.worker_threads = s.worker_threads;
  o.max_body_bytes = s.max_body_bytes;
  o.body_limits = {{http::Method::post, std::string(kAffiliateImportsPath), s.max_import_bytes},
                   {http::Method::post, std::string(kPaymentImportsPath), s.max_import_bytes},
                   {http::Method::post, std::string(kPortfolioRequestsPath), s.max_import_bytes},
                   {http::Method::post, std::string(kPortfolioInvoiceImportsPath), s.max_import_bytes},
                   {http::Method::post, std::string(kGlosaImportsPath), s.max_import_bytes},
                   {http::Method::post, std::string(kGlosaResponsesPath), s.max_import_bytes},
                   {http::Method::post, std::string(kInconsistencyReportsPath),
                    std::max(s.max_body_bytes, kInconsistencyUploadBytes)}};
  o.cors_origins = s.cors_origins;
  o.request_timeout = s.request_timeout;
  o.trusted_proxies =
      s.trusted_proxies;  // no forwarding_key: the gateway signs X-Portal-Client, never believes it
  o.metrics_access = s.metrics_access;
  // Issue 20: the API reference runs Swagger UI; only /docs gets the policy that lets it work.
  o.security_policies = {{"/docs", kApiReferenceSecurityPolicy}};
  return o;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

http::ClientOptions client_options(const GatewaySettings& s) {
  http::ClientOptions o;
  o.connect_timeout = s.connect_timeout;
  o.read_timeout = s.read_timeout;
  o.idempotent_retries = s.idempotent_retries;
  o.pool_size = static_cast<std::size_t>(s.worker_threads);
  o.breaker_failures = s.breaker_failures;
  o.breaker_open_for = s.breaker_open_for;
  return o;
}

HealthCheckOptions health_options(const GatewaySettings& s) {
  HealthCheckOptions o;
  o.interval = s.health_interval;
  o.timeout = s.health_timeout;
  o.connect_timeout = s.connect_timeout;
  return o;
}

security::VerifierOptions verifier_options(const GatewaySettings& s) {
  security::VerifierOptions o;
  o.issuer = s.jwt_issuer;
  o.audience = s.jwt_audience;
  return o;
}

// The gateway judges every request by the polled list; the service performing a write re-checks it.
http::RevocationFeedOptions gateway_revocation_options(const core::Config& config) {
  auto o = service::revocation_options(config);
  o.recheck_writes = false;
  return o;
}

http::Response rate_limited(const http::Request& req, const RateDecision& decision,
                            prometheus::Family<prometheus::Counter>& refused) {
  refused.Add({{"service", "gateway"}, {"limit", std::string{decision.limit}}}).Increment();
  return http::problem(req, http::too_many_requests())
      .with_header("Retry-After", std::to_string(decision.retry_after.count()));
}

}  // namespace

struct GatewayApp::Parts {
  Parts(const core::Config& config, const core::Clock& clock_ref)
      : config(config),
        settings(settings_from_config(config)),
        clock(clock_ref),
        log("gateway", settings.log_level),
        metrics("gateway"),
        health_metrics(metrics),
        verifier(verifier_options(settings), clock),
        auth("auth", settings.auth_instances, client_options(settings), &health_metrics, &log),
        affiliates("affiliates", settings.affiliates_instances, client_options(settings), &health_metrics,
                   &log),
        urgencies("urgencies", settings.urgencies_instances, client_options(settings), &health_metrics, &log),
        authorizations("authorizations", settings.authorizations_instances, client_options(settings),
                       &health_metrics, &log),
        finance("finance", settings.finance_instances, client_options(settings), &health_metrics, &log),
        events("events", settings.events_instances, client_options(settings), &health_metrics, &log),
        inconsistencies("inconsistencies", settings.inconsistencies_instances, client_options(settings),
                        &health_metrics, &log),
        referrals("referrals", settings.referrals_instances, client_options(settings), &health_metrics, &log),
        health({&auth, &affiliates, &urgencies, &authorizations, &finance, &events, &inconsistencies,
                &referrals},
               health_options(settings)),
        jwks(auth, verifier, log, JwksCacheOptions{settings.jwks_retry, settings.jwks_refresh}),
        revocations(
            http::signed_feed_loader(fetch_from_upstream(auth, log, http::kRevocationsPath), verifier), log,
            gateway_revocation_options(config)),
        limiter(settings.rate_limits),
        route_table(default_route_table()),
        public_routes(default_public_routes()),
        proxy(route_table,
              {{"auth", &auth},
               {"affiliates", &affiliates},
               {"urgencies", &urgencies},
               {"authorizations", &authorizations},
               {"finance", &finance},
               {"events", &events},
               {"inconsistencies", &inconsistencies},
               {"referrals", &referrals}},
              metrics, settings.forwarded_proto),
        audit_fan_out({&auth, &affiliates, &urgencies, &authorizations, &finance, &events, &inconsistencies,
                       &referrals},
                      settings.forwarded_proto),
        server(with_edge_checks(server_options(settings)), log, metrics, &verifier) {
    // Issue 14 item 5: access log lines are buffered and written off the request path.
    log.write_in_background();
    bodies_refused =
        &prometheus::BuildCounter()
             .Name("gateway_bodies_refused_total")
             .Help("Request bodies refused from their head, before being read (issue 9), by status")
             .Labels({{"service", "gateway"}})
             .Register(metrics.prom());
    rate_limited_total = &prometheus::BuildCounter()
                              .Name("gateway_rate_limited_total")
                              .Help(
                                  "Requests refused with 429 by the gateway's rate limits, by limit "
                                  "(login_address, address, account)")
                              .Register(metrics.prom());
    for (const char* limit : {"login_address", "address", "account"})
      rate_limited_total->Add({{"service", "gateway"}, {"limit", limit}});
    auto& circuits =
        prometheus::BuildGauge()
            .Name("upstream_circuit_open")
            .Help("1 while the circuit breaker of an upstream instance is open (calls fail fast)")
            .Register(metrics.prom());
    metrics.on_scrape([this, &circuits] {
      for (const Upstream* upstream :
           {&auth, &affiliates, &urgencies, &authorizations, &finance, &events, &inconsistencies, &referrals})
        for (std::size_t i = 0; i < upstream->instance_count(); ++i)
          circuits
              .Add({{"service", "gateway"},
                    {"upstream", upstream->name()},
                    {"instance", upstream->instance_label(i)}})
              .Set(upstream->circuit_open(i) ? 1 : 0);
    });
    load_api_reference();
    add_routes();
  }

  // Issue 20: /docs is built once from the contract and the packaged Swagger UI; when either is missing
  // the gateway still starts (it is a convenience for developers), logs why, and /docs answers 404.
  void load_api_reference() {
    std::string yaml;
    try {
      yaml = read_text(settings.openapi_file);
    } catch (const std::exception& e) {
      log.warn("api_reference_unavailable", {{"error", e.what()}});
    }
    api_reference = std::make_unique<ApiReference>(settings.swagger_ui_dir, yaml);
    if (!api_reference->available())
      log.warn("api_reference_unavailable", {{"error", api_reference->reason()}});
  }

  // Issue 9: a body is refused from the request head (bad token, or a large upload by a caller not allowed
  // to make one) before the gateway reads it (item 6); revoked tokens are refused (item 5).
  http::ServerOptions with_edge_checks(http::ServerOptions o) {
    o.admit_body = [this](const http::RequestHeadInfo& head) -> std::optional<http::Problem> {
      auto verdict = admit_body(head, public_routes, verifier, settings.max_body_bytes);
      if (verdict.keys_needed) jwks.refresh_now();
      if (verdict.refusal) {
        bodies_refused->Add({{"status", std::to_string(verdict.refusal->status)}}).Increment();
        if (verdict.refusal->status == 401 && head.authorization)
          note_refused_token(*head.authorization, std::string{head.peer}, "-", head.method, "upload");
      }
      return verdict.refusal;
    };
    o.is_revoked = [this](const security::Principal& p, bool write) { return revocations.revoked(p, write); };
    return o;
  }

  void add_routes() {
    server.add_standard_routes([this]() -> std::string {
      return verifier.known_keys() > 0 ? std::string{} : std::string{"jwks_not_loaded"};
    });
    server.route(
        http::Method::get, "/.well-known/jwks.json", [this](http::Request& req) { return serve_jwks(req); },
        http::Access::public_route);
    server.route(
        http::Method::get, "/openapi.yaml", [this](http::Request& req) { return serve_openapi(req); },
        http::Access::public_route);
    // Issue 14: the problem pages and /docs are built in memory at start-up: answered on the I/O thread.
    // Issue 10: a problem's `type` ("/problems/<code>", resolved against the URL the client called) lands
    // here: a human-readable page for every code of the API (libs/http problem_types).
    server.route(
        http::Method::get, "/problems/:code", [](http::Request& req) { return serve_problem_type(req); },
        http::Access::public_route, http::Work::non_blocking);
    // Issue 20: the browsable API reference (Swagger UI), public like the document it shows.
    server.route(
        http::Method::get, "/docs", [this](http::Request& req) { return serve_docs_page(req); },
        http::Access::public_route, http::Work::non_blocking);
    server.route(
        http::Method::get, "/docs/openapi.json",
        [this](http::Request& req) { return serve_docs_openapi(req); }, http::Access::public_route,
        http::Work::non_blocking);
    server.route(
        http::Method::get, "/docs/assets/:name", [this](http::Request& req) { return serve_docs_asset(req); },
        http::Access::public_route, http::Work::non_blocking);
    // Issue 10: every documented operation is its own template, so RED metrics (GW-3) tell a list from a
    // detail, a PDF or a POST; one catch-all per area ("/api/v1/users/*" also covers "/api/v1/users")
    // forwards the rest, labelled by area. Access is decided in proxy_request by the explicit allow-list,
    // not per template, because one area mixes public and protected routes.
    // Issue 20 part 3: the audit trail of every service in one answer (audit_fan_out.hpp).
    server.route(
        http::Method::get, audit::kAuditPath,
        [this](http::Request& req) {
          if (auto refused = edge_checks(req)) return std::move(*refused);
          return audit_fan_out.answer(req);
        },
        http::Access::public_route);
    for (const auto& [method, path] : documented_api_routes())
      server.forward_route(method, path, [this](http::Request& req) { return proxy_request(req); });
    for (const auto& entry : route_table.entries())
      for (auto method : kProxiedMethods)
        server.forward_route(method, entry.prefix + "/*",
                             [this](http::Request& req) { return proxy_request(req); });
  }

  // The operations of api/openapi.yaml under the proxied areas; none (areas only) when the document
  // cannot be read, which is logged.
  std::vector<std::pair<http::Method, std::string>> documented_api_routes() {
    std::ifstream in(settings.openapi_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    try {
      if (!in) throw std::runtime_error("cannot read " + settings.openapi_file);
      return documented_routes(text.str(), route_table);
    } catch (const std::exception& e) {
      log.warn("route_templates_unavailable", {{"error", e.what()}});
      return {};
    }
  }

  // Issue 14 item 4: decided on the I/O thread from the head (the token is verified already); the server's
  // Asio front streams the body and the answer.
  std::variant<http::Response, http::ForwardPlan> proxy_request(http::Request& req) {
    if (auto refused = edge_checks(req)) return std::move(*refused);
    return proxy.plan(req);
  }

  // What every forwarded request passes first: the rate limits and, off the public allow-list, a token.
  std::optional<http::Response> edge_checks(http::Request& req) {
    const auto now = clock.now();
    if (auto d = limiter.check_address(req.client_ip, is_credential_route(req.method, req.path), now);
        !d.allowed)
      return rate_limited(req, d, *rate_limited_total);
    if (!public_routes.is_public(req.method, req.path)) {
      if (!req.principal) {
        // Without auth's keys no token can be judged: say the service is unavailable rather than
        // telling a client with a good token that it is invalid.
        const auto authorization = req.header("Authorization");
        if (verifier.known_keys() == 0 && authorization)
          return http::problem(req, http::service_unavailable("auth"));
        if (authorization)
          note_refused_token(*authorization, req.client_ip, req.request_id, req.method, req.route);
        return http::problem(req, http::unauthorized());
      }
    }
    if (req.principal) {
      if (auto d = limiter.check_account(req.principal->subject, now); !d.allowed)
        return rate_limited(req, d, *rate_limited_total);
    }
    return std::nullopt;
  }

  // Issue 20: a presented token the gateway refused goes to the gateway's own audit trail, with why
  // (expired, bad_signature, ..., or revoked), the route template (never the path: it may carry personal
  // data) and, for a revoked token, whose it was. Never the token itself.
  void note_refused_token(std::string_view authorization, std::string client_ip, std::string request_id,
                          http::Method method, std::string_view route) {
    if (!refusals) return;
    audit::Entry e;
    e.at = clock.now();
    e.client_ip = std::move(client_ip);
    e.request_id = std::move(request_id);
    e.action = "token_refused";
    e.resource_type = "access_token";
    e.resource_id = "-";
    std::string reason = "not_bearer";
    if (const auto token = http::policy::bearer_token(authorization)) {
      const auto verified = verifier.verify_with_known_keys(*token);
      if (verified.ok()) {
        reason = "revoked";
        e.subject = verified.principal->subject;
        e.user_type = verified.principal->user_type;
        e.provider_nit = verified.principal->provider_nit;
        e.resource_id = verified.principal->jti;
      } else {
        reason = verified.error ? std::string{security::to_string(*verified.error)} : "invalid";
      }
    }
    e.summary = R"({"reason":")" + core::json_escape(reason) + R"(","method":")" +
                std::string{http::to_string(method)} + R"(","route":")" + core::json_escape(route) + "\"}";
    refusals->note(std::move(e));
  }

  http::Response serve_jwks(const http::Request& req) {
    auto doc = jwks.document();
    if (!doc) return http::problem(req, http::service_unavailable("auth"));
    auto res = http::Response::json(200, std::move(*doc));
    return http::cache::public_reference(res);
  }

  static http::Response serve_problem_type(const http::Request& req) {
    const auto* type = http::find_problem_type(req.param("code").value_or(""));
    if (type == nullptr) return http::problem(req, http::not_found());
    http::Response r;
    r.status = 200;
    r.content_type = "text/html; charset=utf-8";
    r.body = http::problem_type_page(*type, req.lang);
    r.with_language(req.lang);
    return http::cache::public_reference(r);  // reference data, the same for everyone
  }

  static http::Response reference_answer(std::string content_type, std::string body) {
    http::Response r;
    r.status = 200;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    return http::cache::public_reference(r);
  }

  http::Response serve_docs_page(const http::Request& req) const {
    if (!api_reference->available()) return http::problem(req, http::not_found());
    return reference_answer("text/html; charset=utf-8", std::string{ApiReference::page()});
  }

  http::Response serve_docs_openapi(const http::Request& req) const {
    if (!api_reference->available()) return http::problem(req, http::not_found());
    return reference_answer("application/json", api_reference->openapi_json());
  }

  http::Response serve_docs_asset(const http::Request& req) const {
    const auto* file =
        api_reference->available() ? api_reference->asset(req.param("name").value_or("")) : nullptr;
    if (file == nullptr) return http::problem(req, http::not_found());
    return reference_answer(file->content_type, file->body);
  }

  http::Response serve_openapi(const http::Request& req) {
    std::ifstream in(settings.openapi_file, std::ios::binary);
    if (!in) return http::problem(req, http::not_found());
    std::ostringstream text;
    text << in.rdbuf();
    http::Response r;
    r.status = 200;
    r.content_type = "application/yaml";
    r.body = text.str();
    return http::cache::public_reference(r);
  }

  core::Config config;
  GatewaySettings settings;
  const core::Clock& clock;
  core::Logger log;
  metrics::Registry metrics;
  UpstreamHealthMetrics health_metrics;
  security::TokenVerifier verifier;
  Upstream auth;
  Upstream affiliates;
  Upstream urgencies;
  Upstream authorizations;   // issue 12
  Upstream finance;          // issue 18
  Upstream events;           // issue 15
  Upstream inconsistencies;  // issue 17
  Upstream referrals;        // issue 16
  HealthChecker health;      // after the upstreams it checks: stopped and destroyed before them
  JwksCache jwks;
  http::RevocationFeed revocations;  // issue 9: tokens revoked in auth are refused here within seconds
  RateLimiter limiter;
  RouteTable route_table;
  PublicRoutes public_routes;
  Proxy proxy;
  AuditFanOut audit_fan_out;
  std::unique_ptr<ApiReference> api_reference;  // issue 20: /docs
  std::unique_ptr<RefusalTrail> refusals;       // issue 20: tokens refused here; opened by start()
  prometheus::Family<prometheus::Counter>* bodies_refused = nullptr;
  prometheus::Family<prometheus::Counter>* rate_limited_total = nullptr;
  http::Server server;  // last: destroyed (and stopped) first, while everything it calls still exists
};

GatewayApp::GatewayApp(const core::Config& config, const core::Clock& clock)
    : parts_(std::make_unique<Parts>(config, clock)) {}

GatewayApp::~GatewayApp() { stop(); }

void GatewayApp::start() {
  // Read (or created) at start, not at construction: --list-routes touches no file.
  parts_->proxy.set_forwarding_key(service::forwarding_key(parts_->config));
  parts_->proxy.set_timeouts(parts_->settings.connect_timeout, parts_->settings.read_timeout);
  parts_->audit_fan_out.set_forwarding_key(service::forwarding_key(parts_->config));
  // Opened here, not at construction: --list-routes touches no file.
  parts_->refusals = std::make_unique<RefusalTrail>(
      service::database_options(parts_->config, "gateway", parts_->config.get("PORTAL_DATA_DIR", "var")),
      parts_->log, parts_->clock, audit::retention_days(parts_->config));
  parts_->audit_fan_out.set_local(
      [refusals = parts_->refusals.get()](const http::Request& req) { return refusals->answer(req); });
  parts_->server.start();
  parts_->health.start();
  parts_->jwks.start();
  parts_->revocations.start();
  parts_->log.info(
      "gateway_started",
      {{"port", static_cast<long long>(parts_->server.port())},
       {"auth_instances", static_cast<long long>(parts_->auth.instance_count())},
       {"affiliates_instances", static_cast<long long>(parts_->affiliates.instance_count())},
       {"urgencies_instances", static_cast<long long>(parts_->urgencies.instance_count())},
       {"authorizations_instances", static_cast<long long>(parts_->authorizations.instance_count())},
       {"finance_instances", static_cast<long long>(parts_->finance.instance_count())},
       {"referrals_instances", static_cast<long long>(parts_->referrals.instance_count())},
       {"events_instances", static_cast<long long>(parts_->events.instance_count())},
       {"inconsistencies_instances", static_cast<long long>(parts_->inconsistencies.instance_count())},
       {"health_interval_ms", static_cast<long long>(parts_->settings.health_interval.count())}});
}

void GatewayApp::stop() {
  parts_->server.stop();
  if (parts_->refusals) parts_->refusals->stop();
  parts_->revocations.stop();
  parts_->jwks.stop();
  parts_->health.stop();
}

std::uint16_t GatewayApp::port() const { return parts_->server.port(); }
bool GatewayApp::keys_loaded() const { return parts_->jwks.loaded(); }
std::vector<std::pair<http::Method, std::string>> GatewayApp::routes() const {
  return parts_->server.routes();
}

std::vector<std::string> GatewayApp::list_routes(const core::Config& config) {
  core::SystemClock clock;
  return service::route_lines(GatewayApp(config, clock).routes());
}

}  // namespace portal::gateway
