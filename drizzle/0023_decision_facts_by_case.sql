-- The decision facts' view (drizzle/0021_decision_facts.sql) looks up a decision's audit rows and earlier
-- decisions by its case. SQLite chose those look-ups by the statistics ANALYZE gathers, and a database
-- that was never analysed (every deployment: nothing runs ANALYZE) had it walk every
-- `case.action_requested` audit row and every applied action instead, so applying one approve or
-- decline cost time in proportion to all the decisions ever taken (1.2 ms at 5,000, growing). A unary
-- `+` keeps a column out of index choice without changing its value, so the action and status tests
-- filter the case's own rows and the plan is the same with or without statistics
-- (docs/architecture.md, "Dashboard").
DROP VIEW decision_facts_now;
--> statement-breakpoint
CREATE VIEW decision_facts_now AS
  SELECT a.id AS action_id, a.case_id, a.type, a.requested_by, a.requested_at, a.status AS action_status,
    (SELECT max(l.at) FROM audit_log l
      WHERE l.case_id = a.case_id AND +l.at <= a.requested_at
        AND +l.action IN ('case.created', 'case.status_changed')
        AND json_extract(l.after, '$.status') = 'needs_review') AS review_at,
    (SELECT json_extract(l.before, '$.status') FROM audit_log l
      WHERE l.case_id = a.case_id AND +l.action = 'case.action_requested'
        AND json_extract(l.after, '$.actionId') = a.id) AS seen_status,
    EXISTS (SELECT 1 FROM case_actions p
      WHERE p.case_id = a.case_id AND p.id < a.id AND +p.type IN ('approve', 'decline') AND +p.status = 'applied')
      AS ours_before
  FROM case_actions a
  WHERE a.type IN ('approve', 'decline');
