#include "urgencies_http.hpp"

#include <algorithm>
#include <cctype>

namespace portal::urgencies {
namespace {

Allowed require(const http::Request& req, bool UrgencyAccess::*action) {
  if (!req.principal) return {http::problem(req, http::unauthorized()), {}};
  auto access = urgency_access(*req.principal);
  if (!(access.*action)) return {http::problem(req, http::forbidden()), access};
  return {std::nullopt, std::move(access)};
}

}  // namespace

http::Problem duplicate_attention_number(const std::string& attention_number, const std::string& day) {
  return http::conflict(
      "duplicate_attention_number",
      {"El número de atención " + attention_number + " ya fue notificado por el prestador el " + day +
           " (el consecutivo se reinicia cada día).",
       "Attention number " + attention_number + " was already notified by the provider on " + day +
           " (the number restarts every day)."});
}

bool wants_res2335_matrix(const std::optional<std::string>& accept) {
  if (!accept) return false;
  std::string lower = *accept;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find(kRes2335MatrixMediaType) != std::string::npos;
}

http::Problem notification_not_found() {
  return http::make_problem(404, "notification_not_found",
                            {"Notificación no encontrada", "Notification not found"},
                            {"No existe una notificación de urgencia con ese identificador.",
                             "There is no emergency notification with that id."});
}

Allowed require_create(const http::Request& req) { return require(req, &UrgencyAccess::create); }
Allowed require_read(const http::Request& req) { return require(req, &UrgencyAccess::read); }

}  // namespace portal::urgencies
