#pragma once
// REF-4 query parameters (manual 000 §4.2.3) read from a list request, every bad one reported at once:
//   date_from, date_to            YYYY-MM-DD, Bogotá days of the registration (inclusive; from ≤ to)
//   document_type, document_number, child_number   the affiliate ("copy": find the open one of a person)
//   requested_service             services code
//   service_type                  pos | non_pos
//   referral_type                 referral_types code
//   origin_nit, origin_department_code, origin_municipality_code
//   destination_nit, destination_department_code, destination_municipality_code
//   status                        open | in_process | closed | active (open and in_process)
//   page, per_page                SPEC §2 (libs/http pagination)
#include <optional>

#include "portal/core/clock.hpp"
#include "portal/core/errors.hpp"
#include "portal/http/query_reader.hpp"
#include "referral.hpp"
#include "referral_store.hpp"

namespace portal::referrals {

ReferralFilter parse_filter(const http::QueryParams& query, core::FieldErrors& errors);

// The created_at range the filter's dates mean (Bogotá day boundaries).
referral_store::TimeRange time_range(const ReferralFilter& filter);

}  // namespace portal::referrals
