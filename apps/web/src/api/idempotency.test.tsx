import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './client';
import { useIdempotentMutation } from './idempotency';

const failure = (status: number) =>
  new ApiRequestError(status, { code: 'http_error', message: 'refused', requestId: 'req-1' });

/** A mutation whose answers are scripted, recording the idempotency key of every attempt. */
function scripted(
  answers: Array<'ok' | ApiRequestError>,
  intentOf?: (v: { id: number; note: string }) => unknown,
) {
  const keys: string[] = [];
  const settled: string[] = [];
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const hook = renderHook(
    () =>
      useIdempotentMutation({
        mutationFn: async (_variables: { id: number; note: string }, key: string) => {
          keys.push(key);
          const answer = answers.shift();
          if (answer !== 'ok') throw answer;
          return 'done';
        },
        ...(intentOf ? { intentOf } : {}),
        onSuccess: () => settled.push('success'),
        onError: (error) => settled.push(`error ${(error as ApiRequestError).status}`),
      }),
    { wrapper },
  );
  const send = (variables: { id: number; note: string }) =>
    act(() => hook.result.current.mutateAsync(variables).catch(() => undefined));
  return { keys, settled, send };
}

describe('useIdempotentMutation', () => {
  it('sends the same request again under the same key while its outcome is unknown, then a new one', async () => {
    const run = scripted([failure(504), failure(0), 'ok', 'ok']);
    const request = { id: 7, note: 'checked' };
    await run.send(request);
    await run.send(request);
    await run.send(request);
    // The answer was definitive: the same request is now a new intent.
    await run.send(request);
    expect(run.keys[0]).toBe(run.keys[1]);
    expect(run.keys[1]).toBe(run.keys[2]);
    expect(run.keys[3]).not.toBe(run.keys[2]);
    expect(run.settled).toEqual(['error 504', 'error 0', 'success', 'success']);
  });

  it('a definitive refusal, or a changed request, starts a new key', async () => {
    const run = scripted([failure(409), failure(503), 'ok']);
    await run.send({ id: 7, note: 'a' });
    await run.send({ id: 7, note: 'a' });
    await run.send({ id: 7, note: 'b' });
    expect(new Set(run.keys).size).toBe(3);
  });

  it('intentOf decides what counts as the same request', async () => {
    const run = scripted([failure(502), 'ok'], (variables) => variables.id);
    await run.send({ id: 7, note: 'a' });
    await run.send({ id: 7, note: 'typo fixed' });
    expect(run.keys[1]).toBe(run.keys[0]);
  });
});
