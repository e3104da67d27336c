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
CREATE INDEX `qa_items_reviewed` ON `qa_items` (`reviewed_at`,`decided_by`,`status`);