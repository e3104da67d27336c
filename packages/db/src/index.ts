export * from './audit';
export * from './canonical-json';
export * from './client';
export * from './group-commit';
export * from './name-terms';
export * from './prepared';
export * as schema from './schema';
export * from './schema';
