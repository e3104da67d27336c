import { Writable } from 'node:stream';

/**
 * A log sink for an API under test: everything it writes is kept, one chunk per entry, so a test can
 * check what the API logged (no personal data, the expected warnings).
 */
export function capturedLogs(): { logs: string[]; sink: Writable } {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  return { logs, sink };
}
