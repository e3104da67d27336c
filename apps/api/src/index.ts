export { createApp } from './app';
export { buildDeps, type StartedApi, startApi } from './server';
