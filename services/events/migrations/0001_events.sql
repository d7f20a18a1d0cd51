-- Issue 15: the hub's events (as received from the publishing services' relays, de-duplicated by id), the
-- integrators' webhook endpoints and every delivery to them (the delivery log). Times are UTC milliseconds.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- arrival order: SSE streams and replays follow it
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  provider_nit TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  envelope TEXT NOT NULL  -- the JSON every channel sends, exactly as signed and streamed
);
CREATE INDEX events_provider ON events (provider_nit, seq);
CREATE INDEX events_received ON events (received_at);

CREATE TABLE webhook_endpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  provider_nit TEXT NOT NULL,
  url TEXT NOT NULL,
  event_types TEXT NOT NULL,  -- ",type1,type2," so that one LIKE finds the subscribers of a type
  description TEXT,
  contact_email TEXT,         -- told when the endpoint is disabled for failing
  secret TEXT NOT NULL,       -- whsec_<base64>: the HMAC key (Standard Webhooks is symmetric)
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  disabled_reason TEXT CHECK (disabled_reason IN ('by_owner', 'failing')),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX webhook_endpoints_provider ON webhook_endpoints (provider_nit, status);

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id),
  event_seq INTEGER NOT NULL REFERENCES events (seq),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  manual INTEGER NOT NULL DEFAULT 0,  -- 1: a redelivery asked for by hand
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER,            -- NULL once succeeded or failed
  last_attempt_at INTEGER,
  last_status_code INTEGER,
  last_latency_ms INTEGER,
  last_error TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
