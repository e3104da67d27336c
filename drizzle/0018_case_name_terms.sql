-- The queue's name search: every prefix of every word of a case's name (packages/db/src/name-terms.ts),
-- ordered by the queue's default sort key (created_at, id). A search word is one exact term, so its
-- cases are one index range, newest first: the search walks the rarest word's range, probes the other
-- words by primary key and stops after one page (docs/architecture.md, "Queue search"). FTS5 could not
-- stop early: a prefix beyond its prefix indexes merges every matching term's full posting list, and
-- its order is the rowid, not the queue's. No rowid: the primary key is the only index needed.
-- The triggers call name_search_terms(), which openDatabase registers on every connection.
CREATE TABLE case_name_terms (
  term TEXT NOT NULL,
  case_created_at INTEGER NOT NULL,
  case_id INTEGER NOT NULL,
  PRIMARY KEY (term, case_created_at, case_id)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO case_name_terms (term, case_created_at, case_id)
  SELECT terms.value, cases.created_at, cases.id FROM cases, json_each(name_search_terms(cases.subject_name)) AS terms
  ORDER BY 1, 2, 3;
--> statement-breakpoint
CREATE TRIGGER case_name_terms_insert AFTER INSERT ON cases BEGIN
  INSERT OR IGNORE INTO case_name_terms (term, case_created_at, case_id)
    SELECT value, NEW.created_at, NEW.id FROM json_each(name_search_terms(NEW.subject_name));
END;
--> statement-breakpoint
CREATE TRIGGER case_name_terms_update AFTER UPDATE OF subject_name, created_at ON cases
  WHEN OLD.subject_name IS NOT NEW.subject_name OR OLD.created_at IS NOT NEW.created_at BEGIN
  DELETE FROM case_name_terms
    WHERE term IN (SELECT value FROM json_each(name_search_terms(OLD.subject_name)))
      AND case_created_at = OLD.created_at AND case_id = OLD.id;
  INSERT OR IGNORE INTO case_name_terms (term, case_created_at, case_id)
    SELECT value, NEW.created_at, NEW.id FROM json_each(name_search_terms(NEW.subject_name));
END;
--> statement-breakpoint
CREATE TRIGGER case_name_terms_delete AFTER DELETE ON cases BEGIN
  DELETE FROM case_name_terms
    WHERE term IN (SELECT value FROM json_each(name_search_terms(OLD.subject_name)))
      AND case_created_at = OLD.created_at AND case_id = OLD.id;
END;
