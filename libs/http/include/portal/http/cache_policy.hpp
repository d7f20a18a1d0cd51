#pragma once
// Cache-Control by route class (issue 10), decided in one place. A handler names its class only when it
// serves reference data or credentials; every other answer gets the default from the server:
// - personal data, the default for successful reads: "private, no-cache" — a browser may keep it, but
//   revalidates it with its ETag each time (304 when unchanged), and no shared cache ever stores it;
// - public reference data (catalogs, JWKS, OpenAPI, policies): "public, max-age=300";
// - credentials (tokens) and every write, error or other answer: "no-store".
#include <string_view>

#include "portal/http/message.hpp"

namespace portal::http::cache {

inline constexpr std::string_view kPersonal = "private, no-cache";
inline constexpr std::string_view kPublicReference = "public, max-age=300";
inline constexpr std::string_view kNoStore = "no-store";

// The Cache-Control of an answer whose handler set none: successful reads (200, 203, 204, 206, and the
// 304 that stands for a 200) are personal data; anything else is not stored.
std::string_view default_for(Method method, int status);

// Marks an answer as public reference data, or as a credential.
Response& public_reference(Response& res);
Response& no_store(Response& res);

}  // namespace portal::http::cache
