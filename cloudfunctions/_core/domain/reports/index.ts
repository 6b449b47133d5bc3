export * from './case';
export * from './categories';
export * from './lifecycle';
export * from './reward';
export * from './sla';
export * from './types';
