export * from './actions';
export * from './audit';
export * from './auth';
export * from './case';
export * from './case-detail';
export * from './didit';
export * from './error';
export * from './thresholds';
