CREATE TABLE `case_drifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`provider` text NOT NULL,
	`kind` text NOT NULL,
	`our_status` text NOT NULL,
	`our_provider_status` text NOT NULL,
	`their_status` text NOT NULL,
	`their_provider_status` text NOT NULL,
	`their_changes` text NOT NULL,
	`their_event_at` integer,
	`source` text NOT NULL,
	`detected_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`seen_count` integer DEFAULT 1 NOT NULL,
	`status` text NOT NULL,
	`resolution` text,
	`requested_by` text,
	`requested_at` integer,
	`resolved_by` text,
	`resolved_at` integer,
	`action_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_drifts_one_unresolved` ON `case_drifts` (`case_id`) WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX `case_drifts_status` ON `case_drifts` (`status`,`id`);