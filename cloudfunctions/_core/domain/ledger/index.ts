export * from './accounts';
export * from './errors';
export * from './holds';
export * from './invariants';
export * from './postings';
