import type { z } from 'zod';
import type { Access } from '../domain/policy';
import type { Caller, Role } from '../domain/roles';
import { UPLOAD_EXTENSIONS, type UploadType } from '../domain/uploads';
import type { DocStore } from '../store/docstore';
import type { Clock } from './clock';

/**
 * Stores uploaded photos and attachments: CloudBase storage in production, a folder locally.
 * Handlers see it through `withUploadRecords` (runtime/uploads.ts), which decides the type from
 * the bytes, applies the per-person limits and records who uploaded what.
 */
export interface FileStore {
  /**
   * Saves bytes and returns a stable file id (cloud:// id on CloudBase, local:// locally).
   * `contentType` is what the bytes were found to be; a store refuses bytes that are not it.
   * `ownerId` is the uploader's openid. `key` (optional, the client's upload key): the same owner
   * and key always name the same file, and a file already saved under it is not written again, so a
   * retry after a lost answer leaves one file, not an orphan.
   */
  save(input: { bytes: Uint8Array; contentType: string; ownerId: string; key?: string }): Promise<string>;
  /** Turns file ids into URLs a client can show: signed and expiring, so only whoever was handed one can fetch it. */
  urls(fileIds: string[]): Promise<Record<string, string>>;
  exists(fileId: string): Promise<boolean>;
  /** What a stored file's bytes are and its size; null when there is no such file. */
  inspect(fileId: string): Promise<{ contentType: UploadType | null; size: number } | null>;
  /** Deletes a stored file; false when there was none. */
  remove(fileId: string): Promise<boolean>;
}

/** The file types both stores accept, with the extension a stored name gets. */
export const FILE_EXTENSIONS: Readonly<Record<string, string>> = UPLOAD_EXTENSIONS;

/** Sends a WeChat subscription message; CloudBase calls the open API, the local runtime logs. */
export interface Notifier {
  send(input: {
    openid: string;
    kind: string;
    page: string | null;
    data: Record<string, { value: string }>;
  }): Promise<{ ok: true } | { ok: false; reason: string }>;
}

/** Everything a handler may touch; injected, so handlers run directly in tests. */
export interface ActionContext {
  store: DocStore;
  caller: Caller;
  clock: Clock;
  newId: () => string;
  files: FileStore;
  /** Present where messages can be delivered (the outbox sender needs it). */
  notifier?: Notifier;
}

export interface ActionDef<Schema extends z.ZodType = z.ZodType, Output = unknown> {
  /** Chinese, one line: shown in the catalogue. */
  summary: string;
  input: Schema;
  /** Roles allowed to call; 'authenticated' lets any signed-in person call (the handler scopes the data). */
  roles: readonly Role[] | 'authenticated';
  /**
   * Required: the scope a caller needs over the records this action touches (see domain/policy.ts).
   * The dispatcher enforces `system`; handlers check the rest against the record they load; the
   * authorization and property suites read it.
   */
  access: Access;
  /** Identity actions a person needs before accepting the privacy notice. */
  allowWithoutConsent?: boolean;
  handler: (input: z.infer<Schema>, ctx: ActionContext) => Promise<Output>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds actions of every input and output type
export type AnyAction = ActionDef<any, any>;

export const defineAction = <Schema extends z.ZodType, Output>(
  def: ActionDef<Schema, Output>,
): ActionDef<Schema, Output> => def;

export interface FunctionDef<Actions extends Record<string, AnyAction> = Record<string, AnyAction>> {
  name: string;
  actions: Actions;
}

export const defineFunction = <const Actions extends Record<string, AnyAction>>(
  name: string,
  actions: Actions,
): FunctionDef<Actions> => ({ name, actions });

export type InputOf<A> = A extends ActionDef<infer S, unknown> ? z.input<S> : never;
export type OutputOf<A> = A extends ActionDef<z.ZodType, infer O> ? O : never;
