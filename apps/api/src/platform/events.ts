import { EventEmitter } from 'node:events';

export interface CaseChanged {
  id: number;
  status: string;
  version: number;
}

/** In-process fan-out of committed changes to the live SSE streams. Publish only after commit. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Each open browser tab holds one listener; the default cap of 10 would warn on a busy team.
    this.emitter.setMaxListeners(0);
  }

  publishCaseChanged(event: CaseChanged): void {
    this.emitter.emit('case.changed', event);
  }

  /** A user's sessions or account changed (sign-out, disabled, password reset): streams re-check theirs. */
  publishSessionsChanged(userId: string): void {
    this.emitter.emit('sessions.changed', userId);
  }

  onSessionsChanged(listener: (userId: string) => void): () => void {
    this.emitter.on('sessions.changed', listener);
    return () => this.emitter.off('sessions.changed', listener);
  }

  onCaseChanged(listener: (event: CaseChanged) => void): () => void {
    this.emitter.on('case.changed', listener);
    return () => this.emitter.off('case.changed', listener);
  }
}
