#pragma once
// Reading an affiliate from a POST/PATCH JSON body: members present overwrite the target, null clears
// an optional member; type errors go to `errors`. Rules are applied afterwards on the whole record.
#include <rapidjson/document.h>

#include "affiliate.hpp"
#include "portal/core/errors.hpp"

namespace portal::affiliates {

void apply_json(const rapidjson::Value& body, Affiliate& target, core::FieldErrors& errors);

}  // namespace portal::affiliates
