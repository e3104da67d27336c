import { Navigate, type RouteObject } from 'react-router';
import { CasePage } from '../features/case/CasePage';
import { QueuePage } from '../features/queue/QueuePage';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';

export const appRoutes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/cases?status=needs_review" replace /> },
      { path: 'cases', element: <QueuePage /> },
      { path: 'cases/:caseId', element: <CasePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
