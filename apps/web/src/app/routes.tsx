import { Navigate, type RouteObject } from 'react-router';
import { RequireSignIn } from '../features/auth/RequireSignIn';
import { SignInPage } from '../features/auth/SignInPage';
import { CasePage } from '../features/case/CasePage';
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
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
