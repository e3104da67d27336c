-- Provider deliveries our ingress refused (a bad signature or token, a stale timestamp, an unreadable or
-- invalid body, a throttled sender), counted per UTC day, provider and HTTP status for the dashboard's
-- provider-sync health. Counted in memory and written every few seconds in one transaction, so a flood
-- of refused requests costs no write per request; at most the last few seconds are lost with the
-- process (docs/architecture.md, "Dashboard").
CREATE TABLE webhook_refusals (
  day INTEGER NOT NULL,
  provider TEXT NOT NULL,
  status INTEGER NOT NULL,
  count INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (day, provider, status)
) WITHOUT ROWID;
