import { randomBytes } from 'node:crypto';

/** 24 hex characters: unguessable, URL-safe, and the same shape on both stores. */
export const newId = (): string => randomBytes(12).toString('hex');
