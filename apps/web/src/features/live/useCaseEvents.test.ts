import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { authKeys } from '../../app/queryKeys';
import { parseCaseChangedEvent, useCaseEvents } from './useCaseEvents';

describe('parseCaseChangedEvent', () => {
  it('reads the server payload', () => {
    expect(parseCaseChangedEvent('{"id":123,"status":"approved","version":4}')).toEqual({
      id: 123,
      status: 'approved',
      version: 4,
    });
  });

  it('ignores anything that does not name a case', () => {
    expect(parseCaseChangedEvent('not json')).toBeNull();
    expect(parseCaseChangedEvent('{"status":"approved"}')).toBeNull();
    expect(parseCaseChangedEvent('{"id":"12"}')).toBeNull();
    expect(parseCaseChangedEvent('null')).toBeNull();
  });
});

describe('useCaseEvents', () => {
  it('stops the stream and re-reads the signed-in user when the server says the session ended', async () => {
    const opened: FakeEventSource[] = [];
    class FakeEventSource {
      static CLOSED = 2;
      readyState = 1;
      onopen: (() => void) | null = null;
      onerror: (() => void) | null = null;
      readonly listeners = new Map<string, EventListener>();
      constructor(readonly url: string) {
        opened.push(this);
      }
      addEventListener(type: string, listener: EventListener) {
        this.listeners.set(type, listener);
      }
      close() {
        this.readyState = FakeEventSource.CLOSED;
      }
    }
    const original = globalThis.EventSource;
    globalThis.EventSource = FakeEventSource as unknown as typeof EventSource;
    try {
      const queryClient = new QueryClient();
      const invalidated: unknown[] = [];
      queryClient.invalidateQueries = (async (filters?: { queryKey?: unknown }) => {
        invalidated.push(filters?.queryKey);
      }) as typeof queryClient.invalidateQueries;
      renderHook(() => useCaseEvents(), {
        wrapper: ({ children }) => createElement(QueryClientProvider, { client: queryClient }, children),
      });
      expect(opened).toHaveLength(1);
      const source = opened[0]!;
      source.listeners.get('session.ended')!(new Event('session.ended'));
      expect(source.readyState).toBe(FakeEventSource.CLOSED);
      expect(invalidated).toContainEqual(authKeys.me);
      // The browser reports the closed stream as an error: it is not reopened.
      source.onerror?.();
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(opened).toHaveLength(1);
    } finally {
      globalThis.EventSource = original;
    }
  });
});
