import {
  type CreateTagRequest,
  ROUTES,
  routePath,
  Tag,
  type UpdateTagRequest,
  UserRef,
} from '@backoffice/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../api/client';

const Tags = Tag.array();

export const tagKeys = {
  all: ['tags'] as const,
  ofCase: (caseId: number) => ['tags', 'case', caseId] as const,
  reviewers: ['users', 'reviewers'] as const,
};

export function fetchTags(signal?: AbortSignal): Promise<Tag[]> {
  return apiRequest(routePath(ROUTES.tagList), Tags, { signal });
}

export function postTag(request: CreateTagRequest): Promise<Tag> {
  return apiRequest(routePath(ROUTES.tagCreate), Tag, { method: 'POST', body: request });
}

export function patchTag(id: number, request: UpdateTagRequest): Promise<Tag> {
  return apiRequest(routePath(ROUTES.tagUpdate, { id }), Tag, { method: 'PATCH', body: request });
}

export function fetchCaseTags(caseId: number, signal?: AbortSignal): Promise<Tag[]> {
  return apiRequest(routePath(ROUTES.caseTags, { id: caseId }), Tags, { signal });
}

export function putCaseTag(caseId: number, tagId: number): Promise<Tag[]> {
  return apiRequest(routePath(ROUTES.caseTagAdd, { id: caseId, tagId }), Tags, { method: 'PUT', body: {} });
}

export function deleteCaseTag(caseId: number, tagId: number): Promise<Tag[]> {
  return apiRequest(routePath(ROUTES.caseTagRemove, { id: caseId, tagId }), Tags, {
    method: 'DELETE',
    body: {},
  });
}

const UserRefs = UserRef.array();
/** Active analysts and managers: the named-person picker. */
export function fetchReviewers(signal?: AbortSignal): Promise<UserRef[]> {
  return apiRequest(routePath(ROUTES.reviewerList), UserRefs, { signal });
}

export function useTags() {
  return useQuery({ queryKey: tagKeys.all, queryFn: ({ signal }) => fetchTags(signal), staleTime: 60_000 });
}

export function useReviewers() {
  return useQuery({
    queryKey: tagKeys.reviewers,
    queryFn: ({ signal }) => fetchReviewers(signal),
    staleTime: 60_000,
  });
}
