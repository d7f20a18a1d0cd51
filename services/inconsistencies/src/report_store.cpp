#include "report_store.hpp"

#include "portal/json/json.hpp"
#include "report_json.hpp"

namespace portal::inconsistencies::report_store {
namespace {

constexpr const char* kColumns =
    "id, type, status, filed_at, provider_nit, provider_name, habilitation_code, provider_municipality_code, "
    "provider_municipality_name, regional, report_json, registry_json, attachment_kind, attachment_size, "
    "attachment_sha256, attachment_name, filed_by, version";

ReportDraft stored_draft(const std::string& text) {
  core::FieldErrors ignored;
  auto parsed = json::parse(text);
  if (!parsed.ok()) return {};
  return read_draft(parsed.doc, ignored);
}

Report map_report(const db::Row& row) {
  Report r;
  r.id = row.int64(0);
  r.type = report_type_from_string(row.text(1)).value_or(ReportType::not_in_database);
  r.status = report_status_from_string(row.text(2)).value_or(ReportStatus::pending);
  r.filed_at = core::parse_rfc3339(row.text(3)).value_or(core::Instant{});
  r.filed_date = core::bogota_date_string(r.filed_at);
  r.provider_nit = row.text(4);
  r.provider_name = row.text(5);
  r.habilitation_code = row.text(6);
  r.provider_municipality_code = row.text(7);
  r.provider_municipality_name = row.text(8);
  r.regional = row.text(9);
  r.draft = stored_draft(row.text(10));
  if (auto registry = row.optional_text(11)) r.registry = registry_from_json(*registry);
  r.attachment = Attachment{row.text(12), row.int64(13), row.text(14), row.text(15)};
  r.filed_by = row.text(16);
  r.version = row.int64(17);
  return r;
}

// The WHERE clause of a filter and its parameters.
std::string where(const ReportFilter& f, const std::optional<std::string>& own, db::Params& p) {
  std::string sql = " WHERE 1 = 1";
  auto add = [&](const char* clause, db::Value v) {
    sql += clause;
    p.push_back(std::move(v));
  };
  if (own) add(" AND provider_nit = ?", *own);
  if (f.number) add(" AND id = ?", *f.number);
  if (f.date_from) add(" AND filed_date >= ?", *f.date_from);
  if (f.date_to) add(" AND filed_date <= ?", *f.date_to);
  if (f.provider_nit) add(" AND provider_nit = ?", *f.provider_nit);
  if (f.provider_name) add(" AND provider_name_folded LIKE ?", "%" + *f.provider_name + "%");
  if (f.location_code) {
    if (f.location_code->size() == 2) {
      add(" AND provider_municipality_code LIKE ?", *f.location_code + "%");
    } else {
      add(" AND provider_municipality_code = ?", *f.location_code);
    }
  }
  if (f.location_name) add(" AND provider_municipality_folded LIKE ?", "%" + *f.location_name + "%");
  if (f.status) add(" AND status = ?", std::string(to_string(*f.status)));
  if (f.type) add(" AND type = ?", std::string(to_string(*f.type)));
  if (f.document_type) add(" AND affiliate_document_type = ?", *f.document_type);
  if (f.document_number) add(" AND affiliate_document_number = ?", *f.document_number);
  if (f.regional) add(" AND regional = ?", *f.regional);
  return sql;
}

}  // namespace

long long insert(db::Connection& c, const Report& r) {
  const auto id = c.query_int64(
      "INSERT INTO inconsistency_reports (type, status, filed_at, filed_date, provider_nit, provider_name, "
      "provider_name_folded, habilitation_code, provider_municipality_code, provider_municipality_name, "
      "provider_municipality_folded, affiliate_document_type, affiliate_document_number, regional, "
      "report_json, "
      "registry_json, attachment_kind, attachment_size, attachment_sha256, attachment_name, filed_by, "
      "version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      {std::string(to_string(r.type)),
       std::string(to_string(r.status)),
       core::to_rfc3339(r.filed_at),
       core::bogota_date_string(r.filed_at),
       r.provider_nit,
       r.provider_name,
       fold(r.provider_name),
       r.habilitation_code,
       r.provider_municipality_code,
       r.provider_municipality_name,
       fold(r.provider_municipality_name),
       r.draft.affiliate_document_type,
       r.draft.affiliate_document_number,
       r.regional,
       draft_json(r.draft),
       r.registry ? db::Value(registry_json(*r.registry)) : db::Value(),
       r.attachment.kind,
       r.attachment.size,
       r.attachment.sha256,
       r.attachment.stored_name,
       r.filed_by});
  return id.value_or(0);
}

std::optional<Report> find(db::Connection& c, long long id) {
  auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM inconsistency_reports WHERE id = ?", {id},
                       map_report);
  if (!r) return r;
  r->steps = c.query_all(
      "SELECT id, from_status, to_status, corrected_json, registry_action, affiliate_id, note, processed_by, "
      "processed_at FROM inconsistency_steps WHERE report_id = ? ORDER BY id",
      {id}, [](const db::Row& row) {
        ProcessingStep s;
        s.id = row.int64(0);
        s.from = report_status_from_string(row.text(1)).value_or(ReportStatus::pending);
        s.to = report_status_from_string(row.text(2)).value_or(ReportStatus::pending);
        s.corrected = variables_from_json(row.text(3));
        s.registry_action = row.text(4);
        if (!row.is_null(5)) s.affiliate_id = row.int64(5);
        s.note = row.text(6);
        s.processed_by = row.text(7);
        s.processed_at = row.text(8);
        return s;
      });
  return r;
}

std::vector<Report> list(db::Connection& c, const ReportFilter& f, const std::optional<std::string>& own,
                         const http::PageRequest& page) {
  db::Params p;
  // Newest first; id breaks ties and is the order of filing.
  auto sql = std::string("SELECT ") + kColumns + " FROM inconsistency_reports" + where(f, own, p) +
             " ORDER BY id DESC LIMIT ? OFFSET ?";
  const long long per_page = page.per_page;
  const long long offset = page.offset();
  p.emplace_back(per_page);
  p.emplace_back(offset);
  return c.query_all(sql, p, map_report);
}

long long count(db::Connection& c, const ReportFilter& f, const std::optional<std::string>& own) {
  db::Params p;
  const auto sql = "SELECT COUNT(*) FROM inconsistency_reports" + where(f, own, p);
  return c.query_int64(sql, p).value_or(0);
}

bool apply_step(db::Connection& c, long long report_id, long long version, const ProcessingStep& step) {
  const auto changed = c.exec(
      "UPDATE inconsistency_reports SET status = ?, version = version + 1 WHERE id = ? AND version = ?",
      {std::string(to_string(step.to)), report_id, version});
  if (changed != 1) return false;
  c.exec(
      "INSERT INTO inconsistency_steps (report_id, from_status, to_status, corrected_json, registry_action, "
      "affiliate_id, note, processed_by, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {report_id, std::string(to_string(step.from)), std::string(to_string(step.to)),
       variables_json(step.corrected), step.registry_action, step.affiliate_id, step.note, step.processed_by,
       step.processed_at});
  return true;
}

bool attachment_referenced(db::Connection& c, const std::string& stored_name) {
  return c.exists("SELECT 1 FROM inconsistency_reports WHERE attachment_name = ?", {stored_name});
}

long long count_all(db::Connection& c) {
  return c.query_int64("SELECT COUNT(*) FROM inconsistency_reports").value_or(0);
}

}  // namespace portal::inconsistencies::report_store
