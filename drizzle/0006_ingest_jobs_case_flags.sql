CREATE TABLE `ingest_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`external_id` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`locked_until` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ingest_jobs_due` ON `ingest_jobs` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `ingest_jobs_subject` ON `ingest_jobs` (`provider`,`external_id`,`status`);--> statement-breakpoint
ALTER TABLE `cases` ADD `flag` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `flag_detail` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `flagged_at` integer;--> statement-breakpoint
CREATE INDEX `cases_flagged` ON `cases` (`flag`,`id`);