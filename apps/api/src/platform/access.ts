import type { Permission, RouteId } from '@backoffice/contracts';

/**
 * What every API route requires, in one table: `public` (no session: health, docs, sign-in, and provider
 * webhooks, which authenticate by signature or token), `signed_in`, or a permission. A route missing
 * from this table is refused to everyone (deny by default); the role × route test walks this table.
 * Keys are `METHOD path` with Hono's `:param` syntax, exactly the routes of the contracts' `ROUTES`
 * (typecheck refuses one missing or extra).
 */
export const ROUTE_ACCESS = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/assets/init.js': 'public',
  'GET /api/docs/assets/:file': 'public',
  'POST /webhooks/didit': 'public',
  // Ditto ID pushes to us and authenticates with our own client credentials and tokens.
  'POST /ditto/token': 'public',
  'POST /ditto/kyc': 'public',
  // KryptoGO signs nothing: the callback is only a hint, re-read with our API key before anything changes.
  'POST /webhooks/kryptogo': 'public',

  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'signed_in',
  'GET /api/auth/me': 'signed_in',

  'GET /api/cases': 'cases:read',
  'GET /api/cases/:id': 'cases:read',
  'GET /api/cases/:id/media/:key': 'cases:media',
  // The report embeds the document and selfie images, so it needs what the images need.
  'GET /api/cases/:id/report.pdf': 'cases:media',
  // The pack holds the case's audit rows (staff, addresses, times) beside its images: audit readers only.
  'GET /api/cases/:id/evidence': 'audit:read',
  'POST /api/cases/:id/actions': 'cases:decide',
  'POST /api/cases/:id/comments': 'cases:comment',
  'PUT /api/cases/:id/metadata': 'cases:comment',
  'PUT /api/cases/:id/assignee': 'cases:assign',
  'GET /api/users/assignable': 'cases:assign',
  'GET /api/reason-codes': 'cases:read',
  'PUT /api/reason-codes/:code': 'settings:manage',
  'GET /api/actions': 'actions:approve',
  'POST /api/actions/:actionId/decision': 'actions:approve',
  'GET /api/settings/four-eyes': 'cases:read',
  'PUT /api/settings/four-eyes': 'settings:manage',
  'GET /api/events': 'cases:read',
  'POST /api/reconcile': 'system:reconcile',
  'GET /api/sync/status': 'system:reconcile',
  'POST /api/kryptogo/screenings': 'cases:decide',

  'GET /api/audit': 'audit:read',
  'GET /api/audit/export.csv': 'audit:read',
  'GET /api/audit/verify': 'audit:read',
  'GET /api/dashboard': 'audit:read',
  'GET /api/workflows': 'thresholds:manage',
  'PATCH /api/workflows/:id': 'thresholds:manage',
  'GET /api/workflows/:id/what-if': 'thresholds:manage',
  'GET /api/settings/ditto-scores': 'thresholds:manage',
  'PATCH /api/settings/ditto-scores': 'thresholds:manage',
  'GET /api/settings/ditto-scores/what-if': 'thresholds:manage',
  'GET /api/users': 'users:manage',
  'POST /api/users': 'users:manage',
  'PATCH /api/users/:id': 'users:manage',
  'POST /api/cases/:id/claim': 'cases:decide',
  'POST /api/cases/:id/flag/clear': 'cases:clear_flag',
  'GET /api/settings/sla': 'cases:read',
  'PUT /api/settings/sla': 'settings:manage',
  'POST /api/cases/bulk': 'cases:assign',
  'GET /api/users/reviewers': 'cases:read',
  'GET /api/tags': 'cases:read',
  'POST /api/tags': 'tags:manage',
  'PATCH /api/tags/:id': 'tags:manage',
  'GET /api/cases/:id/tags': 'cases:read',
  'PUT /api/cases/:id/tags/:tagId': 'cases:comment',
  'DELETE /api/cases/:id/tags/:tagId': 'cases:comment',
  'GET /api/views': 'cases:read',
  'GET /api/views/:id': 'cases:read',
  'POST /api/views': 'cases:read',
  'DELETE /api/views/:id': 'cases:read',
  'GET /api/qa/items': 'qa:review',
  'GET /api/qa/items/:id': 'qa:review',
  'POST /api/qa/items/:id/outcome': 'qa:review',
  'GET /api/qa/settings': 'qa:review',
  'PUT /api/qa/settings': 'qa:settings',
  'POST /api/qa/sampler/run': 'qa:settings',
  // Entry values are personal data and removal needs a second manager: managers only.
  'GET /api/lists': 'lists:manage',
  'GET /api/lists/:listUuid/entries': 'lists:manage',
  'POST /api/lists/:listUuid/entries': 'lists:manage',
  'POST /api/lists/:listUuid/entries/:entryUuid/removal': 'lists:manage',
  'GET /api/drift': 'drift:resolve',
  'POST /api/drift/:id/resolve': 'drift:resolve',
  'POST /api/drift/:id/decision': 'drift:resolve',
} as const satisfies Record<RouteId, Permission | 'public' | 'signed_in'>;

export type Access = Permission | 'public' | 'signed_in';

export function accessFor(method: string, path: string): Access | undefined {
  return (ROUTE_ACCESS as Record<string, Access>)[`${method} ${path}`];
}
