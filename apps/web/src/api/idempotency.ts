import { useMutation } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { isApiRequestError } from './client';

interface Intent {
  key: string;
  fingerprint: string;
  /** True while the last attempt's outcome is unknown, so sending it again must reuse the key. */
  reusable: boolean;
}

/**
 * One `Idempotency-Key` per user intent (R11). Retrying the *same* request after its outcome was
 * unknown (connection lost, gateway timeout) reuses the key, so the server answers from its stored
 * response instead of acting twice; any definitive answer, or a changed request, starts a new intent.
 */
export function useIdempotencyKey() {
  const intent = useRef<Intent | null>(null);

  const keyFor = useCallback((request: unknown): string => {
    const fingerprint = JSON.stringify(request);
    const current = intent.current;
    if (current?.reusable && current.fingerprint === fingerprint) return current.key;
    const key = crypto.randomUUID();
    intent.current = { key, fingerprint, reusable: false };
    return key;
  }, []);

  const settle = useCallback((error?: unknown) => {
    if (!intent.current) return;
    if (error !== undefined && isApiRequestError(error) && error.outcomeUnknown) {
      intent.current.reusable = true;
    } else {
      intent.current = null;
    }
  }, []);

  return { keyFor, settle };
}

/**
 * A mutation sent under one idempotency key per intent: `mutationFn` gets the key of `intentOf(variables)`
 * (the variables themselves unless given), and the intent is settled on every answer before the
 * caller's own `onSuccess` / `onError` run (whose promise, if any, the mutation waits for).
 */
export function useIdempotentMutation<TData, TVariables>({
  mutationFn,
  intentOf = (variables) => variables,
  onSuccess,
  onError,
}: {
  mutationFn: (variables: TVariables, idempotencyKey: string) => Promise<TData>;
  intentOf?: (variables: TVariables) => unknown;
  onSuccess?: (data: TData, variables: TVariables) => unknown;
  onError?: (error: Error, variables: TVariables) => unknown;
}) {
  const intent = useIdempotencyKey();
  return useMutation({
    mutationFn: (variables: TVariables) => mutationFn(variables, intent.keyFor(intentOf(variables))),
    onSuccess: (data, variables) => {
      intent.settle();
      return onSuccess?.(data, variables);
    },
    onError: (error, variables) => {
      intent.settle(error);
      return onError?.(error, variables);
    },
  });
}
