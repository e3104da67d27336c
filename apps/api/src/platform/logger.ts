import pino from 'pino';

/**
 * Paths that may carry PII anywhere in a log object. Logs must never hold names, dates of birth,
 * document numbers or images, so these are censored even if a caller passes them by mistake.
 */
export const PII_LOG_PATHS = [
  'subjectName',
  '*.subjectName',
  'documentNumber',
  '*.documentNumber',
  'payload',
  '*.payload',
  'decision',
  '*.decision',
  'body',
  '*.body',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
];

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: PII_LOG_PATHS, censor: '[redacted]' } }, destination);
}
