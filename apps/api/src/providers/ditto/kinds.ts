/** How Ditto's submissions are stored: one case per requester id, one kind, one event type. */
export const DITTO_PROVIDER = 'ditto';
export const DITTO_CASE_KIND = 'kyc_submission';
export const DITTO_EVENT_TYPE = 'kyc.submission';
