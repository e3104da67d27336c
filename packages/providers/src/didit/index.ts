export * from '../canonical-json';
export * from './client';
export * from './lists';
export * from './mapping';
export * from './replay';
export * from './schemas';
export * from './transitions';
export * from './webhook';
