#pragma once
// INC-3 notifications, pure: the events a filed or processed report publishes (libs/events; the payload
// holds the report's number, type and status, no personal data: an integrator reads the rest through the
// API with its own token) and the e-mail that tells the provider its report was processed.
#include <string>

#include "portal/events/event.hpp"
#include "portal/mail/outbox.hpp"
#include "report.hpp"

namespace portal::inconsistencies {

inline constexpr const char* kFiledEvent = "inconsistency_report.filed";
inline constexpr const char* kProcessedEvent = "inconsistency_report.processed";

events::Event filed_event(const Report& r, core::Instant at);
events::Event processed_event(const Report& r, const ProcessingStep& step, core::Instant at);

// Spanish, plain text and HTML: the report's number, the new status with the manual's label, what was
// done in the registry, the auditor's note and the link to the detail.
mail::Message processed_notice(const Report& r, const ProcessingStep& step, const std::string& to,
                               const std::string& insurer, const std::string& portal_url);

}  // namespace portal::inconsistencies
