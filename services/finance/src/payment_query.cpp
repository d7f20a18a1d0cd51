#include "payment_query.hpp"

#include "payment.hpp"
#include "portal/core/clock.hpp"
#include "portal/json/json.hpp"

namespace portal::finance {

PaymentsQuery read_payments_query(const http::QueryParams& query, core::FieldErrors& errors) {
  PaymentsQuery q;
  http::QueryReader in(query, errors);
  q.provider_nit = in.text("provider_nit");
  q.number = in.text("number");
  if (q.number) {
    if (q.number->size() > 30)
      in.error("number", "too_long", {"Máximo 30 caracteres", "At most 30 characters"});
    return q;
  }
  const bool from_sent = in.text("from").has_value();
  const bool to_sent = in.text("to").has_value();
  const auto from = in.date("from");
  const auto to = in.date("to");
  if (!from_sent) in.error("from", "required", json::required_message());
  if (!to_sent) in.error("to", "required", json::required_message());
  if (from && to && *to < *from)
    in.error("to", "before_from",
             {"La fecha fin no puede ser anterior a la fecha inicio",
              "The end date cannot precede the start date"});
  if (from) q.from = core::format_date(first_day_shown(*from));
  if (to) q.to = core::format_date(*to);
  return q;
}

InvoiceQuery read_invoice_query(const http::QueryParams& query, core::FieldErrors& errors) {
  InvoiceQuery q;
  http::QueryReader in(query, errors);
  const auto prefix = in.text("prefix");
  const auto suffix = in.text("suffix");
  if (!prefix)
    in.error("prefix", "required",
             {"El campo \"Prefijo Factura\", no puede estar vacío",
              "The field \"Invoice prefix\" cannot be empty"});
  if (!suffix)
    in.error("suffix", "required",
             {"El campo \"Sufijo Factura\", no puede estar vacío",
              "The field \"Invoice suffix\" cannot be empty"});
  q.prefix = prefix.value_or("");
  q.suffix = suffix.value_or("");
  return q;
}

}  // namespace portal::finance
