import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FILE_EXTENSIONS, type FileStore } from '../cloudfunctions/_core/runtime/define';
import { newId } from '../cloudfunctions/_core/runtime/ids';

export const CONTENT_TYPES: Record<string, string> = Object.fromEntries(
  Object.entries(FILE_EXTENSIONS).map(([type, ext]) => [ext, type]),
);

/** Uploaded photos and attachments in a folder; ids look like `local://<name>`. */
export function createLocalFiles(folder: string): FileStore & { read(fileId: string): Promise<Buffer | null> } {
  const pathOf = (fileId: string): string | null => {
    const name = fileId.replace(/^local:\/\//, '');
    // Names are ours (hex + extension); anything else could walk out of the folder.
    return /^[a-f0-9]{24}\.(jpg|png|webp|pdf)$/.test(name) ? path.join(folder, name) : null;
  };
  return {
    async save({ bytes, contentType }) {
      const extension = FILE_EXTENSIONS[contentType];
      if (!extension) throw new Error(`unsupported content type ${contentType}`);
      await mkdir(folder, { recursive: true });
      const name = `${newId()}.${extension}`;
      await writeFile(path.join(folder, name), bytes);
      return `local://${name}`;
    },
    async urls(fileIds) {
      return Object.fromEntries(fileIds.map((id) => [id, `/files/${id.replace(/^local:\/\//, '')}`]));
    },
    async exists(fileId) {
      const file = pathOf(fileId);
      if (!file) return false;
      return stat(file).then(
        () => true,
        () => false,
      );
    },
    async remove(fileId) {
      const file = pathOf(fileId);
      if (!file) return false;
      return rm(file).then(
        () => true,
        () => false,
      );
    },
    async read(fileId) {
      const file = pathOf(fileId);
      if (!file) return null;
      return readFile(file).catch(() => null);
    },
  };
}
