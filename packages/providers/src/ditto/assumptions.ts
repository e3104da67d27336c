/**
 * Every Ditto detail docs/providers/ditto.md marks [assumed] lives here, so correcting one after talking to Ditto
 * is a one-line change. Everything else in this module follows the documented contract.
 */

/** JCA transformations we can speak (Ditto's IDV server is Java, so `cipherSpec` is a JCA string). §3.3 */
export const DITTO_AES_TRANSFORMATIONS = ['AES/CBC/PKCS5Padding', 'AES/GCM/NoPadding'] as const;
export type DittoAesTransformation = (typeof DITTO_AES_TRANSFORMATIONS)[number];
export const DITTO_DEFAULT_AES_TRANSFORMATION: DittoAesTransformation = 'AES/CBC/PKCS5Padding';

/** How the configured key and IV strings turn into bytes. §3.3 says UTF-8 strings; the others are options. */
export const DITTO_KEY_ENCODINGS = ['utf8', 'base64', 'hex'] as const;
export type DittoKeyEncoding = (typeof DITTO_KEY_ENCODINGS)[number];
export const DITTO_DEFAULT_KEY_ENCODING: DittoKeyEncoding = 'utf8';

/** AES-128/192/256. */
export const DITTO_AES_KEY_BYTES = [16, 24, 32] as const;
/** CBC needs exactly one block of IV. */
export const DITTO_CBC_IV_BYTES = 16;
/** Java's GCMParameterSpec takes any IV length; 12 is the standard one and 16 is common in Java configs. */
export const DITTO_GCM_IV_BYTES = [12, 16] as const;
/** JCA appends the 128-bit tag to the ciphertext (`Cipher.doFinal` output = ciphertext ‖ tag). */
export const DITTO_GCM_TAG_BYTES = 16;

/**
 * Wire framing of an encrypted body: Base64 (standard alphabet, padded) of the ciphertext, sent as the raw
 * body; the reply is framed the same way. Surrounding whitespace and a JSON string wrapper (`"…"`) are
 * tolerated on input because Java HTTP clients differ in how they send a bare string.
 */
export const DITTO_ENCRYPTED_CONTENT_TYPE = 'text/plain; charset=utf-8';

/**
 * Bodies carry base64 images and the SDK's raw scan data; §3.4 asks for at least 20 MB. Measured on the bytes
 * received (an encrypted body is Base64, so it holds about 15 MB of JSON at this size).
 */
export const DITTO_MAX_BODY_BYTES = 20 * 1024 * 1024;

/** OAuth2 client-credentials token response: field names of §3.2. */
export const DITTO_TOKEN_TYPE = 'Bearer';
export const DITTO_DEFAULT_TOKEN_TTL_SECONDS = 3600;
export const DITTO_GRANT_TYPE = 'client_credentials';

/**
 * Ditto's own auth error shape (§3.6), reused for our token and KYC endpoints so its server logs something it
 * understands. 2601 header missing, 2604 invalid/expired credentials, 2606 invalid header value.
 */
export const DITTO_AUTH_ERROR_CODES = {
  headerMissing: 2601,
  authorizationFailed: 2604,
  invalidHeaderValue: 2606,
} as const;

/**
 * Reply fields read by the default locators (`resultLocator: "result"`, `referenceNumberLocator`,
 * `userIdLocator`) plus the optional status code/message. The value types are not documented: a JSON boolean
 * for `result` and 0 for success are our choice.
 */
export const DITTO_REPLY_ACCEPTED = { statusCode: 0, statusMessage: 'accepted' } as const;
/** Status codes of a refused submission (HTTP status beside them is authoritative). */
export const DITTO_REPLY_REFUSED_STATUS_CODES = {
  malformed: 400,
  unauthorized: 401,
  conflict: 409,
  tooLarge: 413,
  unavailable: 503,
} as const;

/** Reference number we hand back: stable per case, shaped like the documented sample `KYC-2026-000123`. */
export function dittoReferenceNumber(caseId: number, createdAtMs: number): string {
  const year = new Date(createdAtMs).getUTCFullYear();
  return `KYC-${year}-${String(caseId).padStart(6, '0')}`;
}

/** `overall_document_status` value meaning "no problem found" ("ERROR" is seen; "OK"/"WARNING" assumed). */
export const DITTO_DOCUMENT_STATUS_OK = 'OK';

/**
 * Review thresholds. Liveness `score` is assumed to be 0–100 (the sample sends 100); face match is read from
 * `score_percent` (0–100), falling back to `score` (0–1) × 100 when only that is sent.
 */
export const DITTO_DEFAULT_FACE_MATCH_MIN_PERCENT = 80;
export const DITTO_DEFAULT_LIVENESS_MIN_SCORE = 90;

/** Field-source letters: "M" and "V" are seen; "B" and "R" follow the document-reader SDK's catalogue. */
export const DITTO_FIELD_SOURCE_LABELS: Record<string, string> = {
  M: 'MRZ',
  V: 'Visual zone',
  B: 'Barcode',
  R: 'RFID chip (NFC)',
};

/**
 * `identity_data` keys are human labels from a document-reader catalogue; only "Document number" and
 * "Given name" / "Date of expiry" are seen. Matched case-insensitively; the first present alias wins.
 */
export const DITTO_IDENTITY_FIELD_ALIASES = {
  givenNames: ['Given name', 'Given names'],
  surname: ['Surname', 'Last name'],
  fullName: ['Surname and given names', 'Full name', 'Name'],
  documentNumber: ['Document number'],
  country: ['Issuing state code', 'Issuing state', 'Nationality code', 'Nationality'],
} as const;

/** Keys of `document_images` we expose as media (front page and portrait are seen). */
export const DITTO_DOCUMENT_IMAGE_KEYS = ['front_page', 'portrait_image'] as const;
