export * from './aes';
export * from './assumptions';
export * from './mapping';
export * from './schemas';
export * from './tokens';
