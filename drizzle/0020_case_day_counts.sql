-- The dashboard's per-day figures (cases in, decided, the decision mix) as counters per UTC day, kept
-- current by triggers in the same transaction as every case write, as case_counts is for the queue.
-- A 366-day dashboard then sums a few thousand counter rows instead of counting a year of cases
-- (docs/architecture.md, "Dashboard"). `day` is the UTC day number (epoch ms / 86 400 000); `measure`
-- is 'in' (by created_at) or the decided status, 'approved' or 'rejected' (by decided_at), the same
-- rule the dashboard applied to the cases themselves: a case counts as decided on the day of its
-- decided_at while its status is approved or rejected.
CREATE TABLE case_day_counts (
  day INTEGER NOT NULL,
  provider TEXT NOT NULL,
  kind TEXT NOT NULL,
  measure TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, measure, provider, kind)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO case_day_counts (day, provider, kind, measure, count)
  SELECT created_at / 86400000, provider, kind, 'in', count(*) FROM cases GROUP BY 1, 2, 3
  UNION ALL
  SELECT decided_at / 86400000, provider, kind, status, count(*) FROM cases
    WHERE decided_at IS NOT NULL AND status IN ('approved', 'rejected') GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER case_day_counts_insert AFTER INSERT ON cases BEGIN
  INSERT INTO case_day_counts (day, provider, kind, measure, count)
    VALUES (NEW.created_at / 86400000, NEW.provider, NEW.kind, 'in', 1)
    ON CONFLICT (day, measure, provider, kind) DO UPDATE SET count = count + 1;
  INSERT INTO case_day_counts (day, provider, kind, measure, count)
    SELECT NEW.decided_at / 86400000, NEW.provider, NEW.kind, NEW.status, 1
      WHERE NEW.decided_at IS NOT NULL AND NEW.status IN ('approved', 'rejected')
    ON CONFLICT (day, measure, provider, kind) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER case_day_counts_update AFTER UPDATE OF created_at, decided_at, status, provider, kind ON cases
  WHEN OLD.created_at IS NOT NEW.created_at OR OLD.decided_at IS NOT NEW.decided_at
    OR OLD.status IS NOT NEW.status OR OLD.provider IS NOT NEW.provider OR OLD.kind IS NOT NEW.kind BEGIN
  UPDATE case_day_counts SET count = count - 1
    WHERE day = OLD.created_at / 86400000 AND measure = 'in' AND provider = OLD.provider AND kind = OLD.kind;
  INSERT INTO case_day_counts (day, provider, kind, measure, count)
    VALUES (NEW.created_at / 86400000, NEW.provider, NEW.kind, 'in', 1)
    ON CONFLICT (day, measure, provider, kind) DO UPDATE SET count = count + 1;
  UPDATE case_day_counts SET count = count - 1
    WHERE OLD.decided_at IS NOT NULL AND OLD.status IN ('approved', 'rejected')
      AND day = OLD.decided_at / 86400000 AND measure = OLD.status AND provider = OLD.provider AND kind = OLD.kind;
  INSERT INTO case_day_counts (day, provider, kind, measure, count)
    SELECT NEW.decided_at / 86400000, NEW.provider, NEW.kind, NEW.status, 1
      WHERE NEW.decided_at IS NOT NULL AND NEW.status IN ('approved', 'rejected')
    ON CONFLICT (day, measure, provider, kind) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER case_day_counts_delete AFTER DELETE ON cases BEGIN
  UPDATE case_day_counts SET count = count - 1
    WHERE day = OLD.created_at / 86400000 AND measure = 'in' AND provider = OLD.provider AND kind = OLD.kind;
  UPDATE case_day_counts SET count = count - 1
    WHERE OLD.decided_at IS NOT NULL AND OLD.status IN ('approved', 'rejected')
      AND day = OLD.decided_at / 86400000 AND measure = OLD.status AND provider = OLD.provider AND kind = OLD.kind;
END;
