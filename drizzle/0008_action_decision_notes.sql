CREATE TABLE `action_decision_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` integer NOT NULL,
	`decision` text NOT NULL,
	`note` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `action_decision_notes_action` ON `action_decision_notes` (`action_id`,`id`);