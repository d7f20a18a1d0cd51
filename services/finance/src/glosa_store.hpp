#pragma once
// FIN-5 (issue 19): the SQL of glosas, one text for SQLite and PostgreSQL.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "glosa.hpp"
#include "glosa_response_rules.hpp"
#include "portal/db/database.hpp"

namespace portal::finance::glosa_store {

// Replaces the conciliation and its lines; true when the number was new.
bool upsert(db::Connection& c, const Conciliation& conciliation, long long now_ms, const std::string& by);
long long count_conciliations(db::Connection& c);

struct GlosaFilter {
  std::optional<std::string> provider_nit;  // set: that provider's only
  std::optional<long long> conciliation;
  std::optional<std::string> from, to;  // notified_on, inclusive
  std::optional<std::string> invoice_prefix, invoice_suffix;
};
std::vector<GlosaSummary> summaries(db::Connection& c, const GlosaFilter& filter);
// The conciliation without its lines; nullopt when unknown.
std::optional<Conciliation> find(db::Connection& c, long long number);
// Calls each(line) in load order.
void each_line(db::Connection& c, long long number, const std::function<void(const GlosaLine&)>& each);

// ---- FIN-6: glosa response jobs ----
struct GlosaResponseJob {
  long long id = 0;
  std::string provider_nit;
  std::string requested_by;
  std::optional<std::string> notify_email;        // the provider's registered address
  std::optional<std::string> uploader_email;      // the uploading user's own address (auth's profile)
  std::string file_name;                          // the stored upload's server-made name
  std::optional<std::string> uploaded_file_name;  // the provider's own name for it, when sent
  std::string sheet;
  long long row_count = 0;
  std::string status;  // in_process | Ejecutado Exitosamente | Error
  long long rows_loaded = 0;
  long long rows_refused = 0;
  long long credit_note_amount = 0;
  long long created_at = 0;
  std::optional<long long> started_at, finished_at;
  std::optional<std::string> error;
  // What users see as the file: their own name for it, else the stored one.
  const std::string& display_file_name() const {
    return uploaded_file_name ? *uploaded_file_name : file_name;
  }
};
inline constexpr const char* kResponseInProcess = "in_process";
inline constexpr const char* kResponseSucceeded = "Ejecutado Exitosamente";
inline constexpr const char* kResponseFailed = "Error";

struct StoredAnswerLine {
  long long id = 0;
  long long conciliation = 0;
  std::string invoice_number;
  std::string invoice_key;  // prefix|suffix
  std::string detail_id;
  AnsweredLine line;
};

bool response_in_process(db::Connection& c, const std::string& provider_nit);
long long create_response(db::Connection& c, const GlosaResponseJob& job);
std::optional<GlosaResponseJob> find_response(db::Connection& c, long long id);
std::vector<long long> claimable_responses(db::Connection& c, long long now_ms);
bool claim_response(db::Connection& c, long long id, const std::string& runner, long long lease_until,
                    long long now_ms);
void release_response(db::Connection& c, long long id, const std::string& runner);
// The provider's lines of a conciliation with what the rules need.
std::vector<StoredAnswerLine> lines_to_answer(db::Connection& c, const std::string& provider_nit,
                                              long long conciliation);
void record_answer(db::Connection& c, long long line_id, long long response_id, const std::string& code,
                   long long accepted, long long sustained, const std::string& credit_note,
                   const std::string& notes, const std::string& responded_on, bool late);
// Ends the job if this runner still holds it; false otherwise (another runner finished it).
bool finish_response(db::Connection& c, long long id, const std::string& runner, const std::string& status,
                     long long loaded, long long refused, long long credit, long long now_ms,
                     const std::optional<std::string>& error);
std::vector<std::string> response_file_names(db::Connection& c);

}  // namespace portal::finance::glosa_store
