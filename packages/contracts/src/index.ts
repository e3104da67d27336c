export * from './case';
export * from './case-detail';
export * from './didit';
export * from './error';
