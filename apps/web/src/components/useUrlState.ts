import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';

/**
 * How one screen's state is written in its URL. `parse` must accept any search string (old, shared or
 * hand-edited links) and drop what it does not understand; `format` writes the canonical form, so the
 * same state always gives the same URL (and the same query cache key).
 */
export interface UrlStateCodec<T> {
  parse(params: URLSearchParams): T;
  format(state: T): URLSearchParams;
  /** How a partial change is applied; defaults to a shallow merge (e.g. the queue resets its page). */
  update?(current: T, change: Partial<T>): T;
}

export interface SetUrlStateOptions {
  /** Replace the history entry instead of adding one (used while typing a search). */
  replace?: boolean;
}

/**
 * A list screen's view state (filters, sort, page) read from and written to the URL search params, so
 * a reviewer can share or bookmark exactly what they see and back/forward walks through it.
 */
export function useUrlState<T>(codec: UrlStateCodec<T>) {
  const [searchParams, setSearchParams] = useSearchParams();
  const { parse, format, update } = codec;
  const state = useMemo(() => parse(searchParams), [parse, searchParams]);

  // What the URL holds now. React Router hands its functional updater the params of the render that
  // created the setter, and it renders navigations in a transition: a second change made before the
  // first has rendered (two quick clicks on a loaded machine) would be applied to the old URL and
  // undo the first. So changes build on the last params written here, until the router renders
  // params of its own (our write arriving, or back/forward and links).
  const rendered = useRef(searchParams);
  const latest = useRef(searchParams);
  if (rendered.current !== searchParams) {
    rendered.current = searchParams;
    latest.current = searchParams;
  }

  const write = useCallback(
    (next: URLSearchParams, options: SetUrlStateOptions) => {
      latest.current = next;
      setSearchParams(next, { replace: options.replace ?? false });
    },
    [setSearchParams],
  );

  /** Applies a change to what the URL holds now (not to a possibly stale render's copy). */
  const setState = useCallback(
    (change: Partial<T>, options: SetUrlStateOptions = {}) => {
      const parsed = parse(latest.current);
      write(format(update ? update(parsed, change) : { ...parsed, ...change }), options);
    },
    [parse, format, update, write],
  );

  const replaceState = useCallback(
    (next: T, options: SetUrlStateOptions = {}) => write(format(next), options),
    [format, write],
  );

  return [state, setState, replaceState] as const;
}
