#include "token_claims.hpp"

#include <cmath>

#include "jwt_json.hpp"

namespace portal::security::detail {

namespace {

VerifyResult fail(VerifyError e) { return VerifyResult{std::nullopt, e}; }

enum class Presence { absent, invalid, present };

// NumericDate (RFC 7519 §2): seconds, possibly fractional.
Presence numeric_date(const rapidjson::Value& obj, const char* name, long long& out) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd()) return Presence::absent;
  const auto& v = it->value;
  if (v.IsInt64()) {
    out = v.GetInt64();
    return Presence::present;
  }
  if (v.IsDouble() && std::isfinite(v.GetDouble()) && std::fabs(v.GetDouble()) < 1e15) {
    out = static_cast<long long>(std::floor(v.GetDouble()));
    return Presence::present;
  }
  return Presence::invalid;
}

// Absent or null → nullopt; a non-string makes the token malformed.
bool optional_string(const rapidjson::Value& obj, const char* name, std::optional<std::string>& out) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || it->value.IsNull()) return true;
  if (!it->value.IsString()) return false;
  out.emplace(it->value.GetString(), it->value.GetStringLength());
  return true;
}

bool string_list(const rapidjson::Value& obj, const char* name, std::vector<std::string>& out) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd()) return true;
  if (!it->value.IsArray()) return false;
  for (const auto& v : it->value.GetArray()) {
    if (!v.IsString()) return false;
    out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return true;
}

bool audience_matches(const rapidjson::Value& obj, std::string_view audience) {
  auto it = obj.FindMember("aud");
  if (it == obj.MemberEnd()) return false;
  auto equals = [&](const rapidjson::Value& v) {
    return v.IsString() && std::string_view{v.GetString(), v.GetStringLength()} == audience;
  };
  if (equals(it->value)) return true;
  if (!it->value.IsArray()) return false;
  for (const auto& v : it->value.GetArray())
    if (equals(v)) return true;
  return false;
}

bool known_user_type(std::string_view t) { return t == "provider" || t == "employee" || t == "client"; }

}  // namespace

VerifyResult principal_from_claims(const rapidjson::Value& payload, const VerifierOptions& options,
                                   long long now) {
  const long long leeway = options.leeway.count();
  long long exp = 0;
  long long nbf = 0;
  long long iat = 0;
  if (numeric_date(payload, "exp", exp) != Presence::present) return fail(VerifyError::malformed);
  if (now > exp + leeway) return fail(VerifyError::expired);
  switch (numeric_date(payload, "nbf", nbf)) {
    case Presence::invalid:
      return fail(VerifyError::malformed);
    case Presence::present:
      if (nbf > now + leeway) return fail(VerifyError::not_yet_valid);
      break;
    case Presence::absent:
      break;
  }
  if (numeric_date(payload, "iat", iat) != Presence::present) return fail(VerifyError::malformed);
  if (string_member(payload, "iss") != std::string_view{options.issuer})
    return fail(VerifyError::wrong_issuer);
  if (!audience_matches(payload, options.audience)) return fail(VerifyError::wrong_audience);

  Principal p;
  auto sub = string_member(payload, "sub");
  auto user_type = string_member(payload, "user_type");
  if (!sub || sub->empty() || !user_type || !known_user_type(*user_type)) return fail(VerifyError::malformed);
  p.subject = std::string{*sub};
  p.user_type = std::string{*user_type};
  std::optional<std::string> jti;
  if (!string_list(payload, "roles", p.roles) || !string_list(payload, "permissions", p.permissions) ||
      !optional_string(payload, "provider_nit", p.provider_nit) ||
      !optional_string(payload, "branch", p.branch) || !optional_string(payload, "jti", jti)) {
    return fail(VerifyError::malformed);
  }
  p.jti = jti.value_or("");
  p.expires_at = exp;
  p.issued_at = iat;
  return VerifyResult{std::move(p), std::nullopt};
}

}  // namespace portal::security::detail
