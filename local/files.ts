import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  sniffUploadType,
  UPLOAD_EXTENSIONS,
  UPLOAD_TYPE_MESSAGE,
  type UploadType,
} from '../cloudfunctions/_core/domain/uploads';
import type { FileStore } from '../cloudfunctions/_core/runtime/define';
import { AppError } from '../cloudfunctions/_core/runtime/errors';
import { newId } from '../cloudfunctions/_core/runtime/ids';

export const CONTENT_TYPES: Record<string, UploadType> = Object.fromEntries(
  Object.entries(UPLOAD_EXTENSIONS).map(([type, ext]) => [ext, type as UploadType]),
);

/** A signed URL is valid for the rest of this hour and the next: stable within an hour, so images cache. */
const URL_WINDOW_SECONDS = 3600;

export interface LocalFilesOptions {
  /** Signs file URLs; from the runtime (the token secret's sibling), random when absent. */
  secret?: string;
  /** Milliseconds now: the runtime's clock, so tests can let a URL expire. */
  now?: () => number;
}

export type LocalFiles = FileStore & {
  read(fileId: string): Promise<Buffer | null>;
  /** True when `expiry`/`signature` are what `urls()` issued for this stored name and it has not expired. */
  verify(name: string, expiry: string | null, signature: string | null): boolean;
};

/** Uploaded photos and attachments in a folder; ids look like `local://<name>`. */
export function createLocalFiles(folder: string, options: LocalFilesOptions = {}): LocalFiles {
  const secret = options.secret ?? randomBytes(32).toString('hex');
  const now = options.now ?? Date.now;
  const sign = (name: string, expiry: number) =>
    createHmac('sha256', `files:${secret}`).update(`${name}\n${expiry}`).digest('base64url');
  const nameOf = (fileId: string): string | null => {
    const name = fileId.replace(/^local:\/\//, '');
    // Names are ours (hex + extension); anything else could walk out of the folder.
    return /^[a-f0-9]{24}\.(jpg|png|webp|pdf)$/.test(name) ? name : null;
  };
  const pathOf = (fileId: string): string | null => {
    const name = nameOf(fileId);
    return name ? path.join(folder, name) : null;
  };
  const read = async (fileId: string): Promise<Buffer | null> => {
    const file = pathOf(fileId);
    if (!file) return null;
    return readFile(file).catch(() => null);
  };
  return {
    async save({ bytes, contentType, ownerId, key }) {
      // The bytes decide: a label saying image/png on an HTML page is refused.
      const type = sniffUploadType(bytes);
      if (!type || type !== contentType) throw new AppError('INVALID_INPUT', UPLOAD_TYPE_MESSAGE);
      await mkdir(folder, { recursive: true });
      // A keyed upload is named by its owner and key: a retry finds the file the lost answer named.
      const stem = key ? createHash('sha256').update(`${ownerId}\n${key}`).digest('hex').slice(0, 24) : newId();
      const name = `${stem}.${UPLOAD_EXTENSIONS[type]}`;
      const file = path.join(folder, name);
      const exists = key
        ? await stat(file).then(
            () => true,
            () => false,
          )
        : false;
      // Never rewritten: a file already there may be attached to something by now.
      if (!exists) await writeFile(file, bytes);
      return `local://${name}`;
    },
    async urls(fileIds) {
      const expiry = (Math.floor(now() / 1000 / URL_WINDOW_SECONDS) + 2) * URL_WINDOW_SECONDS;
      const entries: Array<[string, string]> = [];
      for (const id of fileIds) {
        const name = nameOf(id);
        if (name) entries.push([id, `/files/${name}?e=${expiry}&s=${sign(name, expiry)}`]);
      }
      return Object.fromEntries(entries);
    },
    verify(name, expiry, signature) {
      if (!nameOf(name) || !expiry || !signature || !/^\d{1,12}$/.test(expiry)) return false;
      if (Number(expiry) * 1000 <= now()) return false;
      const expected = Buffer.from(sign(name, Number(expiry)));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
    async exists(fileId) {
      const file = pathOf(fileId);
      if (!file) return false;
      return stat(file).then(
        () => true,
        () => false,
      );
    },
    async inspect(fileId) {
      const bytes = await read(fileId);
      return bytes ? { contentType: sniffUploadType(bytes), size: bytes.length } : null;
    },
    async remove(fileId) {
      const file = pathOf(fileId);
      if (!file) return false;
      return rm(file).then(
        () => true,
        () => false,
      );
    },
    read,
  };
}
