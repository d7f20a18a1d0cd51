// portal-urgencies: configuration from the environment, then the UrgenciesApp; nothing else.
//   portal-urgencies                 serve (PORTAL_URGENCIES_PORT, default 8083)
//   portal-urgencies --list-routes   print the route table and exit
#include "portal/service/main.hpp"

#include "urgencies_app.hpp"

int main(int argc, char** argv) {
  return portal::service::run_service<portal::urgencies::UrgenciesApp>(argc, argv, "urgencies");
}
