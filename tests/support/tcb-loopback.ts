/**
 * Loopback CloudBase server for tests: speaks the HTTP protocol @cloudbase/node-sdk 3.18.3 uses for
 * database calls, backed by an embedded store (so query/update semantics are mingo's).
 *
 * Wire format (read from node_modules/@cloudbase/node-sdk/dist/utils/tcbapirequester.js and
 * @cloudbase/database/dist/commonjs): every call is `POST <serviceUrl>?env=…&seqId=…` with a JSON
 * body `{ action, envName, collectionName, query?, data?, transactionId?, … }`; filters, updates,
 * orders and documents travel as EJSON strings. A 200 reply whose JSON has a truthy `code` is thrown
 * by the SDK as an error `{ code, message }`. Actions served:
 *   database.getDocument       queryType WHERE (query/order/offset/limit) or DOC ({_id}) → { data: { list: [ejson] } }
 *   database.calculateDocument → { data: { total } }
 *   database.insertDocument    data: [ejson] → { data: { insertedIds } }
 *   database.modifyDocument    query, data, multi, merge, upsert → { data: { updated, upsert_id } }
 *   database.removeDocument    → { data: { deleted } }
 *   database.startTransaction  → { transactionId }; commitTransaction / abortTransaction
 * Storage (node-sdk dist/storage/index.js), same POST endpoint:
 *   storage.getUploadMetadata  path, method 'put' → { data: { url, token, authorization, fileId, cosFileId } };
 *                              the SDK then PUTs the raw bytes to `url` with that authorization and the
 *                              `x-cos-security-token` / `x-cos-meta-fileid` headers (COS answers 200 with an empty body)
 *   storage.batchGetDownloadUrl file_list [{ fileid, max_age }] → { data: { download_list: [{ fileID, tempFileURL, code }] } }
 *   storage.batchDeleteFile    fileid_list → { data: { delete_list: [{ fileID, code }] } }
 * Temporary URLs carry a signature and serve the bytes until the file is deleted or the URL expires.
 * 云调用 (node-sdk dist/wx/index.js callWxOpenApi), same POST endpoint:
 *   wx.api                     apiName, requestData (a JSON string) → { data: { responseData: JSON string } };
 *                              recorded in `openApiCalls`, answered by `options.openApi` (default errcode 0)
 * Transactions behave as CloudBase's do (docs, and MongoDB under it): many run at once, each reads a
 * snapshot taken when it started (plus its own writes) and buffers its writes; on a write-write
 * conflict the first to commit wins and the other gets DATABASE_TRANSACTION_CONFLICT (at the write,
 * when the document was already committed by someone else after the snapshot, or at commit). A
 * transaction lives 30 s from its start (`transactionLifetimeMs`); after that every call and the
 * commit answer DATABASE_TRANSACTION_FAIL. Writes outside a transaction commit at once and count as
 * conflicting writes for open transactions. With `collections`, a write to any other collection
 * answers DATABASE_COLLECTION_NOT_EXIST. `latencyMs` delays every database call (a network round
 * trip to CloudBase), and `conflictEveryNth` still injects conflicts on top.
 *
 * Caller identity: `app.auth().getUserInfo()` needs no server; it reads WX_OPENID / WX_APPID /
 * TCB_UUID from the environment (node-sdk dist/auth/index.js), so tests set process.env.WX_OPENID.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import tcb from '@cloudbase/node-sdk';
import { BSONRegExp, EJSON } from 'bson';
import { StoreError } from '../../cloudfunctions/_core/store/docstore';
import { applyUpdate, createEmbeddedStore, type EmbeddedStore } from '../../cloudfunctions/_core/store/embedded';

export interface OpenApiCall {
  apiName: string;
  requestData: unknown;
}

export interface TcbLoopbackOptions {
  /** The declared collections; writes elsewhere answer DATABASE_COLLECTION_NOT_EXIST. Omitted: any. */
  collections?: readonly string[];
  /** A transaction's lifetime from its start (CloudBase: 30 s). */
  transactionLifetimeMs?: number;
  /** The server's clock (tests move it to expire transactions). */
  now?: () => number;
  /** Delay before answering each database request, as a round trip to CloudBase would add. */
  latencyMs?: number;
  /** WeChat's answer to a 云调用 (default `{ errcode: 0, errmsg: 'ok' }`). */
  openApi?: (call: OpenApiCall) => Record<string, unknown>;
  /** Answer every n-th in-transaction call with DATABASE_TRANSACTION_CONFLICT. */
  conflictEveryNth?: number;
}

