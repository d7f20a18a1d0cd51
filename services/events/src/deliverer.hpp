#pragma once
// Issue 15: the thread that sends webhook deliveries. Each due delivery is claimed with a lease (a crash
// mid-delivery leaves it to be sent again after the lease: at-least-once, same webhook-id), POSTed signed
// (Standard Webhooks) through webhook_sender, and recorded in the delivery log. A failure is tried again on
// the retry schedule; a delivery that exhausts it fails, disables its endpoint and e-mails the endpoint's
// contact in the same transaction.
#include <mutex>

#include "events_metrics.hpp"
#include "events_settings.hpp"
#include "portal/core/background_loop.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/mail/outbox.hpp"

namespace portal::events_hub {

class Deliverer {
 public:
  Deliverer(db::Database& db, const EventsSettings& settings, core::Logger& logger, EventsMetrics& metrics,
            const core::Clock& clock, mail::Outbox* outbox);
  ~Deliverer();
  Deliverer(const Deliverer&) = delete;
  Deliverer& operator=(const Deliverer&) = delete;

  void start() { loop_.start(); }
  void stop() { loop_.stop(); }
  void wake() { loop_.wake(); }
  // Attempts what is due now, synchronously (tests); returns how many attempts were made.
  int deliver_due();
  // Deletes events and finished deliveries older than the retention (at most once an hour from the
  // deliverer's passes; tests call it); returns the events deleted.
  long long purge_old();

 private:
  db::Database& db_;
  const EventsSettings& settings_;
  core::Logger& logger_;
  EventsMetrics& metrics_;
  const core::Clock& clock_;
  mail::Outbox* outbox_;
  std::chrono::steady_clock::time_point next_purge_{};
  std::mutex pass_mutex_;
  core::BackgroundLoop loop_;  // last: stopped first
};

}  // namespace portal::events_hub
