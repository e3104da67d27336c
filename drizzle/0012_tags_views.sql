CREATE TABLE `case_tags` (
	`case_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`case_id`, `tag_id`)
);
--> statement-breakpoint
CREATE INDEX `case_tags_tag_case` ON `case_tags` (`tag_id`,`case_id`);--> statement-breakpoint
CREATE TABLE `saved_views` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`search` text NOT NULL,
	`shared` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `saved_views_owner` ON `saved_views` (`owner_id`,`id`);--> statement-breakpoint
CREATE INDEX `saved_views_shared` ON `saved_views` (`shared`,`id`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`colour` text NOT NULL,
	`retired_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_nocase` ON `tags` ("name" COLLATE NOCASE);