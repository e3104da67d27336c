/**
 * Cold-load timing of the queue in real Chromium: how long after navigation the first page of cases is
 * on screen, with nothing cached. Run by `pnpm bench` (apps/api/bench/queue.bench.ts) against the API it
 * started on the benchmark database, or alone against any running API that serves the built SPA:
 *
 *   pnpm --filter @backoffice/web exec tsx bench/cold-load.ts http://127.0.0.1:3000 analyst@example.com PASSWORD 7
 *
 * Each run uses a new browser context (empty HTTP cache, no service worker, no storage), signs in
 * through the API so the session cookie is set, then opens /queue and records, in the page, when the
 * first case row (a row with a link to a case; the skeleton rows shown while the queue loads have none)
 * has been drawn: after the style, layout and paint of the frame that first holds it, from the
 * navigation's time origin. Recording it in the page keeps out the time Playwright takes to notice and
 * the tasks the page runs after that frame.
 * Prints one JSON line: every run, the median and the worst, in milliseconds, and the medians of three
 * milestones on the way (scripts run; the queue's API request sent and its answer received; the row in the DOM, before its
 * style, layout and paint) to show where the time went. Only loopback addresses are accepted.
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

/** The row the queue shows its data in: a table row with a link to a case (skeleton rows have none). */
const DATA_ROW = 'tbody tr a[href^="/cases/"]';

interface ColdLoad {
  /** The first case row painted. */
  dataMs: number;
  /** The first case row inserted in the DOM (style, layout and paint still to come). */
  rowInDomMs: number;
  /** The HTML and every script it names parsed and run (where a slow bundle shows). */
  domReadyMs: number;
  /** The first queue API request started (where a late fetch shows). */
  queueRequestMs: number;
  /** The first queue API response fully received (where a slow API shows). */
  queueResponseMs: number;
}

/**
 * With COLD_LOAD_TRACE=<file>, one more run after the measured ones records a Chromium performance
 * trace of the page (scripts with their CPU samples, style, layout, paint; open it in DevTools'
 * Performance panel) to show where the main thread's time went. Tracing slows the page, so that run's
 * timing is not one of the figures.
 */
const tracePath = process.env.COLD_LOAD_TRACE;
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
  'loading',
];

async function oneColdLoad(trace = false): Promise<ColdLoad> {
  const context = await signedInContext(browser, base, credentials);
  try {
    const page = await context.newPage();
    if (trace && tracePath) {
      await browser.startTracing(page, { path: tracePath, categories: TRACE_CATEGORIES });
    }
    // Before any of the page's scripts: when the first data row enters the DOM, note the time, then
    // wait for the frame that draws it: a requestAnimationFrame callback runs just before that frame's
    // style, layout and paint, and a message posted from it is delivered only after them.
    await page.addInitScript((selector) => {
      const marks: { rowInDomMs?: number; dataMs?: number } = {};
      const afterPaint = new MessageChannel();
      afterPaint.port1.onmessage = () => {
        marks.dataMs = performance.now();
        // Named in a trace (COLD_LOAD_TRACE) so the moment can be found on its timeline.
        performance.mark('cold-load: first case row painted');
      };
      const rows = new MutationObserver(() => {
        if (!document.querySelector(selector)) return;
        rows.disconnect();
        marks.rowInDomMs = performance.now();
        requestAnimationFrame(() => afterPaint.port2.postMessage(null));
      });
      rows.observe(document, { childList: true, subtree: true });
      // Held by the page, so nothing is collected before the row is drawn.
      Object.assign(window, { __coldLoad: marks, __coldLoadWatchers: [rows, afterPaint] });
    }, DATA_ROW);
    // The queue's default view, as a reviewer's bookmark opens it.
    await page.goto(new URL('/cases?status=needs_review', base).toString(), { waitUntil: 'commit' });
    await page
      .waitForFunction(
        () => (window as unknown as { __coldLoad: { dataMs?: number } }).__coldLoad.dataMs,
        null,
        {
          timeout: 30_000,
        },
      )
      .catch(async (error: Error) => {
        throw new Error(`no queue row painted on ${page.url()}: ${error.message.split('\n')[0]}`);
      });
    if (trace && tracePath) await browser.stopTracing();
    return await page.evaluate(() => {
      const marks = (window as unknown as { __coldLoad: { rowInDomMs: number; dataMs: number } }).__coldLoad;
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const queue = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) =>
        entry.name.includes('/api/cases?'),
      );
      return {
        dataMs: marks.dataMs,
        rowInDomMs: marks.rowInDomMs,
        domReadyMs: navigation.domContentLoadedEventEnd,
        queueRequestMs: queue?.startTime ?? -1,
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
  if (tracePath) await oneColdLoad(true);
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
    medianQueueRequestMs: median(loads.map((load) => load.queueRequestMs)),
    medianQueueResponseMs: median(loads.map((load) => load.queueResponseMs)),
    medianRowInDomMs: median(loads.map((load) => load.rowInDomMs)),
  })}\n`,
);
