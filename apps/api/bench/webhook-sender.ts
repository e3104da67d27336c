/**
 * Sends verified Didit webhooks from its own process, 20 in flight, the way Didit would: each one a
 * status.updated event for a new session, signed with X-Signature (raw body) and X-Signature-V2.
 * Prints how many were acknowledged (2xx) and how long it took; the driver then counts what was stored.
 * argv: <api url> <webhook secret> <count> <event id prefix>
 */
import { Agent, request } from 'node:http';
import { computeDiditWebhookSignatures } from '@backoffice/providers/didit';

const [url, secret, countText, prefix] = process.argv.slice(2);
if (!url || !secret || !countText || !prefix) {
  throw new Error('usage: webhook-sender <api url> <secret> <count> <event id prefix>');
}
if (!url.startsWith('http://127.0.0.1:')) throw new Error('the benchmark only targets 127.0.0.1');
const count = Number(countText);
const IN_FLIGHT = 20;
const target = new URL('/webhooks/didit', url);
const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

function send(index: number): Promise<number> {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    event_id: `${prefix}-${index}`,
    webhook_type: 'status.updated',
    timestamp: now,
    created_at: now,
    session_id: `${prefix}-session-${index}`,
    status: 'In Progress',
    workflow_id: 'bench-workflow',
    vendor_data: `customer-wh-${index}`,
  });
  const signatures = computeDiditWebhookSignatures(body, secret!);
  return new Promise((resolve) => {
    const outgoing = request(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-signature': signatures.raw,
          'x-signature-v2': signatures.v2,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', () => resolve(0));
    outgoing.end(body);
  });
}

let next = 0;
let acknowledged = 0;
let refused = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (next < count) {
      const status = await send(next++);
      if (status >= 200 && status < 300) acknowledged += 1;
      else refused += 1;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
agent.destroy();
process.stdout.write(`${JSON.stringify({ sent: count, acknowledged, refused, seconds })}\n`);
