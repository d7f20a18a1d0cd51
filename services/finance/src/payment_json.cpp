#include "payment_json.hpp"

#include "portal/core/clock.hpp"

namespace portal::finance {
namespace {

void member(json::Writer& w, std::string_view key, std::string_view value) {
  json::write_key(w, key);
  json::write_string(w, value);
}
void optional_member(json::Writer& w, std::string_view key, const std::optional<std::string>& value) {
  json::write_key(w, key);
  json::write_optional(w, value);
}
void money(json::Writer& w, std::string_view key, long long value) {
  json::write_key(w, key);
  w.Int64(value);
}

// "N/A" where the bank fields do not apply (Giro Directo/Cesión), else the stored value.
std::string bank_field(const Voucher& v, const std::optional<std::string>& value) {
  if (!bank_fields_apply(v.payment_form)) return std::string(kNotApplicable);
  return value.value_or("");
}

}  // namespace

void write_voucher(json::Writer& w, const Voucher& v, core::Lang lang, bool with_support) {
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(v.id);
  member(w, "voucher_number", v.voucher_number);
  member(w, "provider_nit", v.provider_nit);
  member(w, "payment_date", v.payment_date);
  member(w, "payment_form", to_string(v.payment_form));
  member(w, "payment_form_label", payment_form_label(v.payment_form, lang));
  member(w, "bank", bank_field(v, v.bank));
  member(w, "account_type", bank_field(v, v.account_type));
  member(w, "account_number", bank_field(v, v.account_number));
  member(w, "document_number", v.document_number);
  money(w, "amount_paid", v.amount_paid);
  money(w, "pending_to_apply", v.pending_to_apply);
  money(w, "pending_to_apply_advance", v.pending_to_apply_advance);
  optional_member(w, "company", v.company);
  json::write_key(w, "invoice_count");
  w.Int64(v.line_count);
  if (with_support) {
    optional_member(w, "support_email", v.support_email);
    std::optional<std::string> date, time;
    if (v.support_at) {
      if (const auto at = core::parse_rfc3339(*v.support_at)) {
        // Shown on the Bogotá clock, as the portal's screen shows it.
        const auto local = *at + core::kBogotaOffset;
        const auto day = std::chrono::floor<std::chrono::days>(local);
        date = core::format_date(std::chrono::year_month_day{day});
        const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
        char hhmm[16];
        std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", static_cast<int>(minutes / 60),
                      static_cast<int>(minutes % 60));
        time = hhmm;
      }
    }
    optional_member(w, "support_at", v.support_at);
    optional_member(w, "support_date", date);
    optional_member(w, "support_time", time);
  }
  w.EndObject();
}

void write_line_members(json::Writer& w, const InvoiceLine& l) {
  json::write_key(w, "line");
  w.Int(l.line_no);
  member(w, "source_number", l.source_number);
  member(w, "document_type", l.document_type);
  member(w, "invoice_prefix", l.invoice_prefix);
  member(w, "invoice_number", l.invoice_number);
  member(w, "invoice_suffix", l.invoice_suffix);
  member(w, "applied_suffix", l.applied_suffix);
  optional_member(w, "invoice_date", l.invoice_date);
  money(w, "invoice_value", l.invoice_value);
  money(w, "net_value", l.net_value);
  money(w, "paid_value", l.paid_value);
  money(w, "financial_discount", l.financial_discount);
  money(w, "balance", l.balance);
  money(w, "garnishments", l.garnishments);
  money(w, "iva", l.iva);
  money(w, "retefuente", l.retefuente);
  money(w, "reteica", l.reteica);
  money(w, "reteiva", l.reteiva);
  money(w, "stamp_tax", l.stamp_tax);
  money(w, "others", l.others);
  optional_member(w, "crossing_date", l.crossing_date);
  optional_member(w, "crossing_document", l.crossing_document);
  money(w, "crossing_value", l.crossing_value);
  money(w, "copay", l.copay);
  money(w, "moderating_fee", l.moderating_fee);
  optional_member(w, "company", l.company);
  optional_member(w, "filing_number", l.filing_number);
}

void write_line(json::Writer& w, const InvoiceLine& l) {
  w.StartObject();
  write_line_members(w, l);
  w.EndObject();
}

void write_load_report(json::Writer& w, const LoadReport& r, const std::vector<LoadError>& errors,
                       core::Lang lang) {
  w.StartObject();
  for (const auto& [key, n] : {std::pair{"received", r.received}, std::pair{"created", r.created},
                               std::pair{"replaced", r.replaced}, std::pair{"rejected", r.rejected}}) {
    json::write_key(w, key);
    w.Uint64(n);
  }
  json::write_key(w, "lines_loaded");
  w.Int64(r.lines_loaded);
  json::write_key(w, "errors");
  w.StartArray();
  for (const auto& e : errors) {
    w.StartObject();
    member(w, "voucher_number", e.voucher_number);
    json::write_key(w, "line");
    if (e.line)
      w.Int(*e.line);
    else
      w.Null();
    member(w, "field", e.error.field);
    member(w, "code", e.error.code);
    member(w, "message", e.error.message.in(lang));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace portal::finance
