#pragma once
// SPEC §13: a referral as procedure 5 of Res. 2335 de 2023 Anexo Técnico 1 (referencia), and each
// counter-referral step as its own procedure 6 record (contrarreferencia) — the numbered matrix values for
// the application/vnd.portal.res2335+json view, and the PDF through libs/documents' one matrix report. Pure:
// the context and the catalogs come in.
#include <string>

#include "portal/catalog/catalogs.hpp"
#include "portal/documents/res2335.hpp"
#include "referral.hpp"

namespace portal::referrals {

struct DocumentContext {
  std::string payer_name;
  std::string payer_code;
  core::Instant generated_at{};
};

// Procedure 5 (fields 1-4, 6-23, 27-39): the initial data as registered. The origin reports (fields 6, 7 and
// 27: its NIT and habilitation code, or its NIT when it is not in the registry); field 32 defaults to "04"
// (referred to another institution).
documents::res2335::MatrixRecord referral_record(const Referral& r, const DocumentContext& ctx,
                                                 const catalog::Catalogs& catalogs);
// Procedure 6 for the counter-referral step `step` (kind step, counter_referral): the destination sends the
// patient back and reports; diagnoses and service as the referral stood after that step; field 32 from the
// step, "05" (counter-referred) by default.
documents::res2335::MatrixRecord counter_referral_record(const Referral& r, const Step& step,
                                                         const DocumentContext& ctx,
                                                         const catalog::Catalogs& catalogs);

struct ReferralDocument {
  std::string bytes;
  std::string file_name;  // "Referencia-<id>-<yyyyMMdd>.pdf" or "Contrarreferencia-<id>-<seq>-<yyyyMMdd>.pdf"
};
ReferralDocument render_referral_pdf(const Referral& r, const DocumentContext& ctx,
                                     const catalog::Catalogs& catalogs);
ReferralDocument render_counter_referral_pdf(const Referral& r, const Step& step, const DocumentContext& ctx,
                                             const catalog::Catalogs& catalogs);

// The counter-referral steps of a referral, in order.
std::vector<const Step*> counter_referrals(const Referral& r);

}  // namespace portal::referrals
