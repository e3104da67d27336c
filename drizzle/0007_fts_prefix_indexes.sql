-- Full-text search with prefix indexes for 1, 2 and 3 characters. Without them FTS5 answers a short
-- prefix ("m"*, "ma"*, "mar"*) by merging the posting list of every term that starts with it before it
-- can return the newest match; with them a short prefix is one posting list, read newest first and
-- stopped at the candidate limit. Same columns, tokenizer and external content as before; the
-- triggers on `cases` keep writing to the table by name, so they need no change.
DROP TABLE cases_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE cases_fts USING fts5(
  subject_name, external_id, subject_ref, document_number,
  content = 'cases', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
--> statement-breakpoint
INSERT INTO cases_fts (cases_fts) VALUES ('rebuild');
