DROP INDEX `cases_status_risk`;--> statement-breakpoint
DROP INDEX `cases_risk`;--> statement-breakpoint
CREATE INDEX `cases_status_risk_sort` ON `cases` (`status`, coalesce(`risk_score`, -1), `id`);--> statement-breakpoint
CREATE INDEX `cases_risk_sort` ON `cases` (coalesce(`risk_score`, -1), `id`);
