#include "affiliates_http.hpp"

#include <algorithm>
#include <cctype>

#include "affiliate_rules.hpp"
#include "portal/http/json_body.hpp"

namespace portal::affiliates {

http::Problem affiliate_not_found() {
  return http::make_problem(
      404, "affiliate_not_found", {"Afiliado no encontrado", "Affiliate not found"},
      {"La persona con ese tipo y número de documento no es afiliado de la EPS.",
       "The person with that document type and number is not an affiliate of the EPS."});
}

http::Problem affiliate_id_not_found() {
  return http::make_problem(
      404, "affiliate_not_found", {"Afiliado no encontrado", "Affiliate not found"},
      {"No existe un afiliado con ese identificador.", "There is no affiliate with that id."});
}

http::Problem affiliate_already_exists() {
  return http::conflict("affiliate_already_exists",
                        {"Ya existe un afiliado con ese tipo y número de documento.",
                         "An affiliate with that document type and number already exists."});
}

http::Problem precondition_failed() {
  return http::make_problem(
      412, "precondition_failed", {"El afiliado cambió", "The affiliate has changed"},
      {"El afiliado fue modificado después de consultarlo (If-Match no coincide). Consúltelo de nuevo.",
       "The affiliate was modified after you read it (If-Match does not match). Read it again."});
}

std::optional<http::Response> require(const http::Request& req, Capability capability) {
  if (!req.principal) return http::problem(req, http::unauthorized());
  if (!is_allowed(*req.principal, capability)) return http::problem(req, http::forbidden());
  return std::nullopt;
}

void write_opt(json::Writer& w, std::string_view key, const std::optional<std::string>& v) {
  json::write_key(w, key);
  json::write_optional(w, v);
}

void write_str(json::Writer& w, std::string_view key, std::string_view v) {
  json::write_key(w, key);
  json::write_string(w, v);
}

void write_affiliate_fields(json::Writer& w, const Affiliate& a, const AffiliatesContext& ctx,
                            core::Lang lang) {
  json::write_key(w, "id");
  w.Int64(a.id);
  write_opt(w, "document_type", a.document_type);
  write_opt(w, "document_number", a.document_number);
  write_str(w, "first_name", a.first_name);
  write_opt(w, "second_name", a.second_name);
  write_str(w, "first_surname", a.first_surname);
  write_opt(w, "second_surname", a.second_surname);
  write_str(w, "birth_date", a.birth_date);
  const auto birth = core::parse_date(a.birth_date);
  const int age = birth ? age_in_years(*birth, core::bogota_date(ctx.clock.now())) : 0;
  json::write_key(w, "age_years");
  w.Int(age);
  write_str(w, "sex", a.sex);
  write_str(w, "regime", a.regime);
  write_str(w, "affiliation_status", a.affiliation_status);
  write_str(w, "data_quality", a.data_quality);
  write_str(w, "municipality_code", a.municipality_code);
  write_opt(w, "address", a.address);
  write_opt(w, "phone", a.phone);
  write_opt(w, "mobile", a.mobile);
  write_opt(w, "email", a.email);
  json::write_key(w, "newborn_of");
  if (a.is_newborn()) {
    w.StartObject();
    write_opt(w, "document_type", a.newborn_of_type);
    write_opt(w, "document_number", a.newborn_of_number);
    w.EndObject();
  } else {
    w.Null();
  }
  json::write_key(w, "child_number");
  if (a.child_number) {
    w.Int64(*a.child_number);
  } else {
    w.Null();
  }
  json::write_key(w, "document_type_warning");
  const auto* hint = a.document_type ? ctx.ref.document_type(*a.document_type) : nullptr;
  const auto warning = hint && birth ? document_type_warning(*hint, age) : std::nullopt;
  if (warning) {
    w.StartObject();
    write_str(w, "code", warning->code);
    write_str(w, "message", warning->message.in(lang));
    w.EndObject();
  } else {
    w.Null();
  }
  // Manual 001 Imagen 14: operations for an inconsistent affiliate are refused by the clinical services,
  // which point the user to the attention line or to an inconsistency report.
  json::write_key(w, "data_quality_notice");
  if (a.data_quality == "inconsistent") {
    const auto line = ctx.attention_phone.empty() ? std::string{} : " " + ctx.attention_phone;
    const core::Text notice{
        "El afiliado presenta inconsistencias en la afiliación. Para realizar alguna operación "
        "comuníquese con la Línea de Atención al Usuario" +
            line + " o radique un informe de inconsistencias.",
        "The affiliate's enrolment data is inconsistent. To operate on this affiliate call the "
        "user attention line" +
            line + " or file an inconsistency report."};
    json::write_string(w, notice.in(lang));
  } else {
    w.Null();
  }
  json::write_key(w, "version");
  w.Int64(a.version);
  write_str(w, "created_at", a.created_at);
  write_str(w, "updated_at", a.updated_at);
}

void write_affiliate(json::Writer& w, const Affiliate& a, const AffiliatesContext& ctx, core::Lang lang) {
  w.StartObject();
  write_affiliate_fields(w, a, ctx, lang);
  w.EndObject();
}

std::string affiliate_body(const Affiliate& a, const AffiliatesContext& ctx, core::Lang lang) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  write_affiliate(w, a, ctx, lang);
  return std::string{buffer.GetString(), buffer.GetSize()};
}

}  // namespace portal::affiliates
