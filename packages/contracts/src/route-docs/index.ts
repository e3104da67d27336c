import { accessRouteDocs } from './access';
import { caseRouteDocs } from './cases';
import { decisionRouteDocs } from './decisions';
import { settingsRouteDocs } from './settings';
import type { AreaRouteDocs } from './shapes';
import { supervisionRouteDocs } from './supervision';
import { systemRouteDocs } from './system';

export * from './shapes';

/**
 * The definition of every `/api` route, by its `ROUTES` name. The server builds its routes from these
 * (apps/api/src/platform/routes.ts), so a route's schemas and answers are written once; the web does not
 * import this module, which keeps the descriptions out of its bundle.
 */
export const ROUTE_DOCS = {
  ...caseRouteDocs,
  ...decisionRouteDocs,
  ...supervisionRouteDocs,
  ...settingsRouteDocs,
  ...accessRouteDocs,
  ...systemRouteDocs,
} satisfies AreaRouteDocs;

export type DocumentedRouteName = keyof typeof ROUTE_DOCS;
