import { type BulkCaseRequest, BulkCaseResponse } from '@backoffice/contracts';
import { apiRequest } from '../../../api/client';

export function postBulk(request: BulkCaseRequest): Promise<BulkCaseResponse> {
  return apiRequest('/api/cases/bulk', BulkCaseResponse, { method: 'POST', body: request });
}
