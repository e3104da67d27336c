import { readFileSync } from 'node:fs';

export interface RunningStack {
  appUrl: string;
  diditSandboxUrl: string;
  diditApiKey: string;
  kryptogoSandboxUrl: string;
  kryptogoApiKey: string;
  dittoSandboxUrl: string;
  dittoControlKey: string;
}

export function stackFilePath(): string {
  const path = process.env.E2E_STACK_FILE;
  if (!path) throw new Error('E2E_STACK_FILE is not set; run the suite through playwright.config.ts');
  return path;
}

export function readRunningStack(): RunningStack {
  return JSON.parse(readFileSync(stackFilePath(), 'utf8')) as RunningStack;
}
