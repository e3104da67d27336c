import { randomUUID } from 'node:crypto';

export const HTTP_FAULT_KINDS = [
  'latency',
  'status',
  'rate_limit',
  'malformed_json',
  'drop_connection',
] as const;
export type HttpFaultKind = (typeof HTTP_FAULT_KINDS)[number];

export interface HttpFault {
  id: string;
  match: { method?: string; pathPrefix?: string };
  kind: HttpFaultKind;
  status: number;
  ms: number;
  retryAfterSeconds: number;
  /** `null` = until the faults are cleared. */
  remaining: number | null;
}

/** Faults injected into the provider API so the caller's timeouts, retries and parsers can be tested. */
export class HttpFaultRegistry {
  private faults: HttpFault[] = [];

  add(fault: Omit<HttpFault, 'id'>): HttpFault {
    const created = { ...fault, id: randomUUID() };
    this.faults.push(created);
    return created;
  }

  clear(): void {
    this.faults = [];
  }

  list(): HttpFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** The first matching fault, consumed once. */
  take(method: string, path: string): HttpFault | null {
    const fault = this.faults.find(
      (candidate) =>
        (!candidate.match.method || candidate.match.method.toUpperCase() === method) &&
        (!candidate.match.pathPrefix || path.startsWith(candidate.match.pathPrefix)),
    );
    if (!fault) return null;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    }
    return fault;
  }
}
