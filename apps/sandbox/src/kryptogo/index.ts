/** KryptoGO Compliance sandbox: a faithful local stand-in for the KYABC API (docs/providers/kryptogo.md). */

export { CONTROL_PREFIX as KRYPTOGO_CONTROL_PREFIX, createKryptogoApp } from './app';
export * as kryptogoAssumptions from './assumptions';
export { type CallbackReceiver, type ReceivedCallback, startCallbackReceiver } from './callback-receiver';
export type { CallbackAllowlist, Delivery as KryptogoCallbackDelivery } from './callbacks';
export { DEFAULT_CALLBACK_ALLOWLIST as KRYPTOGO_DEFAULT_CALLBACK_ALLOWLIST } from './callbacks';
export { createManualClock, createSystemClock, type ManualClock, type SandboxClock } from './clock';
export { KryptogoSandboxEngine, type KryptogoSandboxOptions } from './engine';
export type { FaultRequest as KryptogoFaultRequest } from './faults';
export { createSyntheticPngBase64 } from './images';
export { DD_SCENARIOS, IDV_SCENARIOS, KYA_SCENARIOS } from './scenarios';
export {
  type RunningKryptogoSandbox,
  type StartKryptogoSandboxOptions,
  startKryptogoSandbox,
} from './server';
