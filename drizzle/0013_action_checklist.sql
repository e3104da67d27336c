CREATE TABLE `action_checklist_items` (
	`action_id` integer NOT NULL,
	`position` integer NOT NULL,
	`item_key` text NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`text` text NOT NULL,
	`checked` integer NOT NULL,
	`checked_by` text NOT NULL,
	`checked_at` integer NOT NULL,
	PRIMARY KEY(`action_id`, `position`)
);
