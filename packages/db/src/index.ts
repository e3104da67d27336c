export * from './audit';
export * from './canonical-json';
export * from './client';
export * from './group-commit';
export * as schema from './schema';
export * from './schema';
