CREATE TABLE `sla_policies` (
	`provider` text NOT NULL,
	`kind` text NOT NULL,
	`risk_band` text NOT NULL,
	`minutes` integer NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`provider`, `kind`, `risk_band`)
);
--> statement-breakpoint
ALTER TABLE `cases` ADD `assigned_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `review_entered_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `due_at` integer;--> statement-breakpoint
CREATE INDEX `cases_assignee_status` ON `cases` (`assignee_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `cases_status_due_sort` ON `cases` (`status`, coalesce(`due_at`, 8640000000000000), `id`);--> statement-breakpoint
CREATE INDEX `cases_due_sort` ON `cases` (coalesce(`due_at`, 8640000000000000), `id`);--> statement-breakpoint
-- Cases already in review get the built-in default (24 hours) from when they were created: the time
-- they entered review was not recorded before this migration.
UPDATE `cases` SET `review_entered_at` = `created_at`, `due_at` = `created_at` + 86400000 WHERE `status` = 'needs_review';--> statement-breakpoint
UPDATE `cases` SET `assigned_at` = `updated_at` WHERE `assignee_id` IS NOT NULL;