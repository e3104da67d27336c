/**
 * The load generator, in its own process so its CPU is not the API's: one autocannon run whose
 * options arrive as JSON in argv[2]; prints the summary as one JSON line.
 */
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
};
if (!options.url.startsWith('http://127.0.0.1:')) throw new Error('the benchmark only targets 127.0.0.1');
const result = await autocannon({ ...options, timeout: 10 });
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    total: result.requests.total,
  })}\n`,
);
