import Database from 'better-sqlite3';

/**
 * Every document of every table in the embedded store's SQLite file, as its JSON text: what a
 * privacy test scans for a value, whatever collection or field it went into.
 */
export function everyDocument(file: string): Array<{ table: string; id: string; doc: string }> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    return tables.flatMap(({ name }) => {
      const columns = (db.prepare(`PRAGMA table_info("${name}")`).all() as Array<{ name: string }>).map((c) => c.name);
      if (!columns.includes('doc')) return [];
      return (db.prepare(`SELECT id, doc FROM "${name}"`).all() as Array<{ id: string; doc: string }>).map((row) => ({
        table: name,
        ...row,
      }));
    });
  } finally {
    db.close();
  }
}
