import { Paper, Skeleton } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorState } from './ErrorState';

/** The parts of a TanStack query (plain or infinite) that decide what a screen shows. */
export interface QueryViewQuery<T> {
  data: T | undefined;
  error: unknown;
  isError: boolean;
  isPending: boolean;
  refetch: () => Promise<unknown>;
}

type QueryViewBody<T> =
  /** A placeholder while nothing is loaded, then `children` with the data. */
  | { pending: ReactNode; children: (data: T) => ReactNode }
  /** `children` shows its own loading state (a table's skeleton rows). */
  | { pending?: undefined; children: ReactNode };

/**
 * A query's screen: its error with a retry, its loading placeholder, or its content. The error only
 * replaces the content while nothing was loaded yet: a failed background refresh keeps the data on screen.
 */
export function QueryView<T>({
  query,
  errorTitle,
  ...body
}: { query: QueryViewQuery<T>; errorTitle: string } & QueryViewBody<T>) {
  if (query.isError && query.data === undefined) {
    return <ErrorState title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (body.pending === undefined) return <>{body.children}</>;
  if (query.isPending || query.data === undefined) return <>{body.pending}</>;
  return <>{body.children(query.data)}</>;
}

/** A query's content on a bordered card; while it loads, a skeleton of about the card's height. */
export function QueryCard<T>({
  query,
  errorTitle,
  loadingLabel,
  skeletonHeight,
  padded = true,
  children,
}: {
  query: QueryViewQuery<T>;
  errorTitle: string;
  /** The skeleton's accessible name, e.g. "Loading users". */
  loadingLabel: string;
  skeletonHeight: number;
  /** False when the content (a full-width table) brings its own spacing. */
  padded?: boolean;
  children: (data: T) => ReactNode;
}) {
  return (
    <QueryView
      query={query}
      errorTitle={errorTitle}
      pending={<Skeleton h={skeletonHeight} aria-label={loadingLabel} />}
    >
      {(data) => (
        <Paper withBorder radius="sm" p={padded ? 'md' : undefined}>
          {children(data)}
        </Paper>
      )}
    </QueryView>
  );
}
