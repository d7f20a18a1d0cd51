// portal-authorizations: configuration from the environment, then the AuthorizationsApp; nothing else.
//   portal-authorizations                 serve (PORTAL_AUTHORIZATIONS_PORT, default 8084)
//   portal-authorizations --list-routes   print the route table and exit
#include "portal/service/main.hpp"

#include "authorizations_app.hpp"

int main(int argc, char** argv) {
  return portal::service::run_service<portal::authorizations::AuthorizationsApp>(argc, argv,
                                                                                 "authorizations");
}
