import type { CallbackEvent } from './callbacks';
import type { SandboxClock } from './clock';
import type { KryptogoSandboxState } from './state';

/** What the DD, KYA and IDV modules need from the engine. */
export interface SandboxContext {
  readonly state: KryptogoSandboxState;
  readonly clock: SandboxClock;
  now(): number;
  /** Records a callback that became due at `at` (epoch s); sent in time order once the step ends. */
  emitCallback(
    at: number,
    event: CallbackEvent,
    taskType: 'dd' | 'idv',
    taskId: number,
    url: string | null,
    payload: unknown,
  ): void;
}
