#pragma once
// GW-2: the public keys a verifier trusts, read from the auth service's JWKS (RFC 7517).
#include <openssl/evp.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace portal::security::detail {

using PublicKeys = std::map<std::string, std::shared_ptr<EVP_PKEY>, std::less<>>;

// RSA signature keys by kid; keys of other types or uses (and RSA keys under 2048 bits) are skipped.
// nullopt when the document is not a JWKS, an RSA entry lacks kid/n/e, or a kid repeats.
std::optional<PublicKeys> parse_jwks(std::string_view jwks_json);

}  // namespace portal::security::detail
