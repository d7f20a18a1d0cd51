// portal-inconsistencies: configuration from the environment, then the InconsistenciesApp; nothing else.
//   portal-inconsistencies                 serve (PORTAL_INCONSISTENCIES_PORT, default 8086)
//   portal-inconsistencies --list-routes   print the route table and exit
#include "portal/service/main.hpp"

#include "inconsistencies_app.hpp"

int main(int argc, char** argv) {
  return portal::service::run_service<portal::inconsistencies::InconsistenciesApp>(argc, argv,
                                                                                   "inconsistencies");
}
