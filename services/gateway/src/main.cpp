// portal-gateway: configuration from the environment, then serve until SIGINT/SIGTERM.
// `--list-routes` prints the registered routes and exits without opening a port.
#include "portal/service/main.hpp"

#include "gateway_app.hpp"

int main(int argc, char** argv) {
  // The gateway reports a failed start as event "fatal" with a "message" field (the services say
  // "startup_failed" / "error"); kept as it was so nothing reading its log has to change.
  return portal::service::run_service<portal::gateway::GatewayApp>(argc, argv, "gateway", {},
                                                                   {.event = "fatal", .field = "message"});
}
