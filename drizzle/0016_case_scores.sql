CREATE TABLE `case_scores` (
	`case_id` integer PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`workflow_id` text,
	`created_at` integer NOT NULL,
	`face_match` real,
	`liveness` real,
	`aml` real
);
--> statement-breakpoint
CREATE INDEX `case_scores_window` ON `case_scores` (`provider`,`created_at`,`case_id`,`workflow_id`,`face_match`,`liveness`,`aml`);--> statement-breakpoint
-- The scores a what-if replays, copied from the payload on every write of a Didit or Ditto case, so the
-- replay reads a small indexed row instead of the payload (Ditto's carry base64 images). The JSON paths
-- are the ones the TypeScript mappings read (packages/providers/src/didit/mapping.ts: first liveness
-- check and face match; the AML score is the case's risk score; ditto/mapping.ts: score_percent, else
-- the 0-1 score scaled). A payload that is not JSON stores no scores rather than failing the write.
CREATE TRIGGER `case_scores_insert` AFTER INSERT ON `cases`
WHEN NEW.provider IN ('didit', 'ditto')
BEGIN
  INSERT OR REPLACE INTO `case_scores` (`case_id`, `provider`, `workflow_id`, `created_at`, `face_match`, `liveness`, `aml`)
  SELECT NEW.id, NEW.provider, NEW.workflow_id, NEW.created_at,
    CASE WHEN NOT json_valid(NEW.payload) THEN NULL
      WHEN NEW.provider = 'didit' THEN json_extract(NEW.payload, '$.face_matches[0].score')
      ELSE coalesce(json_extract(NEW.payload, '$.kyc_info.face_matcher_result.score_percent'),
                    json_extract(NEW.payload, '$.kyc_info.face_matcher_result.score') * 100) END,
    CASE WHEN NOT json_valid(NEW.payload) THEN NULL
      WHEN NEW.provider = 'didit' THEN json_extract(NEW.payload, '$.liveness_checks[0].score')
      ELSE json_extract(NEW.payload, '$.kyc_info.liveness_check.video.liveness_result.score') END,
    CASE WHEN NEW.provider = 'didit' THEN NEW.risk_score ELSE NULL END;
END;
--> statement-breakpoint
CREATE TRIGGER `case_scores_update` AFTER UPDATE OF `payload`, `risk_score`, `workflow_id` ON `cases`
WHEN NEW.provider IN ('didit', 'ditto')
BEGIN
  INSERT OR REPLACE INTO `case_scores` (`case_id`, `provider`, `workflow_id`, `created_at`, `face_match`, `liveness`, `aml`)
  SELECT NEW.id, NEW.provider, NEW.workflow_id, NEW.created_at,
    CASE WHEN NOT json_valid(NEW.payload) THEN NULL
      WHEN NEW.provider = 'didit' THEN json_extract(NEW.payload, '$.face_matches[0].score')
      ELSE coalesce(json_extract(NEW.payload, '$.kyc_info.face_matcher_result.score_percent'),
                    json_extract(NEW.payload, '$.kyc_info.face_matcher_result.score') * 100) END,
    CASE WHEN NOT json_valid(NEW.payload) THEN NULL
      WHEN NEW.provider = 'didit' THEN json_extract(NEW.payload, '$.liveness_checks[0].score')
      ELSE json_extract(NEW.payload, '$.kyc_info.liveness_check.video.liveness_result.score') END,
    CASE WHEN NEW.provider = 'didit' THEN NEW.risk_score ELSE NULL END;
END;
--> statement-breakpoint
CREATE TRIGGER `case_scores_delete` AFTER DELETE ON `cases`
BEGIN
  DELETE FROM `case_scores` WHERE `case_id` = OLD.id;
END;
--> statement-breakpoint
INSERT INTO `case_scores` (`case_id`, `provider`, `workflow_id`, `created_at`, `face_match`, `liveness`, `aml`)
SELECT id, provider, workflow_id, created_at,
  CASE WHEN NOT json_valid(payload) THEN NULL
    WHEN provider = 'didit' THEN json_extract(payload, '$.face_matches[0].score')
    ELSE coalesce(json_extract(payload, '$.kyc_info.face_matcher_result.score_percent'),
                  json_extract(payload, '$.kyc_info.face_matcher_result.score') * 100) END,
  CASE WHEN NOT json_valid(payload) THEN NULL
    WHEN provider = 'didit' THEN json_extract(payload, '$.liveness_checks[0].score')
    ELSE json_extract(payload, '$.kyc_info.liveness_check.video.liveness_result.score') END,
  CASE WHEN provider = 'didit' THEN risk_score ELSE NULL END
FROM `cases` WHERE provider IN ('didit', 'ditto');
