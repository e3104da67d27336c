import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** An error answered with Didit's own body shape (`{"detail": ...}` or `{"field": ["msg"]}`). */
export class DiditHttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.detail === 'string' ? body.detail : `HTTP ${status}`);
  }
}

export const detailError = (status: ContentfulStatusCode, detail: string, headers?: Record<string, string>) =>
  new DiditHttpError(status, { detail }, headers);

export const fieldError = (field: string, message: string) => new DiditHttpError(400, { [field]: [message] });

/** DRF's serializer error format: one list of messages per field, `non_field_errors` for the object. */
export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'non_field_errors';
    errors[field] = [...(errors[field] ?? []), issue.message];
  }
  return errors;
}

const REQUIRED_MESSAGE = 'This field is required.';

export function parseWith<Schema extends z.ZodType>(schema: Schema, data: unknown): z.infer<Schema> {
  const result = schema.safeParse(data, {
    error: (issue) =>
      issue.code === 'invalid_type' && issue.input === undefined ? REQUIRED_MESSAGE : undefined,
  });
  if (!result.success) throw new DiditHttpError(400, zodIssuesToFieldErrors(result.error.issues));
  return result.data;
}

/** Reads a JSON body like DRF's JSONParser: empty body = `{}`, bad JSON = 400, other media types = 415. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const contentType = c.req.header('content-type');
  if (contentType && !contentType.toLowerCase().includes('json')) {
    throw detailError(415, `Unsupported media type "${contentType.split(';')[0]}" in request.`);
  }
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw detailError(400, `JSON parse error - ${error instanceof Error ? error.message : 'invalid JSON'}`);
  }
}

export async function parseJsonBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<z.infer<Schema>> {
  return parseWith(schema, await readJsonBody(c));
}
