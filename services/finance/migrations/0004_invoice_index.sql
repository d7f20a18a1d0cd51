-- FIN-2 by invoice for EPS callers, who ask across every provider: 0001's index leads with provider_nit and
-- cannot serve them (issue 18).
CREATE INDEX payment_invoice_lines_invoice_any ON payment_invoice_lines (invoice_prefix, invoice_suffix);
