#include "delivery_policy.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace portal::events_hub {
namespace {

using namespace std::chrono_literals;

// The module a family of events belongs to (its type up to the first dot).
std::optional<std::string_view> module_of(std::string_view type) {
  const auto family = type.substr(0, type.find('.'));
  if (family == "authorization_request") return "authorizations";
  if (family == "inconsistency_report") return "inconsistencies";  // issue 17
  if (family == "referral") return "referrals";                    // issue 16
  if (family == "portfolio_request") return "portfolio";           // issue 19
  if (family == "glosa_response") return "glosas";                 // issue 19
  return std::nullopt;
}

}  // namespace

const Schedule& default_schedule() {
  static const Schedule kSchedule{5s, 5min, 30min, 2h, 5h, 10h, 10h};
  return kSchedule;
}

std::optional<std::chrono::milliseconds> next_retry(int failed_attempts, const Schedule& schedule) {
  if (failed_attempts < 1 || failed_attempts > static_cast<int>(schedule.size())) return std::nullopt;
  return schedule[static_cast<std::size_t>(failed_attempts - 1)];
}

Schedule parse_schedule(std::string_view text) {
  Schedule out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    auto item = text.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    long long ms = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), ms);
    if (item.empty() || ec != std::errc{} || end != item.data() + item.size() || ms < 1 || ms > 86'400'000)
      throw std::invalid_argument("PORTAL_WEBHOOKS_RETRY_SCHEDULE_MS: each delay is 1..86400000 ms");
    out.emplace_back(ms);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (out.empty() || out.size() > 20)
    throw std::invalid_argument("PORTAL_WEBHOOKS_RETRY_SCHEDULE_MS: 1 to 20 delays");
  return out;
}

const std::vector<std::string_view>& known_event_types() {
  static const std::vector<std::string_view> kTypes{"authorization_request.pending",
                                                    "authorization_request.approved",
                                                    "authorization_request.decided",
                                                    "inconsistency_report.filed",
                                                    "inconsistency_report.processed",  // issue 17
                                                    "referral.registered",
                                                    "referral.closed",  // issue 16
                                                    "portfolio_request.progress",
                                                    "portfolio_request.finished",
                                                    "glosa_response.finished"};  // issue 19
  return kTypes;
}

EventScope event_scope(const security::Principal& p) {
  if (p.is_employee()) {
    const bool reader = p.has_role("admin") || p.has_role("auditor") || p.has_role("agent");
    return {reader, std::nullopt};
  }
  if ((p.is_provider() || p.is_client()) && p.provider_nit) return {true, p.provider_nit};
  return {};  // an EPS-bound integrator (the ERP) or a broken token: nothing
}

bool may_read_type(const security::Principal& p, std::string_view type) {
  if (p.is_employee()) return event_scope(p).allowed;
  const auto module = module_of(type);
  if (p.is_provider()) return module ? p.has_permission(*module) : p.has_role("provider_admin");
  if (p.is_client())
    return module && std::find(p.permissions.begin(), p.permissions.end(), *module) != p.permissions.end();
  return false;
}

std::optional<std::string> webhook_owner(const security::Principal& p) {
  if (!p.provider_nit) return std::nullopt;
  if (p.is_provider() && p.has_role("provider_admin")) return p.provider_nit;
  if (p.is_client()) return p.provider_nit;
  return std::nullopt;
}

}  // namespace portal::events_hub
