#pragma once
// portal-events (issue 15) as one object on libs/service's DataService: database (<data>/events.db), auth's
// public keys, the HTTP server with the relays' ingest route, the webhook routes and the SSE stream; the
// webhook deliverer and the e-mail outbox (endpoint disabled notices) run beside it. Integration tests run
// it in-process on port 0.
#include <memory>
#include <string>
#include <vector>

#include "deliverer.hpp"
#include "event_feed.hpp"
#include "events_context.hpp"
#include "events_metrics.hpp"
#include "portal/service/data_service.hpp"

namespace portal::events_hub {

class EventsApp : public service::DataService {
 public:
  EventsApp(core::Config config, const core::Clock& clock);
  ~EventsApp();

  void start();
  // Ends the open streams first (they hold workers the server's stop waits for), then the rest.
  void stop();
  static std::vector<std::string> list_routes(const core::Config& config);

  Deliverer& deliverer() { return *deliverer_; }

 private:
  EventsMetrics business_metrics_;
  std::unique_ptr<EventFeed> feed_;
  std::unique_ptr<Deliverer> deliverer_;
  std::unique_ptr<EventsContext> ctx_;
};

db::Migrations events_migrations();

}  // namespace portal::events_hub
