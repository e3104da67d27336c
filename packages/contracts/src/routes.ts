/**
 * Every HTTP route the server answers, by name: the API builds its route definitions from these paths
 * and the web builds its URLs from them, so renaming a route breaks the build instead of a screen. Paths
 * are complete (with their `/api`, `/webhooks` or `/ditto` prefix) in Hono's `:param` syntax; a test
 * checks that the app serves exactly these.
 */
export const ROUTES = {
  health: { method: 'GET', path: '/api/health' },
  openApiDocument: { method: 'GET', path: '/api/openapi.json' },
  docsPage: { method: 'GET', path: '/api/docs' },
  docsInitScript: { method: 'GET', path: '/api/docs/assets/init.js' },
  docsAsset: { method: 'GET', path: '/api/docs/assets/:file' },

  login: { method: 'POST', path: '/api/auth/login' },
  logout: { method: 'POST', path: '/api/auth/logout' },
  me: { method: 'GET', path: '/api/auth/me' },

  caseList: { method: 'GET', path: '/api/cases' },
  caseDetail: { method: 'GET', path: '/api/cases/:id' },
  caseMedia: { method: 'GET', path: '/api/cases/:id/media/:key' },
  caseReport: { method: 'GET', path: '/api/cases/:id/report.pdf' },
  caseClaim: { method: 'POST', path: '/api/cases/:id/claim' },
  caseFlagClear: { method: 'POST', path: '/api/cases/:id/flag/clear' },
  caseActionCreate: { method: 'POST', path: '/api/cases/:id/actions' },
  caseCommentCreate: { method: 'POST', path: '/api/cases/:id/comments' },
  caseMetadataSet: { method: 'PUT', path: '/api/cases/:id/metadata' },
  caseAssigneeSet: { method: 'PUT', path: '/api/cases/:id/assignee' },
  caseEvidencePack: { method: 'GET', path: '/api/cases/:id/evidence' },
  assignableUsers: { method: 'GET', path: '/api/users/assignable' },

  reasonCodeList: { method: 'GET', path: '/api/reason-codes' },
  reasonCodeSave: { method: 'PUT', path: '/api/reason-codes/:code' },
  actionList: { method: 'GET', path: '/api/actions' },
  actionDecision: { method: 'POST', path: '/api/actions/:actionId/decision' },
  fourEyesSettings: { method: 'GET', path: '/api/settings/four-eyes' },
  fourEyesSettingsSave: { method: 'PUT', path: '/api/settings/four-eyes' },
  slaSettings: { method: 'GET', path: '/api/settings/sla' },
  slaSettingsSave: { method: 'PUT', path: '/api/settings/sla' },

  events: { method: 'GET', path: '/api/events' },
  reconcile: { method: 'POST', path: '/api/reconcile' },
  syncStatus: { method: 'GET', path: '/api/sync/status' },
  kryptogoScreeningCreate: { method: 'POST', path: '/api/kryptogo/screenings' },

  auditList: { method: 'GET', path: '/api/audit' },
  auditExport: { method: 'GET', path: '/api/audit/export.csv' },
  auditVerify: { method: 'GET', path: '/api/audit/verify' },
  dashboard: { method: 'GET', path: '/api/dashboard' },
  workflowList: { method: 'GET', path: '/api/workflows' },
  workflowUpdate: { method: 'PATCH', path: '/api/workflows/:id' },
  workflowWhatIf: { method: 'GET', path: '/api/workflows/:id/what-if' },
  dittoScoreSettings: { method: 'GET', path: '/api/settings/ditto-scores' },
  dittoScoreSettingsSave: { method: 'PATCH', path: '/api/settings/ditto-scores' },
  dittoWhatIf: { method: 'GET', path: '/api/settings/ditto-scores/what-if' },
  userList: { method: 'GET', path: '/api/users' },
  userCreate: { method: 'POST', path: '/api/users' },
  userUpdate: { method: 'PATCH', path: '/api/users/:id' },

  qaItemList: { method: 'GET', path: '/api/qa/items' },
  qaItem: { method: 'GET', path: '/api/qa/items/:id' },
  qaOutcome: { method: 'POST', path: '/api/qa/items/:id/outcome' },
  qaSettings: { method: 'GET', path: '/api/qa/settings' },
  qaSettingsSave: { method: 'PUT', path: '/api/qa/settings' },
  qaSamplerRun: { method: 'POST', path: '/api/qa/sampler/run' },
  driftList: { method: 'GET', path: '/api/drift' },
  driftResolve: { method: 'POST', path: '/api/drift/:id/resolve' },
  driftDecision: { method: 'POST', path: '/api/drift/:id/decision' },

  caseBulk: { method: 'POST', path: '/api/cases/bulk' },
  reviewerList: { method: 'GET', path: '/api/users/reviewers' },
  tagList: { method: 'GET', path: '/api/tags' },
  tagCreate: { method: 'POST', path: '/api/tags' },
  tagUpdate: { method: 'PATCH', path: '/api/tags/:id' },
  caseTags: { method: 'GET', path: '/api/cases/:id/tags' },
  caseTagAdd: { method: 'PUT', path: '/api/cases/:id/tags/:tagId' },
  caseTagRemove: { method: 'DELETE', path: '/api/cases/:id/tags/:tagId' },
  viewList: { method: 'GET', path: '/api/views' },
  viewDetail: { method: 'GET', path: '/api/views/:id' },
  viewCreate: { method: 'POST', path: '/api/views' },
  viewDelete: { method: 'DELETE', path: '/api/views/:id' },
  listList: { method: 'GET', path: '/api/lists' },
  listEntries: { method: 'GET', path: '/api/lists/:listUuid/entries' },
  listEntryAdd: { method: 'POST', path: '/api/lists/:listUuid/entries' },
  listEntryRemoval: { method: 'POST', path: '/api/lists/:listUuid/entries/:entryUuid/removal' },

  // Provider ingress: authenticated by signature or token, never called by the web.
  diditWebhook: { method: 'POST', path: '/webhooks/didit' },
  kryptogoCallback: { method: 'POST', path: '/webhooks/kryptogo' },
  dittoToken: { method: 'POST', path: '/ditto/token' },
  dittoKyc: { method: 'POST', path: '/ditto/kyc' },
} as const satisfies Record<string, RouteDefinition>;

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
}

export type RouteName = keyof typeof ROUTES;

/** `METHOD path` of every route, the key format of the API's access table. */
export type RouteId = {
  [K in RouteName]: `${(typeof ROUTES)[K]['method']} ${(typeof ROUTES)[K]['path']}`;
}[RouteName];

/** The `:param` names in a path. */
export type PathParamName<P extends string> = P extends `${string}:${infer Param}/${infer Rest}`
  ? Param | PathParamName<`/${Rest}`>
  : P extends `${string}:${infer Param}`
    ? Param
    : never;

export type PathParams<P extends string> = { [K in PathParamName<P>]: string | number };

/** The route's path with its params filled in (each URL-encoded); a route without params takes none. */
export function routePath<P extends string>(
  route: { path: P },
  ...[params]: PathParamName<P> extends never ? [] : [PathParams<P>]
): string {
  const values = (params ?? {}) as Record<string, string | number>;
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${route.path} needs the parameter ${name}.`);
    return encodeURIComponent(String(value));
  });
}
