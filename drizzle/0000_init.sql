CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`actor_role` text,
	`action` text NOT NULL,
	`case_id` integer,
	`provider` text,
	`external_id` text,
	`before` text,
	`after` text,
	`reason` text,
	`request_id` text,
	`ip` text,
	`user_agent` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_case` ON `audit_log` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `case_counts` (
	`provider` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`provider`, `kind`, `status`)
);
--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`kind` text NOT NULL,
	`external_id` text NOT NULL,
	`subject_name` text,
	`subject_ref` text,
	`subject_country` text,
	`document_number` text,
	`status` text NOT NULL,
	`provider_status` text NOT NULL,
	`risk_score` integer,
	`risk_band` text,
	`warning_count` integer DEFAULT 0 NOT NULL,
	`workflow_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`decided_at` integer,
	`provider_event_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`payload` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_provider_external_id` ON `cases` (`provider`,`external_id`);--> statement-breakpoint
CREATE INDEX `cases_status_created` ON `cases` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `cases_status_updated` ON `cases` (`status`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `cases_status_risk` ON `cases` (`status`,`risk_score`,`id`);--> statement-breakpoint
CREATE INDEX `cases_created` ON `cases` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `cases_updated` ON `cases` (`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `cases_risk` ON `cases` (`risk_score`,`id`);--> statement-breakpoint
CREATE TABLE `provider_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`external_id` text,
	`case_id` integer,
	`outcome` text NOT NULL,
	`provider_event_at` integer,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provider_events_provider_event` ON `provider_events` (`provider`,`event_id`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
