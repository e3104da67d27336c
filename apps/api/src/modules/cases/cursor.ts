import type { CaseSortField, SortOrder } from '@backoffice/contracts';
import { z } from 'zod';
import { badRequest } from '../../platform/errors';

/** Position in a sorted list: the sort value and id of the row at the page edge. */
const Cursor = z.object({
  sort: z.enum(['createdAt', 'updatedAt', 'riskScore', 'dueAt']),
  order: z.enum(['asc', 'desc']),
  value: z.number(),
  id: z.number().int(),
  direction: z.enum(['next', 'prev']),
});
export type Cursor = z.infer<typeof Cursor>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string, sort: CaseSortField, order: SortOrder): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('The page cursor is not valid; reload the list.');
  }
  const result = Cursor.safeParse(parsed);
  if (!result.success || result.data.sort !== sort || result.data.order !== order) {
    throw badRequest('The page cursor does not belong to this sort order; reload the list.');
  }
  return result.data;
}