export interface TcbLoopback {
  url: string;
  app: ReturnType<typeof tcb.init>;
  db: ReturnType<ReturnType<typeof tcb.init>['database']>;
  /** The store behind the server (committed state), for assertions that bypass the wire. */
  backing: EmbeddedStore;
  /** Transactions that ended in DATABASE_TRANSACTION_CONFLICT from a real write-write conflict. */
  conflicts(): number;
  /** Transactions open right now, and the most that were open at once. */
  openTransactions(): { now: number; max: number };
  /** The documents most often lost in write-write conflicts, `collection/id: n`. */
  hotDocuments(limit: number): string[];
  /** Changes the per-call delay (setup can run fast, the measured part with latency). */
  setLatency(ms: number): void;
  /** How many requests each wire action received (proves which SDK calls were exercised). */
  actionCounts(): Record<string, number>;
  /** Every 云调用 received, in order. */
  openApiCalls: OpenApiCall[];
  /** Paths of the objects in the loopback's storage bucket. */
  storedPaths(): string[];
  close(): Promise<void>;
}

type Params = Record<string, unknown>;
type Json = Record<string, unknown>;

interface OpenTransaction {
  /** The commit sequence number the snapshot reflects. */
  snapshot: number;
  startedAt: number;
  /** Buffered writes by `collection/id`: the document as this transaction will commit it, or null (removed). */
  writes: Map<string, { collection: string; id: string; doc: Json | null }>;
}

/** CloudBase ends a transaction 30 s after it started. */
const TRANSACTION_LIFETIME_MS = 30_000;

/** EJSON regexes arrive as BSONRegExp; mingo needs JS RegExp. */
function reviveRegExps(value: unknown): unknown {
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options);
  if (Array.isArray(value)) return value.map(reviveRegExps);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveRegExps(v)]));
  }
  return value;
}

function parseEjson(text: unknown): Json {
  if (typeof text !== 'string' || text === '') return {};
  return reviveRegExps(EJSON.parse(text)) as Json;
}

const toEjson = (doc: unknown) => EJSON.stringify(doc as Json, { relaxed: true });

