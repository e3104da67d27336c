PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_case_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer,
	`type` text NOT NULL,
	`params` text NOT NULL,
	`reason_code` text,
	`note` text,
	`status` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`case_version` integer NOT NULL,
	`approved_by` text,
	`approved_at` integer,
	`resolved_at` integer,
	`last_error` text,
	`attempts` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_case_actions`("id", "case_id", "type", "params", "reason_code", "note", "status", "requested_by", "requested_at", "case_version", "approved_by", "approved_at", "resolved_at", "last_error", "attempts") SELECT "id", "case_id", "type", "params", "reason_code", "note", "status", "requested_by", "requested_at", "case_version", "approved_by", "approved_at", "resolved_at", "last_error", "attempts" FROM `case_actions`;--> statement-breakpoint
DROP TABLE `case_actions`;--> statement-breakpoint
ALTER TABLE `__new_case_actions` RENAME TO `case_actions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `case_actions_case` ON `case_actions` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `case_actions_status` ON `case_actions` (`status`);--> statement-breakpoint
CREATE INDEX `case_actions_requested` ON `case_actions` (`requested_at`,`type`,`status`,`requested_by`,`case_id`);