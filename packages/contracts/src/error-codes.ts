import { z } from 'zod';

/**
 * Every `code` the API can answer with in its error body. The API's `AppError` accepts only these, so a
 * new failure starts here; the web maps each one to a message and its build breaks until it does.
 */
export const ErrorCode = z.enum([
  // Requests in general
  'invalid_request',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'cross_site_request',
  'http_error',
  'too_many_requests',
  'busy',
  'internal_error',
  // Sign-in, roles, users
  'not_signed_in',
  'invalid_credentials',
  'too_many_attempts',
  'forbidden',
  'user_exists',
  'last_admin',
  'cannot_lock_out_self',
  // Idempotency and optimistic concurrency
  'idempotency_key_required',
  'invalid_idempotency_key',
  'idempotency_key_reused',
  'precondition_required',
  'invalid_if_match',
  'stale_version',
  // Cases and reviewer actions
  'case_claimed_by_other',
  'case_not_flagged',
  'flag_resolved_elsewhere',
  'invalid_assignee',
  // Tags and saved views
  'tag_name_taken',
  'tag_retired',
  'too_many_views',
  'invalid_reason_code',
  'transition_not_allowed',
  'self_approval',
  'action_not_awaiting_approval',
  'action_not_failed',
  'unknown_node',
  'unknown_checklist_item',
  'invalid_media_key',
  'unsupported_image',
  'media_too_large',
  'media_url_refused',
  // Second-line QA
  'qa_own_decision',
  'qa_already_reviewed',
  // Drift between our decision and the provider's
  'drift_not_open',
  'drift_not_awaiting_approval',
  // Talking to a provider
  'provider_not_configured',
  'provider_unavailable',
  'provider_error',
  'provider_refused',
  'provider_rejected',
  'provider_conflict',
  // Provider ingress: webhooks, callbacks and Ditto ID's pushes
  'webhook_malformed',
  'webhook_signature_invalid',
  'webhook_stale',
  'webhook_too_complex',
  'callback_malformed',
  'too_many_failures',
  'ditto_unauthorized',
  'ditto_not_configured',
  'ditto_body_malformed',
  'ditto_body_undecryptable',
  'ditto_requester_id_conflict',
  'unsupported_grant_type',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;
