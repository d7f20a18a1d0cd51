// portal-finance: configuration from the environment, then the FinanceApp; nothing else.
//   portal-finance                 serve (PORTAL_FINANCE_PORT, default 8087)
//   portal-finance --list-routes   print the route table and exit
#include "portal/service/main.hpp"

#include "finance_app.hpp"

int main(int argc, char** argv) {
  return portal::service::run_service<portal::finance::FinanceApp>(argc, argv, "finance");
}
