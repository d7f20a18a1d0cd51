#pragma once
// AUT-7: list filters from the query string, and the Bogotá days they cover as UTC instants. Pure: the
// clock reading is a parameter.
//   default: today's requests (Bogotá), and only pending ones for provider users;
//   request_number + request_year (the year is required with a number and may not be after the current
//   one; then no date default), date_from/date_to (inclusive, at most 366 days), status, document_type +
//   document_number, patient_location, service, traffic_light; sort=created (default; due_at with a traffic_light filter) | due_at | light;
//   page, per_page (1..200).
#include <map>
#include <string>

#include "authorization.hpp"
#include "authorization_store.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/core/errors.hpp"

namespace portal::authorizations {

using QueryParams = std::multimap<std::string, std::string, std::less<>>;

RequestFilter parse_filter(const QueryParams& query, const catalog::Catalogs& catalogs, core::Instant now,
                           bool provider_user, core::FieldErrors& errors);

TimeRange bogota_range(const RequestFilter& filter, core::Instant now);

}  // namespace portal::authorizations
