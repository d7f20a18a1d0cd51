-- FIN-1 (issue 18): payment vouchers (comprobantes de egreso) loaded by the EPS's ERP, and the invoices each
-- one paid. Money is integer pesos (never floating point). Dates are plain YYYY-MM-DD texts (they compare
-- in calendar order). Versions 2 and 3 are libs/http's idempotency_keys and libs/audit's audit_trail.
CREATE TABLE payment_vouchers (
  id INTEGER PRIMARY KEY,
  voucher_number TEXT NOT NULL,          -- No. pago / comprobante: the ERP's key, unique (a reload replaces)
  provider_nit TEXT NOT NULL,
  payment_date TEXT NOT NULL,            -- YYYY-MM-DD
  payment_form TEXT NOT NULL,            -- transfer | direct_transfer | legalization | advance | check
  bank TEXT,                             -- null for direct_transfer (shown "N/A")
  account_type TEXT,                     -- savings | checking; null for direct_transfer
  account_number TEXT,                   -- null for direct_transfer
  document_number TEXT NOT NULL,         -- N° documento
  amount_paid INTEGER NOT NULL,
  pending_to_apply INTEGER NOT NULL,
  pending_to_apply_advance INTEGER NOT NULL,
  support_email TEXT,                    -- FIN-1: by payment number, the support e-mail, date and time
  support_at TEXT,                       -- RFC 3339 UTC
  company TEXT,
  line_count INTEGER NOT NULL,
  loaded_at INTEGER NOT NULL,            -- UTC milliseconds of the load that wrote it
  loaded_by TEXT NOT NULL
);
CREATE UNIQUE INDEX payment_vouchers_number ON payment_vouchers (voucher_number);
-- FIN-2 by period for one provider: a range scan of this index, in the list's order.
CREATE INDEX payment_vouchers_period ON payment_vouchers (provider_nit, payment_date, id);
-- EPS finance by period over every provider.
CREATE INDEX payment_vouchers_date ON payment_vouchers (payment_date, id);

CREATE TABLE payment_invoice_lines (
  id INTEGER PRIMARY KEY,
  voucher_id INTEGER NOT NULL REFERENCES payment_vouchers (id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL,              -- 1.. in the load's order (the detail's order)
  provider_nit TEXT NOT NULL,            -- the voucher's, repeated for the by-invoice index
  source_number TEXT NOT NULL,           -- N° comprobante de pago / anticipo
  document_type TEXT NOT NULL,
  invoice_prefix TEXT NOT NULL,          -- may be empty (invoices without prefix)
  invoice_number TEXT NOT NULL,
  invoice_suffix TEXT NOT NULL,
  applied_suffix TEXT NOT NULL,
  invoice_date TEXT,                     -- YYYY-MM-DD
  invoice_value INTEGER NOT NULL,
  net_value INTEGER NOT NULL,
  paid_value INTEGER NOT NULL,
  financial_discount INTEGER NOT NULL,
  balance INTEGER NOT NULL,
  garnishments INTEGER NOT NULL,         -- embargos
  iva INTEGER NOT NULL,
  retefuente INTEGER NOT NULL,
  reteica INTEGER NOT NULL,
  reteiva INTEGER NOT NULL,
  stamp_tax INTEGER NOT NULL,            -- impuesto de timbre
  others INTEGER NOT NULL,
  crossing_date TEXT,                    -- fecha cruce
  crossing_document TEXT,
  crossing_value INTEGER NOT NULL,
  copay INTEGER NOT NULL,
  moderating_fee INTEGER NOT NULL,       -- cuota moderadora
  company TEXT,
  filing_number TEXT                     -- radicado
);
CREATE UNIQUE INDEX payment_invoice_lines_voucher ON payment_invoice_lines (voucher_id, line_no);
-- FIN-2 by invoice (prefix and suffix) within one provider.
CREATE INDEX payment_invoice_lines_invoice ON payment_invoice_lines (provider_nit, invoice_prefix, invoice_suffix);
