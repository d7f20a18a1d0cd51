#include "job_events.hpp"

#include <algorithm>

#include "portal/json/json.hpp"

namespace portal::finance {
namespace {

int percent(long long done, long long total) {
  if (total <= 0) return 0;
  return static_cast<int>(done * 100 / total);
}

template <typename Fill>
std::string object(Fill fill) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  fill(w);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

events::Event portfolio_progress_event(const PortfolioRequest& r, long long processed_rows,
                                       core::Instant at) {
  return events::make_event(kPortfolioProgressEvent, r.provider_nit, object([&](json::Writer& w) {
                              json::write_key(w, "request_id");
                              w.Int64(r.id);
                              json::write_key(w, "status");
                              json::write_string(w, "running");
                              json::write_key(w, "progress");
                              w.Int(std::min(99, percent(processed_rows, r.row_count)));
                              json::write_key(w, "processed_rows");
                              w.Int64(processed_rows);
                              json::write_key(w, "row_count");
                              w.Int64(r.row_count);
                            }),
                            at);
}

events::Event portfolio_finished_event(const PortfolioRequest& r, const std::string& status,
                                       long long processed_rows, long long rows_with_errors,
                                       core::Instant at) {
  return events::make_event(kPortfolioFinishedEvent, r.provider_nit, object([&](json::Writer& w) {
                              json::write_key(w, "request_id");
                              w.Int64(r.id);
                              json::write_key(w, "status");
                              json::write_string(w, status);
                              json::write_key(w, "progress");
                              w.Int(status == "completed" ? 100 : percent(processed_rows, r.row_count));
                              json::write_key(w, "processed_rows");
                              w.Int64(processed_rows);
                              json::write_key(w, "rows_with_errors");
                              w.Int64(rows_with_errors);
                              json::write_key(w, "result_url");
                              if (status == "completed")
                                json::write_string(
                                    w, "/api/v1/portfolio-requests/" + std::to_string(r.id) + "/result.xlsx");
                              else
                                w.Null();
                            }),
                            at);
}

events::Event glosa_response_finished_event(const glosa_store::GlosaResponseJob& j, core::Instant at) {
  return events::make_event(kGlosaResponseFinishedEvent, j.provider_nit, object([&](json::Writer& w) {
                              json::write_key(w, "response_id");
                              w.Int64(j.id);
                              json::write_key(w, "status");
                              json::write_string(w, j.status);
                              json::write_key(w, "rows_loaded");
                              w.Int64(j.rows_loaded);
                              json::write_key(w, "rows_refused");
                              w.Int64(j.rows_refused);
                              json::write_key(w, "credit_note_amount");
                              w.Int64(j.credit_note_amount);
                              json::write_key(w, "result_url");
                              if (!j.error)
                                json::write_string(
                                    w, "/api/v1/glosa-responses/" + std::to_string(j.id) + "/result.xlsx");
                              else
                                w.Null();
                            }),
                            at);
}

}  // namespace portal::finance
