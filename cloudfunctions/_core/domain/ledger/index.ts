export * from './accounts';
export * from './holds';
export * from './idempotency';
export * from './postings';
