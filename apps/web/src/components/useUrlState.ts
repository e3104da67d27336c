import { useCallback, useMemo } from 'react';
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

  /** Applies a change to what the URL holds now (not to a possibly stale render's copy). */
  const setState = useCallback(
    (change: Partial<T>, options: SetUrlStateOptions = {}) => {
      setSearchParams(
        (current) => {
          const parsed = parse(current);
          return format(update ? update(parsed, change) : { ...parsed, ...change });
        },
        { replace: options.replace ?? false },
      );
    },
    [parse, format, update, setSearchParams],
  );

  const replaceState = useCallback(
    (next: T, options: SetUrlStateOptions = {}) =>
      setSearchParams(format(next), { replace: options.replace ?? false }),
    [format, setSearchParams],
  );

  return [state, setState, replaceState] as const;
}
