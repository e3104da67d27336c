import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors';
import type { AppEnv } from './openapi';

/**
 * `Sec-Fetch-Site` values allowed on a GET that writes an audit row (an image, the PDF report, the CSV
 * export, a case's detail). `same-origin`: the SPA's own fetches, <img> tags and download links.
 * `none`: the user typed or pasted the URL, or opened a bookmark, which no other site can cause.
 * `same-site` is refused too: a sibling subdomain is another application that could be compromised.
 */
const ALLOWED_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * Refuses a cross-site request for an audited read, so that a link or an image on another site cannot
 * make a signed-in reviewer's browser write "viewed" rows in their name (the session cookie is
 * SameSite=Lax, which still sends it on a top-level link). Fetch Metadata rather than a separate Strict
 * cookie: no second credential to issue, rotate and revoke, and the check sits in front of the route.
 *
 * A request without the header is let through: every browser the SPA supports sends it (Chrome 76,
 * Firefox 90, Safari 16.4 and later), so its absence means a non-browser client (curl, a script),
 * which carries its own credentials and cannot be driven by another site.
 */
export function sameOriginOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && !ALLOWED_FETCH_SITES.has(site.toLowerCase())) {
      throw new AppError(
        403,
        'cross_site_request',
        'This link came from another site. Open it from the back-office instead.',
      );
    }
    await next();
  };
}
