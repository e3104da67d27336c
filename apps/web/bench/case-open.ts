/**
 * Case page opening time in real Chromium: a Didit case with every report type (the sandbox scenario
 * `all_reports`: every report type, repeated ID document and face match nodes) against an ordinary
 * case (`review_low_face_match`), measured in the same run so their ratio holds on a loaded machine.
 * Run by `pnpm bench` (apps/api/bench/queue.bench.ts) against a stack it started (scripts/stack.ts),
 * or alone against any running stack that serves the built SPA and is wired to a Didit sandbox:
 *
 *   pnpm --filter @backoffice/web exec tsx bench/case-open.ts http://127.0.0.1:3000 http://127.0.0.1:4101 SANDBOX_API_KEY analyst@example.com PASSWORD 15
 *
 * Creates one session of each scenario through the sandbox's own HTTP flow (as the e2e suite does)
 * and waits until the API has ingested both decisions. Then, alternating the two cases so a burst of
 * load on the machine hits both alike, each run opens /cases/<id> in a new browser context (empty HTTP
 * cache, as a reviewer opening a link from a notification), signed in through the API, and reads
 * `performance.now()` in the page once the case heading and the first report card exist. The report
 * cards are one React commit with the rest of the reports section, so the first card means every
 * report is in the DOM. Measured from the navigation's own time origin, so Playwright's time between
 * calls does not count. Prints one JSON line: every run and the median of each case, and the ratio.
 * Only loopback addresses are accepted.
 */
import { launchBenchChromium, signedInContext } from './chromium';

const [url, sandboxUrl, sandboxKey, email, password, runsText] = process.argv.slice(2);
if (!url || !sandboxUrl || !sandboxKey || !email || !password) {
  throw new Error(
    'usage: case-open <api url> <didit sandbox url> <sandbox api key> <email> <password> [runs]',
  );
}
const base = new URL(url);
const sandbox = new URL(sandboxUrl);
for (const target of [base, sandbox]) {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    throw new Error('case-open only targets loopback addresses');
  }
}
const runs = Math.max(1, Math.min(50, Number(runsText ?? 15) || 15));
// Narrowed here: the check above does not carry into the functions below.
const apiKey: string = sandboxKey;
const credentials = { email, password };

/** The two cases compared: the largest payload the sandbox makes, and one a reviewer meets every day. */
const HEAVY = 'all_reports';
const ORDINARY = 'review_low_face_match';

async function signIn(): Promise<string> {
  const login = await fetch(new URL('/api/auth/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base.origin },
    body: JSON.stringify({ email, password }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`sign-in failed: ${login.status}`);
  return cookie;
}

/** A new sandbox session of `scenario`, and our case id once its decision has been ingested. */
async function createCase(scenario: string, cookie: string): Promise<number> {
  const created = await fetch(new URL('/_sandbox/didit/sessions', sandbox), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ scenario }),
  });
  if (!created.ok) throw new Error(`sandbox scenario ${scenario}: ${created.status} ${await created.text()}`);
  const sessionId = ((await created.json()) as { sessions: { session_id: string }[] }).sessions[0]
    ?.session_id;
  if (!sessionId) throw new Error(`sandbox scenario ${scenario}: no session`);
  // Decided statuses only: a case still pending has not received the reports the page shows.
  const query = `/api/cases?status=needs_review,approved,rejected&provider=didit&q=${encodeURIComponent(sessionId)}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const response = await fetch(new URL(query, base), { headers: { cookie } });
    const items = ((await response.json()) as { items?: { id: number; externalId: string }[] }).items;
    const found = items?.find((item) => item.externalId === sessionId);
    if (found) return found.id;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${scenario} session ${sessionId} was not ingested within 60 s`);
}

const browser = await launchBenchChromium();

/** The case heading and the reports section's first card: only there once the page is complete. */
const COMPLETE = 'h1';
const REPORTS = '#reports [data-testid="didit-report"]';

async function openCase(caseId: number): Promise<number> {
  const context = await signedInContext(browser, base, credentials);
  try {
    const page = await context.newPage();
    await page.goto(new URL(`/cases/${caseId}`, base).toString(), { waitUntil: 'commit' });
    // Checked on every animation frame in the page, so the time is read in the frame the content appears.
    const handle = await page
      .waitForFunction(
        ([heading, reports]) =>
          document.querySelector(heading) && document.querySelector(reports) ? performance.now() : null,
        [COMPLETE, REPORTS] as const,
        { polling: 'raf', timeout: 30_000 },
      )
      .catch(async (error: Error) => {
        throw new Error(`case ${caseId} incomplete on ${page.url()}: ${error.message.split('\n')[0]}`);
      });
    return (await handle.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

const heavyRuns: number[] = [];
const ordinaryRuns: number[] = [];
let heavyReports = 0;
try {
  const cookie = await signIn();
  const heavyId = await createCase(HEAVY, cookie);
  const ordinaryId = await createCase(ORDINARY, cookie);
  // One warm-up open of each, so the API's first-request costs are not counted against either case.
  await openCase(heavyId);
  await openCase(ordinaryId);
  {
    // How many report cards the heavy case shows, so the output says what was measured.
    const context = await browser.newContext();
    await context.request.post(new URL('/api/auth/login', base).toString(), {
      data: { email, password },
      headers: { origin: base.origin },
    });
    const page = await context.newPage();
    await page.goto(new URL(`/cases/${heavyId}`, base).toString());
    await page.waitForSelector(REPORTS, { timeout: 30_000 });
    heavyReports = await page.locator(REPORTS).count();
    await context.close();
  }
  for (let run = 0; run < runs; run++) {
    // Alternating, and starting with the other case every second run, so neither always goes first.
    if (run % 2 === 0) {
      heavyRuns.push(await openCase(heavyId));
      ordinaryRuns.push(await openCase(ordinaryId));
    } else {
      ordinaryRuns.push(await openCase(ordinaryId));
      heavyRuns.push(await openCase(heavyId));
    }
  }
} finally {
  await browser.close();
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const heavyMedianMs = Math.round(median(heavyRuns));
const ordinaryMedianMs = Math.round(median(ordinaryRuns));
process.stdout.write(
  `${JSON.stringify({
    heavyScenario: HEAVY,
    ordinaryScenario: ORDINARY,
    heavyReports,
    heavyRuns: heavyRuns.map(Math.round),
    ordinaryRuns: ordinaryRuns.map(Math.round),
    heavyMedianMs,
    ordinaryMedianMs,
    ratio: ordinaryMedianMs > 0 ? median(heavyRuns) / median(ordinaryRuns) : 0,
  })}\n`,
);
