#include <exception>

#include "policies.hpp"
#include "portal/db/errors.hpp"
#include "portal/http/cache_policy.hpp"
#include "portal/http/etag.hpp"
#include "server_impl.hpp"
#include "url.hpp"

namespace portal::http {
namespace {

std::string join_methods(const std::vector<Method>& methods) {
  std::string out;
  for (Method m : methods) {
    if (!out.empty()) out += ", ";
    out += to_string(m);
  }
  return out;
}

constexpr std::string_view kAllowedHeaders =
    "Authorization, Content-Type, Accept, Accept-Language, X-Request-Id, "
    "If-None-Match, If-Match, Idempotency-Key, Content-Disposition";
constexpr std::string_view kExposedHeaders =
    "X-Request-Id, ETag, Retry-After, WWW-Authenticate, Location, "
    "Content-Disposition, Content-Language, Link, Idempotent-Replayed";

}  // namespace

std::size_t Server::Impl::body_limit(Method method, std::string_view path) const {
  return policy::body_limit(options.body_limits, options.max_body_bytes, method, path);
}

std::size_t Server::Impl::max_request_bytes() const {
  std::size_t largest = options.max_body_bytes;
  for (const auto& limit : options.body_limits) largest = std::max(largest, limit.max_bytes);
  return largest + kMaxHeadBytes;
}

void Server::Impl::identify(Request& req) const {
  auto it = req.headers.find("X-Request-Id");
  if (it != req.headers.end() && policy::is_sane_request_id(it->second))
    req.request_id = it->second;
  else
    req.request_id = policy::generate_request_id();
  auto lang = req.headers.find("Accept-Language");
  req.lang = lang == req.headers.end() ? core::Lang::es : core::lang_from_accept_language(lang->second);
}

Response Server::Impl::handle(Request& req) {
  identify(req);
  const RouteEntry* entry = nullptr;
  std::optional<Response> res = route_request(req, entry);
  if (!res) res = run_route(req, *entry, false);
  finish(req, *res);
  return std::move(*res);
}

bool Server::Impl::origin_allowed(std::string_view origin) const {
  for (const auto& allowed : options.cors_origins)
    if (allowed == origin) return true;
  return false;
}

// GW-5: preflights are answered here (no route needs an OPTIONS handler). Origins outside the allow-list
// get a bare 204: without Access-Control-* headers the browser refuses the real request.
Response Server::Impl::preflight(const Request& req, const std::string& origin) const {
  Response res = Response::no_content();
  if (!origin_allowed(origin)) return res;
  std::vector<Method> methods;
  for (Method m : {Method::get, Method::head, Method::post, Method::put, Method::patch, Method::del}) {
    auto mm = table.match(m, req.path);
    if (mm.kind == RouteMatch::Kind::found) methods.push_back(m);
  }
  res.with_header("Access-Control-Allow-Methods", methods.empty()
                                                      ? std::string{"GET, HEAD, POST, PUT, PATCH, DELETE"}
                                                      : join_methods(methods));
  res.with_header("Access-Control-Allow-Headers", std::string{kAllowedHeaders});
  res.with_header("Access-Control-Max-Age", "600");
  return res;
}

std::optional<Response> Server::Impl::route_request(Request& req, const RouteEntry*& entry) const {
  const auto origin = req.header("Origin");
  if (req.method == Method::options && origin && req.headers.count("Access-Control-Request-Method"))
    return preflight(req, *origin);

  if (!url::is_safe_path(req.path)) return problem_response(invalid_path(), req.lang);

  RouteMatch match = table.match(req.method, req.path);
  switch (match.kind) {
    case RouteMatch::Kind::not_found:
      return problem_response(route_not_found(), req.lang);
    case RouteMatch::Kind::bad_path:
      return problem_response(invalid_path(), req.lang);
    case RouteMatch::Kind::method_not_allowed: {
      const std::string allow = join_methods(match.allowed);
      if (req.method == Method::options) return Response::no_content().with_header("Allow", allow);
      return problem_response(method_not_allowed(), req.lang).with_header("Allow", allow);
    }
    case RouteMatch::Kind::found:
      break;
  }
  req.route = std::move(match.route_template);
  req.params = std::move(match.params);
  entry = &entries[match.index];

  if (const auto limit = body_limit(req.method, req.path); req.body.size() > limit)
    return problem_response(payload_too_large(limit), req.lang);
  return std::nullopt;
}

bool Server::Impl::authenticate(Request& req, bool on_io_thread) const {
  // AUTH-4 / GW-2: only a verified token sets the principal; a bad token on a public route is ignored.
  const auto auth = req.headers.find("Authorization");
  if (auth == req.headers.end() || verifier == nullptr) return true;
  const auto token = policy::bearer_token(auth->second);
  if (!token) return true;
  try {
    // On an I/O thread the keys already known decide; a token naming another key waits for a JWKS
    // fetch, which is blocking work: the request moves to the pool.
    auto verified = on_io_thread ? verifier->verify_with_known_keys(*token) : verifier->verify(*token);
    if (on_io_thread && verified.error == security::VerifyError::unknown_kid) return false;
    // Issue 9: a token issued before its subject's revocation is no token at all.
    const bool write =
        req.method != Method::get && req.method != Method::head && req.method != Method::options;
    if (verified.ok() && options.is_revoked && options.is_revoked(*verified.principal, write)) {
      log.info("revoked_token_refused",
               {{"request_id", req.request_id}, {"subject", verified.principal->subject}});
      verified.principal.reset();
    }
    if (verified.ok()) {
      req.principal = std::move(verified.principal);
      req.bearer_token = std::string{*token};
    }
  } catch (const std::exception& e) {
    log.error("token_verification_failed", {{"request_id", req.request_id}, {"error", e.what()}});
  }
  return true;
}

std::optional<Response> Server::Impl::run_route(Request& req, const RouteEntry& entry, bool on_io_thread) {
  if (on_io_thread && entry.work != Work::non_blocking) return std::nullopt;
  if (!authenticate(req, on_io_thread)) return std::nullopt;
  if (entry.access == Access::authenticated && !req.principal) {
    return problem_response(unauthorized(), req.lang);  // finish() adds WWW-Authenticate
  }
  return call_handler(req, entry);
}

void Server::Impl::log_handler_exception(const Request& req, std::string_view what) const {
  log.error("handler_exception", {{"request_id", req.request_id}, {"route", req.route}, {"error", what}});
}

std::variant<Response, ForwardPlan> Server::Impl::call_forward(Request& req, const RouteEntry& entry) {
  if (entry.access == Access::authenticated && !req.principal)
    return problem_response(unauthorized(), req.lang);
  try {
    return entry.forward(req);
  } catch (const std::exception& e) {
    log_handler_exception(req, e.what());
  } catch (...) {
    log_handler_exception(req, "unknown");
  }
  return problem_response(internal_error(), req.lang);
}

std::string Server::Impl::client_address(std::string peer, const Headers& headers) const {
  if (!options.trusted_proxies.empty()) {
    const auto xff = headers.find("X-Forwarded-For");
    peer = client_behind_proxies(
        peer, xff == headers.end() ? std::nullopt : std::optional<std::string_view>{xff->second},
        options.trusted_proxies);
  }
  if (!options.forwarding_key.empty())
    if (auto signed_client = headers.find(kClientHeader); signed_client != headers.end())
      if (auto client = verify_client_header(options.forwarding_key, signed_client->second))
        return std::move(*client);
  return peer;
}

Response Server::Impl::call_handler(Request& req, const RouteEntry& entry) {
  // Storage errors a handler did not map (issue 8): the database refused or could not take the request.
  // Nothing was committed, so the client may retry; never a 500.
  auto storage_error = [&](const std::exception& e, std::string_view kind) {
    log.warn("storage_error", {{"request_id", req.request_id},
                               {"route", req.route},
                               {"kind", std::string(kind)},
                               {"error", e.what()}});
    metrics.observe_storage_error(kind);
  };
  try {
    return entry.handler(req);
  } catch (const db::Unavailable& e) {
    storage_error(e, "unavailable");
    return problem_response(storage_unavailable(), req.lang).with_header("Retry-After", "5");
  } catch (const db::SerializationFailure& e) {
    storage_error(e, "busy");
    return problem_response(storage_busy(), req.lang).with_header("Retry-After", "1");
  } catch (const db::UniqueViolation& e) {
    storage_error(e, "conflict");
    return problem_response(storage_conflict(), req.lang);
  } catch (const std::exception& e) {
    log_handler_exception(req, e.what());
  } catch (...) {
    log_handler_exception(req, "unknown");
  }
  return problem_response(internal_error(), req.lang);
}

void Server::Impl::finish(const Request& req, Response& res, bool body_known) const {
  // SPEC §2 cheap polling: weak ETag on successful JSON reads; a matching If-None-Match gets 304.
  if (body_known && res.status == 200 && (req.method == Method::get || req.method == Method::head) &&
      policy::is_json_media_type(policy::effective_content_type(res)) && !res.headers.count("ETag")) {
    std::string tag = weak_etag(res.body);
    auto inm = req.headers.find("If-None-Match");
    if (inm != req.headers.end() && etag_list_matches(inm->second, tag)) {
      res.status = 304;
      res.body.clear();
    }
    res.headers.insert_or_assign("ETag", std::move(tag));
  }
  // Issue 10: the handler's (or the upstream's) Cache-Control wins; else the class default.
  if (!res.headers.count("Cache-Control"))
    res.headers.emplace("Cache-Control", std::string{cache::default_for(req.method, res.status)});
  // RFC 6750 §3 / RFC 9110 §11.6.1: every 401 says how to authenticate, whoever produced it.
  if (res.status == 401 && !res.headers.count("WWW-Authenticate")) {
    const auto auth = req.headers.find("Authorization");
    const bool bearer_sent = auth != req.headers.end() && policy::bearer_token(auth->second);
    res.headers.emplace("WWW-Authenticate", bearer_sent ? "Bearer error=\"invalid_token\"" : "Bearer");
  }
  // GW-5: CORS only for allow-listed origins; Vary so caches never serve one origin's answer to another,
  // nor one language's to a client that asked for the other (issue 10). An upstream's Vary is kept.
  const auto vary = res.headers.find("Vary");
  std::vector<std::string_view> varies{"Origin"};
  if (res.headers.count("Content-Language")) varies.emplace_back("Accept-Language");
  res.headers.insert_or_assign(
      "Vary", policy::merge_vary(vary == res.headers.end() ? std::string_view{} : vary->second, varies));
  if (auto origin = req.headers.find("Origin");
      origin != req.headers.end() && origin_allowed(origin->second)) {
    res.headers.insert_or_assign("Access-Control-Allow-Origin", origin->second);
    res.headers.insert_or_assign("Access-Control-Expose-Headers", std::string{kExposedHeaders});
  }
  for (const auto& [name, value] : policy::security_headers())
    res.headers.insert_or_assign(std::string{name}, std::string{value});
  // Issue 20: a configured path (the gateway's /docs) may have its own policy; the rest keep the strict one.
  if (!options.security_policies.empty())
    res.headers.insert_or_assign("Content-Security-Policy", std::string{policy::content_security_policy(
                                                                options.security_policies, req.path)});
  res.headers.insert_or_assign("X-Request-Id", req.request_id);
}

void Server::Impl::record(const Request& req, const Response& res,
                          std::chrono::steady_clock::time_point started) const {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string_view route =
      req.route.empty() ? std::string_view{"unmatched"} : std::string_view{req.route};
  const std::string_view method = to_string(req.method);
  metrics.observe_request(route, method, res.status, seconds);
  // GW-3: one JSON line per request; never the query string or the body (they may carry personal data).
  const double duration_ms = seconds * 1000.0;
  if (req.principal) {
    log.info("request", {{"method", method},
                         {"route", route},
                         {"path", req.path},
                         {"status", res.status},
                         {"duration_ms", duration_ms},
                         {"request_id", req.request_id},
                         {"client_ip", req.client_ip},
                         {"subject", req.principal->subject}});
  } else {
    log.info("request", {{"method", method},
                         {"route", route},
                         {"path", req.path},
                         {"status", res.status},
                         {"duration_ms", duration_ms},
                         {"request_id", req.request_id},
                         {"client_ip", req.client_ip}});
  }
}

}  // namespace portal::http
