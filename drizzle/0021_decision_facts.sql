-- What the dashboard's analyst and correction figures need of each decision of ours (an approve or a
-- decline that was applied), fixed when it is applied: who requested it and when, when its case last
-- entered review before the request (from the case's audit rows), the case status the reviewer saw (the
-- `case.action_requested` row's `before`), and whether a decision of ours on the case had been applied
-- before it. A year of decisions is then one index range instead of three look-ups into the audit log
-- per decision (docs/architecture.md, "Dashboard"). The trigger fires on the `case.action_applied`
-- audit row that every path applying an action writes (the outbox worker, a local decision, a four-eyes
-- approval), in the same transaction; the backfill below computes the same facts for earlier decisions.
CREATE TABLE decision_facts (
  action_id INTEGER PRIMARY KEY,
  case_id INTEGER,
  type TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  review_at INTEGER,
  seen_status TEXT,
  ours_before INTEGER NOT NULL,
  handling_ms INTEGER GENERATED ALWAYS AS (requested_at - review_at) VIRTUAL
);
--> statement-breakpoint
-- The counts: one range of the range's decisions.
CREATE INDEX decision_facts_requested ON decision_facts
  (requested_at, requested_by, type, review_at, seen_status, ours_before);
--> statement-breakpoint
-- Each analyst's median handling time: their decisions in handling-time order, read up to the middle.
CREATE INDEX decision_facts_handling ON decision_facts (requested_by, handling_ms, requested_at)
  WHERE handling_ms IS NOT NULL;
--> statement-breakpoint
-- The facts of each approve or decline, as they stand now: one definition for the backfill below and
-- the trigger that fixes them when a decision is applied.
CREATE VIEW decision_facts_now AS
  SELECT a.id AS action_id, a.case_id, a.type, a.requested_by, a.requested_at, a.status AS action_status,
    (SELECT max(l.at) FROM audit_log l
      WHERE l.case_id = a.case_id AND l.at <= a.requested_at
        AND l.action IN ('case.created', 'case.status_changed')
        AND json_extract(l.after, '$.status') = 'needs_review') AS review_at,
    (SELECT json_extract(l.before, '$.status') FROM audit_log l
      WHERE l.case_id = a.case_id AND l.action = 'case.action_requested'
        AND json_extract(l.after, '$.actionId') = a.id) AS seen_status,
    EXISTS (SELECT 1 FROM case_actions p
      WHERE p.case_id = a.case_id AND p.id < a.id AND p.type IN ('approve', 'decline') AND p.status = 'applied')
      AS ours_before
  FROM case_actions a
  WHERE a.type IN ('approve', 'decline');
--> statement-breakpoint
INSERT INTO decision_facts (action_id, case_id, type, requested_by, requested_at, review_at, seen_status, ours_before)
  SELECT action_id, case_id, type, requested_by, requested_at, review_at, seen_status, ours_before
  FROM decision_facts_now WHERE action_status = 'applied';
--> statement-breakpoint
-- The outbox worker writes this row before it marks the action applied, so the action's status is not
-- asked here: the row itself says the decision was applied.
CREATE TRIGGER decision_facts_applied AFTER INSERT ON audit_log
  WHEN NEW.action = 'case.action_applied' AND json_extract(NEW.after, '$.type') IN ('approve', 'decline') BEGIN
  INSERT OR IGNORE INTO decision_facts
    (action_id, case_id, type, requested_by, requested_at, review_at, seen_status, ours_before)
    SELECT action_id, case_id, type, requested_by, requested_at, review_at, seen_status, ours_before
    FROM decision_facts_now WHERE action_id = json_extract(NEW.after, '$.actionId');
END;
--> statement-breakpoint
CREATE TRIGGER decision_facts_action_deleted AFTER DELETE ON case_actions BEGIN
  DELETE FROM decision_facts WHERE action_id = OLD.id;
END;
