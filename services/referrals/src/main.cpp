// portal-referrals: configuration from the environment, then the ReferralsApp; nothing else.
//   portal-referrals                 serve (PORTAL_REFERRALS_PORT, default 8085)
//   portal-referrals --list-routes   print the route table and exit
#include "portal/service/main.hpp"

#include "referrals_app.hpp"

int main(int argc, char** argv) {
  return portal::service::run_service<portal::referrals::ReferralsApp>(argc, argv, "referrals");
}
