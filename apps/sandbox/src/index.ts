export { type AdvanceableClock, type Clock, ManualClock, OffsetSystemClock } from './clock.js';
export { createDiditApp, type DiditApp } from './didit/app.js';
export { DiditSandbox } from './didit/sandbox.js';
export { SCENARIO_NAMES, type ScenarioName } from './didit/scenarios.js';
export { type DiditSandboxOptions, type RunningDiditSandbox, startDiditSandbox } from './didit/server.js';
export { signWebhookPayload } from './didit/signatures.js';
export { type RunningDittoSandbox, startDittoSandbox } from './ditto/index.js';
export { type RunningKryptogoSandbox, startKryptogoSandbox } from './kryptogo/server.js';
