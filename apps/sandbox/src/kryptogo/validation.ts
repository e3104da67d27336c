import { z } from 'zod';
import { ERROR_CODE } from './assumptions';
import { badRequest } from './errors';

/** Parses a JSON request body; malformed JSON or a schema failure is a 400 naming the fields, never their values. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const text = await request.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest('request body is not valid JSON');
  }
  return parseWith(schema, json, ERROR_CODE.invalidBody);
}

export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  code: number,
  pathPrefix?: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(describeIssues(result.error, pathPrefix), code);
  return result.data;
}

export function describeIssues(error: z.ZodError, pathPrefix?: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [...(pathPrefix ? [pathPrefix] : []), ...issue.path.map(String)].join('.');
      return `${path.length > 0 ? path : 'body'}: ${issue.message}`;
    })
    .join('; ');
}

const isRealDate = (value: string) => {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
};

export const IsoDateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isRealDate, 'not a calendar date');
export const CountryAlpha3 = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166 alpha-3 code');
export const HttpUrl = z
  .string()
  .max(2047)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an http(s) URL');
/** Integer ids in path parameters are strings in the spec; anything else is unknown, hence 404. */
export function parseIdParam(value: string): number | null {
  return /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null;
}
