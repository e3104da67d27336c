CREATE INDEX `cases_external_id_nocase` ON `cases` (`external_id` COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `cases_subject_ref_nocase` ON `cases` (`subject_ref` COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `cases_document_number_nocase` ON `cases` (`document_number` COLLATE NOCASE);
