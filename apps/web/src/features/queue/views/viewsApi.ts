import { type CreateSavedViewRequest, ROUTES, routePath, SavedView } from '@backoffice/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, NoContent } from '../../../api/client';

export const viewKeys = {
  all: ['views'] as const,
  one: (id: number) => ['views', id] as const,
};

const SavedViews = SavedView.array();

export function fetchViews(signal?: AbortSignal): Promise<SavedView[]> {
  return apiRequest(routePath(ROUTES.viewList), SavedViews, { signal });
}

export function fetchView(id: number, signal?: AbortSignal): Promise<SavedView> {
  return apiRequest(routePath(ROUTES.viewDetail, { id }), SavedView, { signal });
}

export function postView(request: CreateSavedViewRequest): Promise<SavedView> {
  return apiRequest(routePath(ROUTES.viewCreate), SavedView, { method: 'POST', body: request });
}

export function deleteView(id: number): Promise<void> {
  return apiRequest(routePath(ROUTES.viewDelete, { id }), NoContent, { method: 'DELETE', body: {} });
}

export function useViews() {
  return useQuery({ queryKey: viewKeys.all, queryFn: ({ signal }) => fetchViews(signal) });
}
