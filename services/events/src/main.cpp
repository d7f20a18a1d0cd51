// portal-events: configuration from the environment, then the EventsApp; nothing else.
//   portal-events                 serve (PORTAL_EVENTS_PORT, default 8088)
//   portal-events --list-routes   print the route table and exit
#include "portal/service/main.hpp"

#include "events_app.hpp"

int main(int argc, char** argv) {
  return portal::service::run_service<portal::events_hub::EventsApp>(argc, argv, "events");
}
