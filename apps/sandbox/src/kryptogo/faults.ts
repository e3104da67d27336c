import { z } from 'zod';

/** Faults applied to API requests (never to `/_sandbox/` control routes). */
export const REQUEST_FAULT_KINDS = [
  'latency',
  'server_error',
  'rate_limit',
  'malformed_json',
  'drop_connection',
] as const;
/** Faults applied to outgoing callbacks. */
export const CALLBACK_FAULT_KINDS = ['duplicate_callbacks', 'out_of_order_callbacks'] as const;

export const FaultRequest = z.strictObject({
  kind: z.enum([...REQUEST_FAULT_KINDS, ...CALLBACK_FAULT_KINDS]),
  /** How many requests/deliveries it affects; null = until cleared. */
  count: z.number().int().positive().nullable().default(1),
  /** Only requests whose path starts with this (e.g. `/task`). */
  path_prefix: z.string().startsWith('/').max(200).nullable().default(null),
  method: z
    .string()
    .regex(/^[A-Za-z]+$/)
    .transform((value) => value.toUpperCase())
    .nullable()
    .default(null),
  /**
   * `before`: the request is not processed. `after`: it is processed, then the answer is lost, which is
   * what makes a client reconcile by re-reading before retrying.
   */
  phase: z.enum(['before', 'after']).default('before'),
  latency_ms: z.number().int().min(0).max(120_000).default(2_000),
  status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).default(500),
  retry_after_seconds: z.number().int().min(0).max(3600).default(1),
});
export type FaultRequest = z.infer<typeof FaultRequest>;

export interface Fault extends FaultRequest {
  id: number;
}

export class FaultBook {
  private faults: Fault[] = [];
  private nextId = 1;

  add(request: FaultRequest): Fault {
    const fault = { ...request, id: this.nextId++ };
    this.faults.push(fault);
    return fault;
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  clear(): void {
    this.faults = [];
  }

  /** Consumes one use of the first request fault matching this request, if any. */
  takeRequestFault(method: string, path: string): Fault | null {
    const fault = this.faults.find(
      (candidate) =>
        (REQUEST_FAULT_KINDS as readonly string[]).includes(candidate.kind) &&
        (candidate.method === null || candidate.method === method) &&
        (candidate.path_prefix === null || path.startsWith(candidate.path_prefix)),
    );
    return fault ? this.consume(fault) : null;
  }

  takeCallbackFault(kind: (typeof CALLBACK_FAULT_KINDS)[number]): Fault | null {
    const fault = this.faults.find((candidate) => candidate.kind === kind);
    return fault ? this.consume(fault) : null;
  }

  private consume(fault: Fault): Fault {
    if (fault.count !== null) {
      fault.count -= 1;
      if (fault.count === 0) this.faults = this.faults.filter((other) => other !== fault);
    }
    return fault;
  }
}
