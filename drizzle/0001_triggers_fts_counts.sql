-- Per-status counts kept in the same transaction as every case change, so the queue never runs count(*).
CREATE TRIGGER cases_counts_insert AFTER INSERT ON cases BEGIN
  INSERT INTO case_counts (provider, kind, status, count) VALUES (NEW.provider, NEW.kind, NEW.status, 1)
  ON CONFLICT (provider, kind, status) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER cases_counts_update AFTER UPDATE OF status ON cases WHEN OLD.status IS NOT NEW.status BEGIN
  UPDATE case_counts SET count = count - 1 WHERE provider = OLD.provider AND kind = OLD.kind AND status = OLD.status;
  INSERT INTO case_counts (provider, kind, status, count) VALUES (NEW.provider, NEW.kind, NEW.status, 1)
  ON CONFLICT (provider, kind, status) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER cases_counts_delete AFTER DELETE ON cases BEGIN
  UPDATE case_counts SET count = count - 1 WHERE provider = OLD.provider AND kind = OLD.kind AND status = OLD.status;
END;
--> statement-breakpoint
-- The audit log is append-only: no statement may rewrite or remove history.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- Full-text search over the fields a reviewer types: name, provider id, customer reference, document number.
CREATE VIRTUAL TABLE cases_fts USING fts5(
  subject_name, external_id, subject_ref, document_number,
  content = 'cases', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
  INSERT INTO cases_fts (rowid, subject_name, external_id, subject_ref, document_number)
  VALUES (NEW.id, NEW.subject_name, NEW.external_id, NEW.subject_ref, NEW.document_number);
END;
--> statement-breakpoint
CREATE TRIGGER cases_fts_update AFTER UPDATE OF subject_name, external_id, subject_ref, document_number ON cases BEGIN
  INSERT INTO cases_fts (cases_fts, rowid, subject_name, external_id, subject_ref, document_number)
  VALUES ('delete', OLD.id, OLD.subject_name, OLD.external_id, OLD.subject_ref, OLD.document_number);
  INSERT INTO cases_fts (rowid, subject_name, external_id, subject_ref, document_number)
  VALUES (NEW.id, NEW.subject_name, NEW.external_id, NEW.subject_ref, NEW.document_number);
END;
--> statement-breakpoint
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
  INSERT INTO cases_fts (cases_fts, rowid, subject_name, external_id, subject_ref, document_number)
  VALUES ('delete', OLD.id, OLD.subject_name, OLD.external_id, OLD.subject_ref, OLD.document_number);
END;
