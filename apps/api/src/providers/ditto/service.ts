import { type CaseRow, canonicalJson } from '@backoffice/db';
import {
  assessDittoSubmission,
  clientCredentialsMatch,
  DITTO_AUTH_ERROR_CODES,
  DITTO_GRANT_TYPE,
  DITTO_REPLY_ACCEPTED,
  DITTO_TOKEN_TYPE,
  DittoDecryptionError,
  DittoKycRequest,
  DittoTokenRequest,
  decryptDittoBody,
  dittoCaseFields,
  dittoReferenceNumber,
  encryptDittoBody,
} from '@backoffice/providers/ditto';
import { providerAuditContext } from '../../modules/audit/emit';
import { insertProviderCase } from '../../modules/cases/writes';
import { ingest, unmoved } from '../../modules/ingestion/pipeline';
import { findProviderCase } from '../../modules/ingestion/repo';
import type { AppDeps } from '../../platform/deps';
import type { Logger } from '../../platform/logger';
import type { DittoConfig } from './config';
import { DittoAuthError, DittoRequestError, dittoNotConfigured } from './errors';
import type { DittoGateway } from './gateway';
import { DITTO_CASE_KIND, DITTO_EVENT_TYPE, DITTO_PROVIDER } from './kinds';
import { getDittoScores } from './score-settings';

export interface DittoTokenResponse {
  access_token: string;
  token_type: typeof DITTO_TOKEN_TYPE;
  expires_in: number;
}

export interface DittoKycReply {
  result: boolean;
  reference_number: string;
  user_id: string | null;
  status_code: number;
  status_message: string;
}

/** What the router sends back: JSON, or the Base64 ciphertext of it when responses are encrypted. */
export type DittoWireReply = { kind: 'json'; body: DittoKycReply } | { kind: 'encrypted'; body: string };

function configured(gateway: DittoGateway): {
  config: DittoConfig;
  tokens: NonNullable<DittoGateway['tokens']>;
} {
  if (!gateway.config || !gateway.tokens) throw dittoNotConfigured();
  return { config: gateway.config, tokens: gateway.tokens };
}

export function parseBasicCredentials(
  header: string | undefined,
): { clientId: string; clientSecret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  // RFC 6749 §2.3.1: client id and secret are form-urlencoded inside Basic credentials.
  const formDecode = (value: string) => {
    try {
      return decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return value;
    }
  };
  return {
    clientId: formDecode(decoded.slice(0, colon)),
    clientSecret: formDecode(decoded.slice(colon + 1)),
  };
}

/**
 * OAuth2 client credentials (§3.2): credentials in the body (form or JSON) or as HTTP Basic client auth.
 * `fields` is the already-decoded body; refusing never says which part was wrong.
 */
export function issueDittoToken(
  deps: AppDeps,
  fields: Record<string, unknown>,
  authorization: string | undefined,
): DittoTokenResponse {
  const { config, tokens } = configured(deps.ditto);
  const parsed = DittoTokenRequest.safeParse(fields);
  if (!parsed.success) {
    throw new DittoRequestError(400, 'invalid_request', 'The token request fields are not strings.');
  }
  if (parsed.data.grant_type !== DITTO_GRANT_TYPE) {
    throw new DittoRequestError(
      400,
      'unsupported_grant_type',
      `Only grant_type=${DITTO_GRANT_TYPE} is supported.`,
    );
  }
  const basic = parseBasicCredentials(authorization);
  const presented =
    basic ??
    (parsed.data.client_id !== undefined && parsed.data.client_secret !== undefined
      ? { clientId: parsed.data.client_id, clientSecret: parsed.data.client_secret }
      : null);
  if (!presented) {
    throw new DittoAuthError(
      DITTO_AUTH_ERROR_CODES.headerMissing,
      'invalid_client',
      'Basic',
      'Client credentials are missing.',
    );
  }
  if (!clientCredentialsMatch(presented, config)) {
    throw new DittoAuthError(
      DITTO_AUTH_ERROR_CODES.authorizationFailed,
      'invalid_client',
      'Basic',
      'Client authentication failed.',
    );
  }
  const issued = tokens.issue();
  return { access_token: issued.accessToken, token_type: DITTO_TOKEN_TYPE, expires_in: issued.expiresIn };
}

