import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { type UrlStateCodec, useUrlState } from './useUrlState';

interface View {
  q: string;
  page: number;
}

const VIEW: UrlStateCodec<View> = {
  parse: (params) => {
    const page = Number(params.get('page'));
    return { q: params.get('q') ?? '', page: Number.isInteger(page) && page > 0 ? page : 1 };
  },
  format: (view) => {
    const params = new URLSearchParams();
    if (view.q) params.set('q', view.q);
    if (view.page !== 1) params.set('page', String(view.page));
    return params;
  },
  // Any change but paging goes back to the first page.
  update: (current, change) => ({ ...current, ...change, page: change.page ?? 1 }),
};

function renderUrlState(url: string) {
  let router: ReturnType<typeof createMemoryRouter> | undefined;
  const wrapper = ({ children }: { children: ReactNode }) => {
    router ??= createMemoryRouter([{ path: '/list', element: children }], { initialEntries: [url] });
    return <RouterProvider router={router} />;
  };
  const hook = renderHook(() => useUrlState(VIEW), { wrapper });
  const location = () => router!.state.location;
  return { hook, location, router: () => router! };
}

describe('useUrlState', () => {
  it('parses the URL, dropping what the codec does not accept', () => {
    const { hook } = renderUrlState('/list?q=lopez&page=nope&junk=1');
    expect(hook.result.current[0]).toEqual({ q: 'lopez', page: 1 });
  });

  it('writes a change in canonical form through the codec update, as a new history entry', () => {
    const { hook, location } = renderUrlState('/list?page=3');
    act(() => hook.result.current[1]({ q: 'ana' }));
    expect(location().search).toBe('?q=ana');
    expect(hook.result.current[0]).toEqual({ q: 'ana', page: 1 });
    act(() => hook.result.current[1]({ page: 2 }));
    expect(location().search).toBe('?q=ana&page=2');
  });

  it('applies a second change made before the first one has re-rendered on top of it', () => {
    // A click that lands while the router's previous navigation is still rendering (React transitions)
    // holds the previous render's setter; its change must not drop the one written just before.
    const { hook, location } = renderUrlState('/list?page=3');
    const setState = hook.result.current[1];
    act(() => {
      setState({ q: 'ana' });
      setState({ page: 2 });
    });
    expect(location().search).toBe('?q=ana&page=2');
    act(() => hook.result.current[1]({ q: 'ana lopez' }));
    expect(location().search).toBe('?q=ana+lopez');
  });

  it('replaces the history entry when asked, and a reset writes the whole state', () => {
    const { hook, location, router } = renderUrlState('/list');
    act(() => hook.result.current[1]({ q: 'a' }));
    act(() => hook.result.current[1]({ q: 'ab' }, { replace: true }));
    expect(location().search).toBe('?q=ab');
    act(() => void router().navigate(-1));
    expect(location().search).toBe('');
    act(() => hook.result.current[2]({ q: '', page: 4 }));
    expect(location().search).toBe('?page=4');
    expect(hook.result.current[0]).toEqual({ q: '', page: 4 });
  });

  it('follows back and forward: the URL is the state', () => {
    const { hook, router } = renderUrlState('/list?q=first');
    act(() => hook.result.current[1]({ q: 'second' }));
    expect(hook.result.current[0].q).toBe('second');
    act(() => void router().navigate(-1));
    expect(hook.result.current[0].q).toBe('first');
  });
});
