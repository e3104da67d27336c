/**
 * Audit-row hashing, idempotency fingerprints and payload hashes use the project's one canonical JSON
 * (keys sorted by code point at every depth, no whitespace, every key kept, `__proto__` included), the
 * same serializer that checks Didit's V2 webhook signatures.
 */
export { canonicalJson } from '@backoffice/providers/canonical-json';