/** Bearer token we issued (or, when configured, the client credentials as Basic). */
export function authenticateDittoPush(deps: AppDeps, authorization: string | undefined): void {
  const { config, tokens } = configured(deps.ditto);
  if (!authorization) {
    throw new DittoAuthError(
      DITTO_AUTH_ERROR_CODES.headerMissing,
      'invalid_request',
      'Bearer',
      'Authorization header is missing.',
    );
  }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (bearer) {
    if (tokens.isValid(bearer[1]!)) return;
    throw new DittoAuthError(
      DITTO_AUTH_ERROR_CODES.authorizationFailed,
      'invalid_token',
      'Bearer',
      'The access token is invalid or has expired.',
    );
  }
  if (config.acceptBasicOnKyc && /^Basic\s/i.test(authorization)) {
    const basic = parseBasicCredentials(authorization);
    if (basic && clientCredentialsMatch(basic, config)) return;
    throw new DittoAuthError(
      DITTO_AUTH_ERROR_CODES.authorizationFailed,
      'invalid_client',
      'Bearer',
      'Client authentication failed.',
    );
  }
  throw new DittoAuthError(
    DITTO_AUTH_ERROR_CODES.invalidHeaderValue,
    'invalid_request',
    'Bearer',
    'The Authorization header is not a Bearer token.',
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The one answer to an encrypted push that cannot be read, whatever failed: Base64, block length,
 * padding, GCM tag, UTF-8, JSON or the schema. Distinct answers would let a sender tell "bad padding"
 * from "good padding, bad content", which is a CBC padding oracle. The detailed reason goes to the log.
 */
export const dittoUndecryptable = () =>
  new DittoRequestError(400, 'ditto_body_undecryptable', 'The body could not be decrypted and read.');

/** Decrypts (when configured) and parses a push. Runs before any transaction; nothing is stored on failure. */
export function decodeDittoPush(
  config: DittoConfig,
  rawBody: Uint8Array,
  logger?: Pick<Logger, 'warn'>,
): { payload: DittoKycRequest; document: unknown } {
  if (!config.requestAes) return decodePlainPush(rawBody);
  try {
    const text = decryptDittoBody(utf8.decode(rawBody), config.requestAes);
    return decodePlainPush(Buffer.from(text, 'utf8'));
  } catch (error) {
    // Reasons are fixed texts and zod paths, never values: the plaintext holds names and document numbers.
    const reason =
      error instanceof DittoDecryptionError || error instanceof DittoRequestError
        ? error.message
        : 'the body is not UTF-8 text';
    logger?.warn({ reason, bytes: rawBody.byteLength }, 'ditto push refused: encrypted body unreadable');
    throw dittoUndecryptable();
  }
}

function decodePlainPush(rawBody: Uint8Array): { payload: DittoKycRequest; document: unknown } {
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    throw new DittoRequestError(400, 'ditto_body_malformed', 'The body is not UTF-8 text.');
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new DittoRequestError(400, 'ditto_body_malformed', 'The body is not JSON.');
  }
  const parsed = DittoKycRequest.safeParse(document);
  if (!parsed.success) {
    // Paths only: zod messages never carry the values, which may be PII.
    const where = parsed.error.issues
      .slice(0, 5)
      .map((issue) => issue.path.join('.') || '(body)')
      .join(', ');
    throw new DittoRequestError(400, 'ditto_body_malformed', `The KYC payload is not valid at: ${where}.`);
  }
  return { payload: parsed.data, document };
}

/**
 * Receives one KYC push (§3.4) and answers per §3.5 only after the case is committed.
 *
 * Every submission lands in `needs_review`, clean or not: Ditto verifies a document but takes no decision,
 * so approving without a reviewer would be the dashboard deciding on its own. What differs is the risk score
 * and the issues, which put flagged submissions at the top of the queue and clean ones at the bottom.
 */
export function receiveDittoSubmission(
  deps: AppDeps,
  rawBody: Uint8Array,
  requestId: string,
): DittoWireReply {
  const { config } = configured(deps.ditto);
  const { payload, document } = decodeDittoPush(config, rawBody, deps.logger);
  const requesterId = payload.request_info.requester_id;
  const assessment = assessDittoSubmission(payload, getDittoScores(deps));
  const fields = dittoCaseFields(payload);
  // Kept whole (images included: reviewers need them) and canonical, so a retry that re-encodes the same
  // JSON differently is still recognised as the same submission.
  const stored = canonicalJson(document);
  const now = deps.now();

  // The case the reply names: the one created now, or the one an earlier push of this requester created.
  let row: CaseRow | undefined;
  const result = ingest(deps, {
    event: {
      provider: DITTO_PROVIDER,
      eventId: requesterId,
      eventType: DITTO_EVENT_TYPE,
      externalId: requesterId,
      providerEventAt: now,
    },
    // A requester id is one submission: pushed again whole it is a duplicate, with other content a conflict.
    seen(tx) {
      row = findProviderCase(tx, DITTO_PROVIDER, requesterId);
      if (!row) return null;
      return unmoved(row.payload === stored ? 'duplicate' : 'conflict', row.id, row.status);
    },
    apply(tx) {
      row = insertProviderCase(
        tx,
        {
          provider: DITTO_PROVIDER,
          kind: DITTO_CASE_KIND,
          externalId: requesterId,
          ...fields,
          status: 'needs_review',
          riskScore: assessment.riskScore,
          riskBand: assessment.riskBand,
          warningCount: assessment.issues.length,
          payload: stored,
          createdAt: now,
          providerEventAt: now,
        },
        {
          context: providerAuditContext(DITTO_PROVIDER, requestId),
          reason: `KYC submission; issues: ${assessment.issues.map((i) => i.code).join(', ') || 'none'}`,
        },
        now,
      );
      return { outcome: 'applied', caseId: row.id, status: row.status, version: row.version };
    },
  });
  const submission = row as CaseRow;

  deps.logger.info(
    {
      requestId,
      requesterId,
      outcome: result.outcome,
      caseId: result.caseId,
      riskScore: assessment.riskScore,
    },
    'Ditto KYC submission',
  );
  if (result.outcome === 'conflict') {
    throw new DittoRequestError(
      409,
      'ditto_requester_id_conflict',
      'This requester_id was already submitted with a different payload.',
    );
  }
  const reply: DittoKycReply = {
    result: true,
    reference_number: dittoReferenceNumber(submission.id, submission.createdAt),
    user_id: payload.request_info.user_id ?? null,
    status_code: DITTO_REPLY_ACCEPTED.statusCode,
    status_message: DITTO_REPLY_ACCEPTED.statusMessage,
  };
  return config.responseAes
    ? { kind: 'encrypted', body: encryptDittoBody(JSON.stringify(reply), config.responseAes) }
    : { kind: 'json', body: reply };
}
