/**
 * Cold-load timing of the queue in real Chromium: how long after navigation the first page of cases is
 * on screen, with nothing cached. Run by `pnpm bench` (apps/api/bench/queue.bench.ts) against the API it
 * started on the benchmark database, or alone against any running API that serves the built SPA:
 *
 *   pnpm --filter @backoffice/web exec tsx bench/cold-load.ts http://127.0.0.1:3000 analyst@example.com PASSWORD 7
 *
 * Each run uses a new browser context (empty HTTP cache, no service worker, no storage), signs in
 * through the API so the session cookie is set, then opens /queue and reads `performance.now()` in the
 * page at the moment the first case row (a link to a case) exists in the table. That figure is measured
 * from the navigation's own time origin, so the time Playwright spends between calls does not count.
 * Prints one JSON line: every run, the median and the worst, in milliseconds, and the medians of two
 * milestones on the way (scripts run; the queue's API answer received) to show where the time went.
 * Only loopback addresses are accepted.
 */
import { launchBenchChromium, signedInContext } from './chromium';

const [url, email, password, runsText] = process.argv.slice(2);
if (!url || !email || !password) {
  throw new Error('usage: cold-load <api url> <email> <password> [runs]');
}
const base = new URL(url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
  throw new Error('cold-load only targets a loopback address');
}
const runs = Math.max(1, Math.min(50, Number(runsText ?? 7) || 7));
const credentials = { email, password };

const browser = await launchBenchChromium();

interface ColdLoad {
  /** The first case row on screen. */
  dataMs: number;
  /** The HTML and every script it names parsed and run (where a slow bundle shows). */
  domReadyMs: number;
  /** The first queue API response fully received (where a slow API shows). */
  queueResponseMs: number;
}

async function oneColdLoad(): Promise<ColdLoad> {
  const context = await signedInContext(browser, base, credentials);
  try {
    const page = await context.newPage();
    // The queue's default view, as a reviewer's bookmark opens it.
    await page.goto(new URL('/cases?status=needs_review', base).toString(), { waitUntil: 'commit' });
    // A row linking to a case: the queue's data, not the skeleton rows shown while it loads.
    await page
      .waitForSelector('tbody tr a[href^="/cases/"]', { timeout: 30_000 })
      .catch(async (error: Error) => {
        throw new Error(`no queue row on ${page.url()}: ${error.message.split('\n')[0]}`);
      });
    return await page.evaluate(() => {
      const dataMs = performance.now();
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const queue = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) =>
        entry.name.includes('/api/cases?'),
      );
      return {
        dataMs,
        domReadyMs: navigation.domContentLoadedEventEnd,
        queueResponseMs: queue?.responseEnd ?? -1,
      };
    });
  } finally {
    await context.close();
  }
}

const loads: ColdLoad[] = [];
try {
  // One warm-up load so the API's first-request costs (statement preparation, page cache) are not
  // counted as the SPA's; the browser cache is still empty for every measured run.
  await oneColdLoad();
  for (let run = 0; run < runs; run++) loads.push(await oneColdLoad());
} finally {
  await browser.close();
}
const median = (values: number[]) =>
  Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
const timings = loads.map((load) => Math.round(load.dataMs));
process.stdout.write(
  `${JSON.stringify({
    runs: timings,
    medianMs: median(timings),
    worstMs: Math.max(...timings),
    medianDomReadyMs: median(loads.map((load) => load.domReadyMs)),
    medianQueueResponseMs: median(loads.map((load) => load.queueResponseMs)),
  })}\n`,
);
