export * from './case';
export * from './categories';
export * from './lifecycle';
export * from './sla';
export * from './types';
