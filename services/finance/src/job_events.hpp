#pragma once
// Issue 19 (FIN-4, FIN-6): the events of finance's jobs, shipped by libs/events to portal-events, which
// streams them (SSE) and posts them to webhooks of the provider they concern. Built from plain structs;
// published by the runners in the transaction that records the change. docs/events.md.
#include <string>

#include "glosa_store.hpp"
#include "portal/core/clock.hpp"
#include "portal/events/event.hpp"
#include "portfolio.hpp"

namespace portal::finance {

inline constexpr const char* kPortfolioProgressEvent = "portfolio_request.progress";
inline constexpr const char* kPortfolioFinishedEvent = "portfolio_request.finished";
inline constexpr const char* kGlosaResponseFinishedEvent = "glosa_response.finished";

// status running, with the rows processed so far and the whole percent.
events::Event portfolio_progress_event(const PortfolioRequest& r, long long processed_rows, core::Instant at);
// status completed (with the result's path) or failed.
events::Event portfolio_finished_event(const PortfolioRequest& r, const std::string& status,
                                       long long processed_rows, long long rows_with_errors,
                                       core::Instant at);
// status «Ejecutado Exitosamente» or «Error», rows loaded and refused, the credit note, the result's path.
events::Event glosa_response_finished_event(const glosa_store::GlosaResponseJob& j, core::Instant at);

}  // namespace portal::finance
