#include "portal/http/cache_policy.hpp"

#include <string>

namespace portal::http::cache {

std::string_view default_for(Method method, int status) {
  const bool read = method == Method::get || method == Method::head;
  const bool stored_status =
      status == 200 || status == 203 || status == 204 || status == 206 || status == 304;
  return read && stored_status ? kPersonal : kNoStore;
}

Response& public_reference(Response& res) {
  return res.with_header("Cache-Control", std::string{kPublicReference});
}

Response& no_store(Response& res) { return res.with_header("Cache-Control", std::string{kNoStore}); }

}  // namespace portal::http::cache
