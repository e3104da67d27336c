import { Navigate, type RouteObject } from 'react-router';
import { FourEyesSettingsPage } from '../features/admin/FourEyesSettingsPage';
import { UsersPage } from '../features/admin/UsersPage';
import { WorkflowsPage } from '../features/admin/WorkflowsPage';
import { ApprovalsPage } from '../features/approvals/ApprovalsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { RequirePermission } from '../features/auth/RequirePermission';
import { RequireSignIn } from '../features/auth/RequireSignIn';
import { SignInPage } from '../features/auth/SignInPage';
import { CasePage } from '../features/case/CasePage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { QueuePage } from '../features/queue/QueuePage';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';

export const appRoutes: RouteObject[] = [
  { path: 'sign-in', element: <SignInPage /> },
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
            path: 'dashboard',
            element: (
              <RequirePermission permission="audit:read">
                <DashboardPage />
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
