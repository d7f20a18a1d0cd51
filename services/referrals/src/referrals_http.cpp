#include "referrals_http.hpp"

#include <cctype>

#include "portal/core/clock.hpp"
#include "portal/json/json.hpp"
#include "referral_store.hpp"

namespace portal::referrals {

http::Problem referral_not_found() {
  return http::make_problem(
      404, "referral_not_found", {"Referencia no encontrada", "Referral not found"},
      {"No existe una referencia con ese identificador.", "There is no referral with that id."});
}

http::Response open_referral_exists(const http::Request& req, long long open_id) {
  const auto id = std::to_string(open_id);
  auto res = http::problem(
      req, http::conflict(
               "open_referral_exists",
               {"El afiliado ya tiene la referencia abierta " + id +
                    ": registre los trámites en ella (solo se permite una referencia abierta por afiliado).",
                "The affiliate already has the open referral " + id +
                    ": record the steps on it (only one open referral per affiliate is allowed)."}));
  // REF-1 "pointing at the open one": its id in the problem and its address in Location.
  auto parsed = json::parse(res.body);
  if (parsed.ok()) {
    auto& doc = parsed.doc;
    doc.AddMember("open_referral_id", rapidjson::Value(static_cast<int64_t>(open_id)), doc.GetAllocator());
    res.body = json::to_string(doc);
  }
  res.with_header("Location", std::string{kReferrals} + "/" + id);
  return res;
}

http::Problem referral_closed() {
  return http::conflict("referral_closed", {"La referencia está cerrada: no admite más trámites ni cierres.",
                                            "The referral is closed: it takes no more steps or closures."});
}

http::Problem acceptance_required() {
  return http::conflict(
      "acceptance_required",
      {"Para cerrar por llegada del paciente a la IPS se requiere un trámite previo de "
       "\"Paciente aceptado en IPS\".",
       "Closing on the patient's arrival requires an earlier \"patient accepted at IPS\" step."});
}

http::Problem step_not_for_your_side() {
  return http::make_problem(
      403, "step_not_for_your_side", {"Trámite de la otra parte", "Step of the other side"},
      {"Ese trámite o cierre no corresponde a su prestador en esta referencia.",
       "That step or closure does not belong to your provider's side of this referral."});
}

http::Problem precondition_required() {
  return http::make_problem(
      428, "precondition_required", {"Falta If-Match", "If-Match required"},
      {"Un trámite exige el encabezado If-Match con el ETag de la referencia tal como la consultó (GET).",
       "A step requires the If-Match header with the ETag of the referral as you read it (GET)."});
}

http::Problem precondition_failed() {
  return http::make_problem(
      412, "precondition_failed", {"El recurso cambió", "The resource has changed"},
      {"La referencia cambió después de consultarla (otro trámite se registró): consúltela de nuevo.",
       "The referral changed after you read it (another step was recorded): read it again."});
}

http::Problem not_under_res2335(const Referral& r) {
  const auto day = core::bogota_date_string(r.created_at);
  return http::make_problem(
      406, "not_under_res2335",
      {"Registro anterior a la Res. 2335 de 2023", "Record predates Res. 2335 de 2023"},
      {"La referencia del " + day +
           " es anterior al 1 de abril de 2026 (Res. 3047 de 2008): el portal no tiene su formato; pida "
           "application/json.",
       "The referral of " + day +
           " predates 1 April 2026 (Res. 3047 de 2008): the portal has no form for it; ask "
           "for application/json."});
}

http::Problem no_counter_referral(long long seq) {
  return http::make_problem(
      404, "referral_not_found", {"Contrarreferencia no encontrada", "Counter-referral not found"},
      {"El trámite " + std::to_string(seq) + " de la referencia no es una contrarreferencia.",
       "Step " + std::to_string(seq) + " of the referral is not a counter-referral."});
}

std::optional<Referral> find_visible(ReferralsContext& ctx, long long id, const ReferralAccess& access) {
  auto found =
      ctx.db->read([&](db::Connection& c) { return referral_store::find_by_id(c, id, *ctx.catalogs); });
  if (!found) return found;
  if (access.own_provider && found->draft.origin.nit != *access.own_provider &&
      found->draft.destination.nit != *access.own_provider)
    return std::nullopt;
  return found;
}

std::string referral_etag(const Referral& r) {
  return "W/\"" + std::to_string(r.id) + "-" + std::to_string(r.version) + "\"";
}

bool wants_res2335_matrix(const std::optional<std::string>& accept) {
  if (!accept) return false;
  std::string lower = *accept;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find(kRes2335MatrixMediaType) != std::string::npos;
}

Allowed require(const http::Request& req, bool ReferralAccess::*action) {
  if (!req.principal) return {http::problem(req, http::unauthorized()), {}};
  auto access = referral_access(*req.principal);
  if (!(access.*action)) return {http::problem(req, http::forbidden()), access};
  return {std::nullopt, std::move(access)};
}

}  // namespace portal::referrals
