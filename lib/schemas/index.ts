export * from './errors';
export * from './services';
export * from './time';
export * from './registry';
export * from './config';
export * from './api-params';
export * from './prometheus';
export * from './topology';
