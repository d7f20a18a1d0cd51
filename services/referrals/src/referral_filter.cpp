#include "referral_filter.hpp"

#include "portal/catalog/catalogs.hpp"

namespace portal::referrals {

ReferralFilter parse_filter(const http::QueryParams& query, core::FieldErrors& errors) {
  ReferralFilter f;
  http::QueryReader q(query, errors);
  const auto from = q.date("date_from");
  const auto to = q.date("date_to");
  if (from) f.date_from = q.text("date_from");
  if (to) f.date_to = q.text("date_to");
  if (from && to && std::chrono::sys_days{*from} > std::chrono::sys_days{*to}) {
    q.error("date_to", "before_date_from",
            {"No puede ser anterior a date_from", "Cannot be before date_from"});
  }
  f.document_type = q.text("document_type");
  f.document_number = q.text("document_number");
  f.child_number = q.integer("child_number", 1, 20);
  f.requested_service = q.text("requested_service");
  f.pos = q.choice<bool>("service_type", {{"pos", true}, {"non_pos", false}});
  f.referral_type = q.text("referral_type");
  f.origin_nit = q.text("origin_nit");
  f.destination_nit = q.text("destination_nit");
  if (auto d = q.text("origin_department_code"))
    f.origin_department_code = catalog::normalize_code(catalog::kDepartments, *d);
  if (auto m = q.text("origin_municipality_code"))
    f.origin_municipality_code = catalog::normalize_code(catalog::kDivipola, *m);
  if (auto d = q.text("destination_department_code"))
    f.destination_department_code = catalog::normalize_code(catalog::kDepartments, *d);
  if (auto m = q.text("destination_municipality_code"))
    f.destination_municipality_code = catalog::normalize_code(catalog::kDivipola, *m);
  using Statuses = std::vector<Status>;
  if (auto s = q.choice<Statuses>("status", {{"open", Statuses{Status::open}},
                                             {"in_process", Statuses{Status::in_process}},
                                             {"closed", Statuses{Status::closed}},
                                             {"active", Statuses{Status::open, Status::in_process}}})) {
    f.statuses = *s;
  }
  return f;
}

referral_store::TimeRange time_range(const ReferralFilter& filter) {
  referral_store::TimeRange r;
  if (filter.date_from) {
    if (auto d = core::parse_date(*filter.date_from)) r.from = core::bogota_day_start(*d);
  }
  if (filter.date_to) {
    if (auto d = core::parse_date(*filter.date_to))
      r.to = core::bogota_day_start(*d) + std::chrono::hours(24);
  }
  return r;
}

}  // namespace portal::referrals
