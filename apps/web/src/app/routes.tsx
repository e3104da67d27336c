import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { RequirePermission } from '../features/auth/RequirePermission';
import { RequireSignIn } from '../features/auth/RequireSignIn';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { PageLoader } from './PageLoader';

// Each screen is its own chunk so the first load carries only the shell and the screen it opens;
// AppLayout suspends around its outlet while the next screen's chunk arrives.
function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): LazyExoticComponent<ComponentType> {
  return lazy(() => load().then((module): { default: ComponentType } => ({ default: module[name] })));
}

const SignInPage = lazyPage(() => import('../features/auth/SignInPage'), 'SignInPage');
const QueuePage = lazyPage(() => import('../features/queue/QueuePage'), 'QueuePage');
const CasePage = lazyPage(() => import('../features/case/CasePage'), 'CasePage');
const ApprovalsPage = lazyPage(() => import('../features/approvals/ApprovalsPage'), 'ApprovalsPage');
const AuditPage = lazyPage(() => import('../features/audit/AuditPage'), 'AuditPage');
const WorkflowsPage = lazyPage(() => import('../features/admin/WorkflowsPage'), 'WorkflowsPage');
const UsersPage = lazyPage(() => import('../features/admin/UsersPage'), 'UsersPage');
const FourEyesSettingsPage = lazyPage(
  () => import('../features/admin/FourEyesSettingsPage'),
  'FourEyesSettingsPage',
);

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
          {
            path: 'approvals',
            element: (
              <RequirePermission permission="actions:approve">
                <ApprovalsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'audit',
            element: (
              <RequirePermission permission="audit:read">
                <AuditPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/workflows',
            element: (
              <RequirePermission permission="thresholds:manage">
                <WorkflowsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/users',
            element: (
              <RequirePermission permission="users:manage">
                <UsersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/settings',
            element: (
              <RequirePermission permission="settings:manage">
                <FourEyesSettingsPage />
              </RequirePermission>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
