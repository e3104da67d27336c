import type { ErrorCode } from '@backoffice/contracts';

/** Failures the browser observes itself, when the server could not send an error body. */
export type ClientErrorCode = 'network_error' | 'invalid_response' | 'unreadable_error';
export type WebErrorCode = ErrorCode | ClientErrorCode;

/**
 * What each error code means for the person using the app, in their words. Typed as a full record so
 * that a code added to the contract does not build until it has a message here. Codes only a provider
 * can meet (webhooks, Ditto ID's pushes) still need one: an operator may open such a URL by hand.
 */
export const ERROR_MESSAGES: Record<WebErrorCode, string> = {
  invalid_request: 'Some of what was sent is not valid. Check the fields listed and try again.',
  not_found: 'This was not found. It may have been removed, or the link is wrong.',
  payload_too_large: 'What you sent is larger than accepted. Shorten it and try again.',
  unsupported_media_type: 'The request was not sent as JSON. Reload the app and try again.',
  cross_site_request: 'The request came from another site and was refused. Reload the app and try again.',
  http_error: 'The server refused the request.',
  too_many_requests: 'Too many requests in a short time. Wait a moment and try again.',
  busy: 'The server is busy. Try again in a moment.',
  internal_error: 'Something went wrong on our side. If it happens again, give support the request id.',

  not_signed_in: 'Your session has ended. Sign in again to continue.',
  invalid_credentials: 'The e-mail or password is not correct.',
  too_many_attempts: 'Too many sign-in attempts. Wait a few minutes before trying again.',
  forbidden: 'Your role does not allow this. Ask an admin if you need it.',
  user_exists: 'A user with this e-mail already exists.',
  last_admin: 'At least one active admin must remain.',
  cannot_lock_out_self: 'You cannot take away your own admin access.',

  idempotency_key_required: 'The request could not be matched to earlier attempts. Reload and try again.',
  invalid_idempotency_key: 'The request could not be matched to earlier attempts. Reload and try again.',
  idempotency_key_reused:
    'This retry differs from the first attempt, so it was not applied. Reload and try again.',
  precondition_required: 'The version of the case you saw was not sent. Reload the case and try again.',
  invalid_if_match: 'The version of the case you saw was not readable. Reload the case and try again.',
  stale_version: 'The case changed since you opened it. Review the change and submit again.',
  case_not_flagged: 'This case has no flag to clear; someone may have cleared it already.',
  flag_resolved_elsewhere: 'A drift flag is cleared by resolving the drift on the Drift view.',

  case_claimed_by_other: 'Another reviewer took this case first.',
  invalid_assignee: 'Only an active user can be assigned.',
  invalid_reason_code: 'This reason cannot be used for this action. Choose another one.',
  transition_not_allowed: "This action is not possible in the case's current state.",
  self_approval: 'You cannot approve your own request; another person has to.',
  action_not_awaiting_approval: 'This request is no longer waiting for approval; it was already decided.',
  action_not_failed: 'Only a failed action can be retried or abandoned, and this one is not failed.',
  unknown_node: 'One of the chosen steps is not part of this session.',
  unknown_checklist_item:
    'One of the ticked checklist items is no longer on this case; reload the case and tick again.',
  invalid_media_key: 'This case has no such image.',
  unsupported_image: 'The provider sent an image that is not a PNG or JPEG, so it cannot be shown.',
  media_too_large: 'The image is too large to show.',
  media_url_refused: 'The provider offered the image from an address that is not allowed.',

  tag_name_taken: 'A tag with this name already exists.',
  tag_retired: 'This tag is retired: it stays on the cases that have it but cannot be added.',
  too_many_views: 'You have reached the limit of saved views. Delete one to save another.',
  qa_own_decision: 'You took part in this case, so its QA review must be done by someone else.',
  qa_already_reviewed: 'This QA item already has an outcome.',
  drift_not_open:
    'This drift was already resolved or is waiting for a second manager. Reload the drift view.',
  drift_not_awaiting_approval: 'This drift has no resolution waiting for approval. Reload the drift view.',

  provider_not_configured: 'This provider is not set up on this server.',
  provider_unavailable: 'The provider cannot be reached right now. Try again later.',
  provider_error: 'The provider answered in a way we could not use. Try again later.',
  provider_refused: 'The provider refused the request.',
  provider_rejected: 'The provider rejected what was sent.',
  provider_conflict: 'The provider already holds another decision, which cannot be changed.',

  webhook_malformed: 'The webhook body could not be read.',
  webhook_signature_invalid: 'The webhook signature does not verify.',
  webhook_stale: 'The webhook is too old to accept.',
  webhook_too_complex: 'The webhook body is nested too deeply to accept.',
  callback_malformed: 'The provider callback could not be read.',
  too_many_failures: 'Too many refused attempts from this sender. Wait before trying again.',
  ditto_unauthorized: 'Ditto ID credentials or token were refused.',
  ditto_not_configured: 'Ditto ID is not set up on this server.',
  ditto_body_malformed: 'The Ditto ID submission could not be read.',
  ditto_body_undecryptable: 'The Ditto ID submission could not be decrypted.',
  ditto_requester_id_conflict: 'The Ditto ID submission reuses a requester id with different content.',
  unsupported_grant_type: 'Only the client-credentials grant is supported.',

  network_error: 'The server could not be reached. Check your connection and try again.',
  invalid_response:
    'The server sent an answer this app does not understand. Reload; if it persists, report it.',
  unreadable_error: 'The request failed.',
};

export function errorMessageFor(code: WebErrorCode): string {
  return ERROR_MESSAGES[code];
}
