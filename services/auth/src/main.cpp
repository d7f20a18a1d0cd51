// portal-auth: configuration from the environment, then the AuthApp; nothing else.
//   --list-routes   print "METHOD /template" per route and exit (no database, keys or port touched)
//   --rotate-keys   add a new signing key in <data>/keys, keeping the previous one published (AUTH-4);
//                   the service signs with it from its next start, and tokens signed before still verify
#include "portal/service/main.hpp"

#include <iostream>

#include "auth_app.hpp"
#include "portal/security/jwt.hpp"

namespace {

int rotate_keys(const portal::core::Config& config, int, char**) {
  auto keys = portal::security::KeyStore::load_or_create(config.get("PORTAL_DATA_DIR", "var") + "/keys");
  keys.rotate();
  std::cout << keys.current().kid() << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return portal::service::run_service<portal::auth::AuthApp>(argc, argv, "auth",
                                                             {{"--rotate-keys", rotate_keys}});
}