function failure(code: string, message: string) {
  return { code, message, requestId: randomUUID() };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const ENV_ID = 'loopback-env';
const BUCKET_ID = `cloud://${ENV_ID}.6c6f-loopback-bucket`;

const CONTENT_TYPE_OF: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

export async function startTcbLoopback(options: TcbLoopbackOptions = {}): Promise<TcbLoopback> {
  // Skips the cloud metadata probe (~63 ms per call offline); see ARCHITECTURE.md.
  process.env.TENCENTCLOUD = 'true';
  process.env.SILENCE = 'true';
  const store = createEmbeddedStore({ file: ':memory:', maxTransactionAttempts: 1, collections: options.collections });
  const transactions = new Map<string, OpenTransaction>();
  const now = options.now ?? Date.now;
  const lifetime = options.transactionLifetimeMs ?? TRANSACTION_LIFETIME_MS;
  const declared = options.collections ? new Set(options.collections) : null;
  /** Commit sequence: every committed write (in a transaction or not) takes the next number. */
  let commitSeq = 0;
  /** `collection/id` → the sequence number of its last committed write. */
  const versions = new Map<string, number>();
  /** `collection/id` → its committed values by sequence number, for snapshots older than the last write. */
  const history = new Map<string, Array<{ seq: number; doc: Json | null }>>();
  let conflicts = 0;
  const conflictsByKey = new Map<string, number>();
  const lost = (key: string) => {
    conflicts += 1;
    conflictsByKey.set(key, (conflictsByKey.get(key) ?? 0) + 1);
  };
  let latencyMs = options.latencyMs ?? 0;
  let maxOpen = 0;
  let inTxCalls = 0;
  const actionCounts: Record<string, number> = {};
  const openApiCalls: OpenApiCall[] = [];
  let baseUrl = '';
  /** The bucket: object path → bytes. */
  const objects = new Map<string, Buffer>();
  /** Upload grants handed out by getUploadMetadata: authorization → object path. */
  const uploadGrants = new Map<string, { path: string; token: string; cosFileId: string }>();
  /** Download signatures handed out by batchGetDownloadUrl: sign → { path, expires (ms) }. */
  const downloadSigns = new Map<string, { path: string; expires: number }>();
  const pathOfFileId = (fileId: unknown) =>
    typeof fileId === 'string' && fileId.startsWith(`${BUCKET_ID}/`) ? fileId.slice(BUCKET_ID.length + 1) : null;

  function handleStorage(action: string, params: Params): unknown {
    switch (action) {
      case 'storage.getUploadMetadata': {
        const path = String(params.path ?? '');
        if (!path || path.startsWith('/') || path.includes('..')) return failure('INVALID_PARAM', 'bad cloudPath');
        const authorization = `q-sign-algorithm=sha1&q-signature=${randomUUID()}`;
        const grant = { path, token: randomUUID(), cosFileId: randomUUID() };
        uploadGrants.set(authorization, grant);
        return {
          requestId: randomUUID(),
          data: {
            url: `${baseUrl}/cos/${encodeURI(path)}`,
            token: grant.token,
            authorization,
            fileId: `${BUCKET_ID}/${path}`,
            cosFileId: grant.cosFileId,
            download_url: '',
          },
        };
      }
      case 'storage.batchGetDownloadUrl': {
        const list = (params.file_list ?? []) as Array<{ fileid: string; max_age?: number }>;
        return {
          requestId: randomUUID(),
          data: {
            download_list: list.map(({ fileid, max_age }) => {
              const path = pathOfFileId(fileid);
              if (path === null) return { fileID: fileid, tempFileURL: '', code: 'INVALID_PARAM' };
              if (!objects.has(path)) return { fileID: fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' };
              const sign = randomUUID().replace(/-/g, '');
              downloadSigns.set(sign, { path, expires: Date.now() + 1000 * Number(max_age ?? 7200) });
              return {
                fileID: fileid,
                tempFileURL: `${baseUrl}/download/${encodeURI(path)}?sign=${sign}`,
                code: 'SUCCESS',
              };
            }),
          },
        };
      }
      case 'storage.batchDeleteFile': {
        const list = (params.fileid_list ?? []) as string[];
        return {
          requestId: randomUUID(),
          data: {
            delete_list: list.map((fileID) => {
              const path = pathOfFileId(fileID);
              if (path === null) return { fileID, code: 'INVALID_PARAM' };
              return { fileID, code: objects.delete(path) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' };
            }),
          },
        };
      }
      default:
        return failure('INVALID_PARAM', `unsupported action ${action}`);
    }
  }

  /** The COS PUT the SDK sends after getUploadMetadata; answers like COS (empty body, or an XML error). */
  function cosPut(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) {
    actionCounts['cos.put'] = (actionCounts['cos.put'] ?? 0) + 1;
    const path = decodeURI(new URL(String(req.url), baseUrl).pathname.slice('/cos/'.length));
    const grant = uploadGrants.get(String(req.headers.authorization ?? ''));
    const valid =
      grant &&
      grant.path === path &&
      req.headers['x-cos-security-token'] === grant.token &&
      req.headers['x-cos-meta-fileid'] === grant.cosFileId;
    if (!valid) {
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end(
        "<?xml version='1.0' encoding='utf-8' ?><Error><Code>AccessDenied</Code><Message>upload not granted</Message>" +
          '<Resource>/</Resource><RequestId>loopback</RequestId><TraceId>loopback</TraceId></Error>',
      );
      return;
    }
    uploadGrants.delete(String(req.headers.authorization));
    objects.set(path, body);
    res.writeHead(200).end();
  }

  function download(req: http.IncomingMessage, res: http.ServerResponse) {
    actionCounts['cos.get'] = (actionCounts['cos.get'] ?? 0) + 1;
    const url = new URL(String(req.url), baseUrl);
    const path = decodeURI(url.pathname.slice('/download/'.length));
    const grant = downloadSigns.get(url.searchParams.get('sign') ?? '');
    const bytes = objects.get(path);
    if (!grant || grant.path !== path || grant.expires < Date.now() || !bytes) {
      res.writeHead(grant && grant.path === path && grant.expires >= Date.now() ? 404 : 403).end();
      return;
    }
    const extension = path.split('.').pop() ?? '';
    res.writeHead(200, { 'content-type': CONTENT_TYPE_OF[extension] ?? 'application/octet-stream' });
    res.end(bytes);
  }

  const keyOf = (collection: string, id: string) => `${collection}/${id}`;
  const clone = (doc: Json | null) => (doc ? (structuredClone(doc) as Json) : null);

  function openTransaction(): string {
    const id = randomUUID();
    transactions.set(id, { snapshot: commitSeq, startedAt: now(), writes: new Map() });
    maxOpen = Math.max(maxOpen, transactions.size);
    return id;
  }

  /** The committed value a snapshot sees: the history when the document changed since, else the store. */
  async function committedAt(collection: string, id: string, snapshot: number): Promise<Json | null> {
    const entries = history.get(keyOf(collection, id));
    if (entries) {
      let found: Json | null = null;
      for (const entry of entries) if (entry.seq <= snapshot) found = entry.doc;
      return clone(found);
    }
    return (await store.get(collection, id)) as Json | null;
  }

  async function readInTransaction(open: OpenTransaction, collection: string, id: string): Promise<Json | null> {
    const own = open.writes.get(keyOf(collection, id));
    if (own) return clone(own.doc);
    return committedAt(collection, id, open.snapshot);
  }

  const changedSince = (key: string, snapshot: number) => (versions.get(key) ?? 0) > snapshot;

  /**
   * Commits writes at once: previous values are read first (async), then the conflict check, the
   * sequence number and the history are one synchronous step, so two commits can never both win.
   */
  async function commitWrites(
    writes: Array<{ collection: string; id: string; doc: Json | null }>,
    snapshot: number | null,
  ): Promise<'ok' | 'conflict'> {
    const previous = new Map<string, Json | null>();
    for (const w of writes) {
      const key = keyOf(w.collection, w.id);
      if (!history.has(key)) previous.set(key, (await store.get(w.collection, w.id)) as Json | null);
    }
    const stale = snapshot === null ? undefined : writes.find((w) => changedSince(keyOf(w.collection, w.id), snapshot));
    if (stale) {
      lost(keyOf(stale.collection, stale.id));
      return 'conflict';
    }
    commitSeq += 1;
    for (const w of writes) {
      const key = keyOf(w.collection, w.id);
      const entries = history.get(key) ?? [{ seq: 0, doc: previous.get(key) ?? null }];
      entries.push({ seq: commitSeq, doc: clone(w.doc) });
      history.set(key, entries);
      versions.set(key, commitSeq);
    }
    // Applying to the store is queued behind earlier reads, so they still see the old values.
    await store.runTransaction(async (tx) => {
      for (const w of writes) {
        await tx.removeById(w.collection, w.id);
        if (w.doc) await tx.insert(w.collection, w.doc as { _id: string });
      }
    });
    return 'ok';
  }

  function endTransaction(id: string, commit: boolean): Promise<unknown> | unknown {
    const open = transactions.get(id);
    if (!open) return failure('DATABASE_TRANSACTION_FAIL', `no open transaction ${id}`);
    transactions.delete(id);
    if (!commit) return { requestId: randomUUID() };
    if (now() - open.startedAt > lifetime)
      return failure('DATABASE_TRANSACTION_FAIL', `transaction ${id} exceeded its ${lifetime} ms lifetime`);
    return commitWrites([...open.writes.values()], open.snapshot).then((outcome) => {
      if (outcome === 'ok') return { requestId: randomUUID() };
      return failure('DATABASE_TRANSACTION_CONFLICT', `write conflict: another transaction committed first`);
    });
  }

  const notDeclared = (collection: string) =>
    declared && !declared.has(collection)
      ? failure('DATABASE_COLLECTION_NOT_EXIST', `collection ${collection} does not exist`)
      : null;

  function docId(params: Params): string {
    const query = parseEjson(params.query);
    if (typeof query._id !== 'string') throw new StoreError('INVALID_QUERY', 'DOC query needs a string _id');
    return query._id;
  }

  /** Embedded errors → what CloudBase would answer. The duplicate text mirrors MongoDB's E11000. */
  function storeFailure(err: unknown) {
    if (err instanceof StoreError) {
      if (err.code === 'DUPLICATE_KEY')
        return failure('DATABASE_REQUEST_FAILED', `E11000 duplicate key error: ${err.message}`);
      if (err.code === 'DATABASE_TRANSACTION_CONFLICT') return failure('DATABASE_TRANSACTION_CONFLICT', err.message);
      return failure('INVALID_PARAM', err.message);
    }
    return failure('SYS_ERR', String((err as Error)?.message ?? err));
  }

  async function handleInTransaction(action: string, params: Params, id: string, open: OpenTransaction) {
    const collection = String(params.collectionName);
    inTxCalls += 1;
    const kill = (code: string, message: string) => {
      transactions.delete(id);
      return failure(code, message);
    };
    if (now() - open.startedAt > lifetime)
      return kill('DATABASE_TRANSACTION_FAIL', `transaction ${id} exceeded its ${lifetime} ms lifetime`);
    if (options.conflictEveryNth && inTxCalls % options.conflictEveryNth === 0) {
      // Like CloudBase: the transaction is dead after a write conflict.
      return kill('DATABASE_TRANSACTION_CONFLICT', 'injected write conflict');
    }
    const write = (docIdValue: string, doc: Json | null) => {
      const key = keyOf(collection, docIdValue);
      // Someone committed this document after our snapshot: we would overwrite their write.
      if (changedSince(key, open.snapshot)) {
        lost(key);
        return kill('DATABASE_TRANSACTION_CONFLICT', `write conflict on ${key}`);
      }
      open.writes.set(key, { collection, id: docIdValue, doc });
      return null;
    };
    {
      // Reads too: CloudBase answers a query on a missing collection with the same error (issue 17).
      const refused = notDeclared(collection);
      if (refused) return refused;
    }
    switch (action) {
      case 'database.getDocument': {
        const doc = await readInTransaction(open, collection, docId(params));
        return { requestId: randomUUID(), data: { list: doc ? [toEjson(doc)] : [] } };
      }
      case 'database.insertDocument': {
        const ids: string[] = [];
        for (const item of params.data as string[]) {
          const doc = parseEjson(item);
          const newId = typeof doc._id === 'string' ? doc._id : randomUUID().replace(/-/g, '');
          if (await readInTransaction(open, collection, newId))
            return failure('DATABASE_REQUEST_FAILED', `E11000 duplicate key error: ${collection}/${newId}`);
          const refused = write(newId, { ...doc, _id: newId });
          if (refused) return refused;
          ids.push(newId);
        }
        return { requestId: randomUUID(), data: { insertedIds: ids } };
      }
      case 'database.modifyDocument': {
        const target = docId(params);
        const before = await readInTransaction(open, collection, target);
        if (!before) return { requestId: randomUUID(), data: { updated: 0 } };
        const after = applyUpdate(before, asUpdate(params));
        if (!changed(before, after)) return { requestId: randomUUID(), data: { updated: 0 } };
        const refused = write(target, after);
        return refused ?? { requestId: randomUUID(), data: { updated: 1 } };
      }
      case 'database.removeDocument': {
        const target = docId(params);
        if (!(await readInTransaction(open, collection, target)))
          return { requestId: randomUUID(), data: { deleted: 0 } };
        const refused = write(target, null);
        return refused ?? { requestId: randomUUID(), data: { deleted: 1 } };
      }
      default:
        return failure('INVALID_PARAM', `${action} is not supported inside a transaction`);
    }
  }

  function asUpdate(params: Params): Json {
    const data = parseEjson(params.data);
    if (params.merge === false)
      throw new StoreError('INVALID_QUERY', 'replacing set() is not supported by the loopback');
    // Without operators CloudBase merges the object (as $set).
    return Object.keys(data).some((k) => k.startsWith('$')) ? data : { $set: data };
  }

  const changed = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

  async function handle(params: Params): Promise<unknown> {
    const action = String(params.action);
    actionCounts[action] = (actionCounts[action] ?? 0) + 1;
    const transactionId = typeof params.transactionId === 'string' ? params.transactionId : undefined;
    if (latencyMs > 0 && (action.startsWith('database.') || action === 'wx.api')) await sleep(latencyMs);
    if (action === 'database.startTransaction') return { requestId: randomUUID(), transactionId: openTransaction() };
    if (action === 'database.commitTransaction') return endTransaction(String(params.transactionId), true);
    if (action === 'database.abortTransaction') return endTransaction(String(params.transactionId), false);
    if (transactionId) {
      const open = transactions.get(transactionId);
      if (!open) return failure('DATABASE_TRANSACTION_FAIL', `transaction ${transactionId} is not open`);
      return handleInTransaction(action, params, transactionId, open);
    }
    if (action.startsWith('database.') && typeof params.collectionName === 'string') {
      const refused = notDeclared(String(params.collectionName));
      if (refused) return refused;
    }
    if (action.startsWith('storage.')) return handleStorage(action, params);
    if (action === 'wx.api') {
      const call = {
        apiName: String(params.apiName),
        requestData:
          typeof params.requestData === 'string' && params.requestData ? JSON.parse(params.requestData) : null,
      };
      openApiCalls.push(call);
      const answer = options.openApi?.(call) ?? { errcode: 0, errmsg: 'ok' };
      return { requestId: randomUUID(), data: { responseData: JSON.stringify(answer) } };
    }
    const collection = String(params.collectionName);
    switch (action) {
      case 'database.getDocument': {
        if (params.queryType === 'DOC') {
          const doc = await store.get(collection, docId(params));
          return { requestId: randomUUID(), data: { list: doc ? [toEjson(doc)] : [] } };
        }
        const order = parseEjson(params.order) as Record<string, number>;
        const docs = await store.find(collection, parseEjson(params.query), {
          orderBy: Object.entries(order).map(([field, dir]) => [field, dir === -1 ? 'desc' : 'asc'] as const),
          skip: Number(params.offset ?? 0),
          limit: Number(params.limit ?? 100),
        });
        return { requestId: randomUUID(), data: { list: docs.map(toEjson) } };
      }
      case 'database.calculateDocument':
        return { requestId: randomUUID(), data: { total: await store.count(collection, parseEjson(params.query)) } };
      case 'database.insertDocument': {
        const ids: string[] = [];
        for (const item of params.data as string[]) {
          const doc = parseEjson(item);
          const id = typeof doc._id === 'string' ? doc._id : randomUUID().replace(/-/g, '');
          if (await store.get(collection, id))
            return failure('DATABASE_REQUEST_FAILED', `E11000 duplicate key error: ${collection}/${id}`);
          await commitWrites([{ collection, id, doc: { ...doc, _id: id } }], null);
          ids.push(id);
        }
        return { requestId: randomUUID(), data: { insertedIds: ids } };
      }
      case 'database.modifyDocument': {
        const update = asUpdate(params);
        if (params.queryType === 'DOC') {
          const id = docId(params);
          // Modified count, as MongoDB/CloudBase report it.
          const before = (await store.get(collection, id)) as Json | null;
          if (!before) return { requestId: randomUUID(), data: { updated: 0 } };
          const after = applyUpdate(before, update);
          if (!changed(before, after)) return { requestId: randomUUID(), data: { updated: 0 } };
          await commitWrites([{ collection, id, doc: after }], null);
          return { requestId: randomUUID(), data: { updated: 1 } };
        }
        if (params.multi === false)
          return failure('INVALID_PARAM', 'single-document where().update() is not supported');
        const writes: Array<{ collection: string; id: string; doc: Json }> = [];
        for (let skip = 0; ; skip += 1000) {
          const page = (await store.find(collection, parseEjson(params.query), {
            skip,
            limit: 1000,
          })) as unknown as Json[];
          for (const before of page) {
            const after = applyUpdate(before, update);
            if (changed(before, after)) writes.push({ collection, id: String(before._id), doc: after });
          }
          if (page.length < 1000) break;
        }
        if (writes.length > 0) await commitWrites(writes, null);
        return { requestId: randomUUID(), data: { updated: writes.length } };
      }
      case 'database.removeDocument': {
        if (params.queryType === 'DOC') {
          const id = docId(params);
          if (!(await store.get(collection, id))) return { requestId: randomUUID(), data: { deleted: 0 } };
          await commitWrites([{ collection, id, doc: null }], null);
          return { requestId: randomUUID(), data: { deleted: 1 } };
        }
        return failure('INVALID_PARAM', 'where().remove() is not supported by the loopback');
      }
      default:
        return failure('INVALID_PARAM', `unsupported action ${action}`);
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'PUT' && req.url?.startsWith('/cos/')) return cosPut(req, Buffer.concat(chunks), res);
      if (req.method === 'GET' && req.url?.startsWith('/download/')) return download(req, res);
      let params: Params;
      try {
        params = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Params;
      } catch {
        res.writeHead(400).end();
        return;
      }
      handle(params)
        .catch(storeFailure)
        .then((body) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/admin`;
  baseUrl = `http://127.0.0.1:${port}`;
  const app = tcb.init({
    env: ENV_ID,
    secretId: 'fake-secret-id',
    secretKey: 'fake-secret-key',
    serviceUrl: url,
  });

  return {
    url,
    app,
    db: app.database(),
    backing: store,
    conflicts: () => conflicts,
    openTransactions: () => ({ now: transactions.size, max: maxOpen }),
    hotDocuments: (limit) =>
      [...conflictsByKey.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit)
        .map(([key, n]) => `${key}: ${n}`),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    actionCounts: () => ({ ...actionCounts }),
    openApiCalls,
    storedPaths: () => [...objects.keys()].sort(),
    async close() {
      transactions.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
