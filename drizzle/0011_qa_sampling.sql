CREATE TABLE `qa_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`decided_at` integer NOT NULL,
	`provider` text NOT NULL,
	`kind` text NOT NULL,
	`case_status` text NOT NULL,
	`reasons` text NOT NULL,
	`decided_by` text,
	`sampled_at` integer NOT NULL,
	`status` text NOT NULL,
	`reason_code` text,
	`note` text,
	`reviewer_id` text,
	`reviewed_at` integer,
	`follow_up_flagged` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qa_items_closure` ON `qa_items` (`case_id`,`decided_at`);--> statement-breakpoint
CREATE INDEX `qa_items_status` ON `qa_items` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `qa_items_reviewed` ON `qa_items` (`reviewed_at`,`decided_by`,`status`);--> statement-breakpoint
-- The QA sampler starts after the cases that exist when this migration runs: sampling is for closures
-- from now on, never a flood of history the first time a manager sets a rate.
INSERT INTO `sync_state` (`key`, `value`, `updated_at`)
SELECT 'qa.sampler.watermark', coalesce(max(`decided_at`), 0) || ':' || coalesce(max(`id`), 0), unixepoch() * 1000
FROM `cases`;
