import type { Permission } from '@backoffice/contracts';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode, Suspense } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { RequirePermission } from '../features/auth/RequirePermission';
import { RequireSignIn } from '../features/auth/RequireSignIn';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { PageLoader } from './PageLoader';
import { QUEUE_SCREEN_PATH } from './screenPaths';

// Each screen is its own chunk so the first load carries only the shell and the screen it opens;
// AppLayout suspends around its outlet while the next screen's chunk arrives.
const screenLoaders: Array<{ path: RegExp; load: () => Promise<unknown> }> = [];

function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
  path: RegExp,
): LazyExoticComponent<ComponentType> {
  screenLoaders.push({ path, load });
  return lazy(() => load().then((module): { default: ComponentType } => ({ default: module[name] })));
}

/**
 * Starts fetching the chunk of the screen at `pathname` right away, in parallel with the session
 * check, instead of after it (the browser shares one module fetch with the later lazy render).
 */
export function preloadScreen(pathname: string): void {
  const match = screenLoaders.find((screen) => screen.path.test(pathname));
  void match?.load().catch(() => {
    // The lazy render retries the import and shows the route's error if it fails again.
  });
}

const SignInPage = lazyPage(() => import('../features/auth/SignInPage'), 'SignInPage', /^\/sign-in/);
const QueuePage = lazyPage(() => import('../features/queue/QueuePage'), 'QueuePage', QUEUE_SCREEN_PATH);
const CasePage = lazyPage(() => import('../features/case/CasePage'), 'CasePage', /^\/cases\/[^/]+/);
const ApprovalsPage = lazyPage(
  () => import('../features/approvals/ApprovalsPage'),
  'ApprovalsPage',
  /^\/approvals/,
);
const ListsPage = lazyPage(() => import('../features/lists/ListsPage'), 'ListsPage', /^\/lists/);
const AuditPage = lazyPage(() => import('../features/audit/AuditPage'), 'AuditPage', /^\/audit/);
const DashboardPage = lazyPage(
  () => import('../features/dashboard/DashboardPage'),
  'DashboardPage',
  /^\/dashboard/,
);
const WorkflowsPage = lazyPage(
  () => import('../features/admin/WorkflowsPage'),
  'WorkflowsPage',
  /^\/admin\/workflows/,
);
const UsersPage = lazyPage(() => import('../features/admin/UsersPage'), 'UsersPage', /^\/admin\/users/);
const QaPage = lazyPage(() => import('../features/qa/QaPage'), 'QaPage', /^\/qa/);
const DriftPage = lazyPage(() => import('../features/drift/DriftPage'), 'DriftPage', /^\/drift/);
const FourEyesSettingsPage = lazyPage(
  () => import('../features/admin/FourEyesSettingsPage'),
  'FourEyesSettingsPage',
  /^\/admin\/settings/,
);

/** A screen that needs a permission: opened by URL without it, the page says so instead of breaking. */
function guarded(path: string, permission: Permission, page: ReactNode): RouteObject {
  return { path, element: <RequirePermission permission={permission}>{page}</RequirePermission> };
}

export const appRoutes: RouteObject[] = [
  {
    path: 'sign-in',
    element: (
      <Suspense fallback={<PageLoader />}>
        <SignInPage />
      </Suspense>
    ),
  },
  {
    element: <RequireSignIn />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/cases?status=needs_review" replace /> },
          { path: 'cases', element: <QueuePage /> },
          { path: 'cases/:caseId', element: <CasePage /> },
          guarded('approvals', 'actions:approve', <ApprovalsPage />),
          guarded('lists', 'lists:manage', <ListsPage />),
          guarded('dashboard', 'audit:read', <DashboardPage />),
          guarded('qa', 'qa:review', <QaPage />),
          guarded('drift', 'drift:resolve', <DriftPage />),
          guarded('audit', 'audit:read', <AuditPage />),
          guarded('admin/workflows', 'thresholds:manage', <WorkflowsPage />),
          guarded('admin/users', 'users:manage', <UsersPage />),
          guarded('admin/settings', 'settings:manage', <FourEyesSettingsPage />),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
