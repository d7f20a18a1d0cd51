#pragma once
// GW-2 / AUTH-4: the registered and private claims of a signature-checked token, checked against the
// verifier's options and turned into a Principal. Pure: the current time is a parameter.
#include <rapidjson/document.h>

#include "portal/security/jwt.hpp"

namespace portal::security::detail {

VerifyResult principal_from_claims(const rapidjson::Value& payload, const VerifierOptions& options, long long now);

}  // namespace portal::security::detail
