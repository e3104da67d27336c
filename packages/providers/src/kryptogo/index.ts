export * from './assumptions';
export * from './callback';
export * from './client';
export * from './mapping';
export * from './schemas';
