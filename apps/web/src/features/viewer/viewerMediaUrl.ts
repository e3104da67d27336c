import { type CaseMediaKey, caseMediaUrl } from '../../api/endpoints';

let showings = 0;

/**
 * The address of one showing of an image in the viewer. Each call differs, so the browser fetches
 * through the audited media route (one `case.media_viewed` row per showing) instead of reusing the
 * thumbnail's bytes it keeps in memory; the API ignores the query.
 */
export function viewerMediaUrl(caseId: number, key: CaseMediaKey): string {
  showings += 1;
  return `${caseMediaUrl(caseId, key)}?view=${Date.now().toString(36)}-${showings}`;
}
