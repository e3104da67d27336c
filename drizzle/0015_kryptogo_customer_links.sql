CREATE INDEX `cases_provider_subject_ref` ON `cases` (`provider`,`kind`,`subject_ref`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `cases_kryptogo_from_idv` ON `cases` (json_extract(`payload`, '$.from_idv_id')) WHERE provider = 'kryptogo' AND kind = 'dd_task' AND json_valid(payload);
