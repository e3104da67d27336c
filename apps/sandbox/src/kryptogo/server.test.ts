import { afterEach, describe, expect, it } from 'vitest';
import { type CallbackReceiver, startCallbackReceiver } from './callback-receiver';
import { createSyntheticPngBase64 } from './images';
import { type RunningKryptogoSandbox, startKryptogoSandbox } from './server';
import { startHarness } from './test/harness';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
const track = <T extends RunningKryptogoSandbox | CallbackReceiver>(resource: T): T => {
  cleanups.push(() => resource.close());
  return resource;
};

describe('startKryptogoSandbox', () => {
  it('runs due work on its own with the system clock (development mode)', async () => {
    const receiver = track(await startCallbackReceiver());
    const sandbox = track(await startKryptogoSandbox({ apiKeys: ['dev'], tickIntervalMs: 20 }));
    const response = await fetch(`${sandbox.url}/task`, {
      method: 'POST',
      headers: { 'X-API-KEY': 'dev', 'content-type': 'application/json' },
      body: JSON.stringify([
        { search_setting_id: 1, target: { name: 'A B' }, search_source: [0], callback_url: receiver.url },
      ]),
    });
    expect(response.status).toBe(200);
    // Skip the search time without the control API; the ticker notices and sends the callback.
    sandbox.clock.advance(10);
    await expect.poll(() => receiver.received.length, { timeout: 2_000 }).toBe(1);
  });

  it('refuses to start without an API key', async () => {
    await expect(startKryptogoSandbox({ apiKeys: [] })).rejects.toThrow(/API key/);
  });
});

describe('logs', () => {
  it('never contain names, birthdays, document numbers or references', async () => {
    const lines: string[] = [];
    const harness = await startHarness({ log: (line) => lines.push(line) });
    cleanups.push(() => harness.sandbox.close());
    const receiver = track(await startCallbackReceiver());
    const canary = {
      name: 'Canary Zyxwvut',
      birthday: '1977-07-07',
      id: 'Z998877665',
      ref: 'canary-ref-314',
    };
    await harness.call('POST', '/task', [
      {
        search_setting_id: 1,
        target: { name: canary.name, birthday: canary.birthday, id_number: canary.id },
        customer_reference: canary.ref,
        callback_url: receiver.url,
      },
    ]);
    const image = createSyntheticPngBase64(400, 400);
    await harness.call('POST', '/idv', {
      country: 'TWN',
      id_type: 'PASSPORT',
      id_image: image,
      id_mime_type: 'image/png',
      face_image: image,
      face_mime_type: 'image/png',
      expected_name: canary.name,
      expected_birthday: canary.birthday,
      expected_id_number: canary.id,
      customer_reference: canary.ref,
      callback_url: receiver.url,
    });
    await harness.call('GET', `/task/history?page_size=5&page_number=1&customer_reference=${canary.ref}`);
    await harness.call('POST', '/task', [
      { search_setting_id: 1, target: { name: canary.name, birthday: 'bad' } },
    ]);
    await harness.advance(60);
    expect(receiver.received.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeGreaterThan(5);
    const joined = lines.join('\n');
    for (const value of Object.values(canary)) expect(joined).not.toContain(value);
  });
});
