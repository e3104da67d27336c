import { type BulkCaseRequest, BulkCaseResponse, ROUTES, routePath } from '@backoffice/contracts';
import { apiRequest } from '../../../api/client';

export function postBulk(request: BulkCaseRequest): Promise<BulkCaseResponse> {
  return apiRequest(routePath(ROUTES.caseBulk), BulkCaseResponse, { method: 'POST', body: request });
}
