import Taro from '@tarojs/taro';
import type { ActionInput, ActionOutput } from '../../cloudfunctions/api';
import { acknowledge } from '../components/confirm';
import { ApiError, call, isNetworkError } from './client';
import { REPORT_QUEUE_KEY } from './reportQueueStart';
import { session } from './session';
import { type UploadedPhoto, uploadPending } from './upload';

/**
 * 随手拍 on weak networks: the report being written is kept on the phone as a draft, and a
 * submission that meets no network waits in a queue and is retried with the SAME idempotency key
 * (made once per draft), so however often it is retried the community gets one report.
 */
export type SubmitPayload = ActionInput<'reports', 'submit'> & { idempotencyKey: string };
type Filed = ActionOutput<'reports', 'submit'>;

export interface ReportDraft {
  /** The idempotency key this draft will be submitted under. */
  key: string;
  /** Already uploaded: their file ids are kept, so a restored draft needs no new upload. */
  photos: UploadedPhoto[];
  category?: string;
  description: string;
  place: { address: string; latitude?: number; longitude?: number };
  gridId?: string;
  anonymous: boolean;
  savedAt: string;
}

export interface QueuedReport {
  /** `photos` holds the ids of photos already uploaded; those still on the phone are in `photosOnPhone`. */
  payload: SubmitPayload;
  /** Every photo of the report in order, pending ones included; absent when all were uploaded. */
  photosOnPhone?: UploadedPhoto[];
  queuedAt: string;
  attempts: number;
}

const DRAFT_KEY = 'gongzhi.report.draft';
const QUEUE_KEY = REPORT_QUEUE_KEY;

function read<T>(key: string): T | undefined {
  try {
    const value = Taro.getStorageSync(key) as T | '' | undefined;
    return value === '' || value === undefined || value === null ? undefined : value;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    // Storage full or unavailable: the page still works, only without a saved copy.
  }
}

/** Unique enough per phone: time plus randomness (no crypto API on every weapp base library). */
export function newSubmitKey(): string {
  const random = Array.from({ length: 3 }, () => Math.random().toString(36).slice(2, 8)).join('');
  return `rpt-${Date.now().toString(36)}-${random}`;
}

export function loadDraft(): ReportDraft | undefined {
  return read<ReportDraft>(DRAFT_KEY);
}

export function saveDraft(draft: ReportDraft): void {
  write(DRAFT_KEY, draft);
}

export function clearDraft(): void {
  try {
    Taro.removeStorageSync(DRAFT_KEY);
  } catch {
    // nothing kept, nothing to clear
  }
}

export function queuedReports(): QueuedReport[] {
  return read<QueuedReport[]>(QUEUE_KEY) ?? [];
}

/** A key already queued is not queued twice (a second tap while offline changes nothing). */
export function enqueueReport(payload: SubmitPayload, at: string, photos?: UploadedPhoto[]): void {
  const queue = queuedReports();
  if (queue.some((q) => q.payload.idempotencyKey === payload.idempotencyKey)) return;
  const photosOnPhone = photos?.some((p) => p.pending) ? photos : undefined;
  write(QUEUE_KEY, [...queue, { payload, queuedAt: at, attempts: 0, ...(photosOnPhone ? { photosOnPhone } : {}) }]);
  notifyListeners();
}

/**
 * Uploads the photos a queued report kept on the phone and records their ids in the queue at
 * once, so a retry after a later failure does not upload them again. Throws NETWORK offline.
 */
async function withUploadedPhotos(item: QueuedReport): Promise<SubmitPayload> {
  if (!item.photosOnPhone) return item.payload;
  const photos = await uploadPending(item.photosOnPhone);
  const payload = { ...item.payload, photos: photos.map((p) => p.fileId) };
  write(
    QUEUE_KEY,
    queuedReports().map((q) =>
      q.payload.idempotencyKey === item.payload.idempotencyKey ? { ...q, payload, photosOnPhone: undefined } : q,
    ),
  );
  return payload;
}

function dropFromQueue(key: string): void {
  write(
    QUEUE_KEY,
    queuedReports().filter((q) => q.payload.idempotencyKey !== key),
  );
}

type Listener = () => void;
const listeners = new Set<Listener>();
function notifyListeners(): void {
  for (const listener of listeners) listener();
}
/** Pages showing the queue (the pending banner) re-read it when it changes. */
export function onQueueChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface FlushResult {
  filed: Filed[];
  /** Refused for good (e.g. over the daily limit): taken off the queue, with the reason for people. */
  refused: { description: string; message: string }[];
}

let running: Promise<FlushResult> | undefined;

/** Sends every queued report once; network failures stay queued for the next try. One flush at a time. */
export function flushReportQueue(): Promise<FlushResult> {
  if (running) return running;
  running = (async () => {
    const result: FlushResult = { filed: [], refused: [] };
    for (const item of queuedReports()) {
      try {
        result.filed.push(await call('reports', 'submit', await withUploadedPhotos(item)));
        dropFromQueue(item.payload.idempotencyKey);
      } catch (error) {
        // Signed out meanwhile: keep it for when they are back, like a network failure.
        if (isNetworkError(error) || (error instanceof ApiError && error.code === 'UNAUTHENTICATED')) {
          write(
            QUEUE_KEY,
            queuedReports().map((q) =>
              q.payload.idempotencyKey === item.payload.idempotencyKey ? { ...q, attempts: q.attempts + 1 } : q,
            ),
          );
          break; // still offline: the rest would fail the same way
        }
        dropFromQueue(item.payload.idempotencyKey);
        result.refused.push({ description: item.payload.description, message: (error as Error).message });
      }
    }
    return result;
  })().finally(() => {
    running = undefined;
    notifyListeners();
  });
  return running;
}

let started = false;

/**
 * Once per app: retry the queue at launch and whenever the network comes back, and tell the
 * person what happened (they may be on another page by then).
 */
export function startReportQueue(): void {
  if (started) return;
  started = true;
  const flush = () => {
    if (queuedReports().length === 0) return;
    if (process.env.TARO_ENV === 'h5' && !session.token()) return;
    void flushReportQueue().then(({ filed, refused }) => {
      if (refused.length > 0) {
        // Shown on whichever page is open then: every <Page> mounts the confirm host.
        void acknowledge({
          title: '有上报未能提交',
          content: `「${refused[0]?.description.slice(0, 20)}」：${refused[0]?.message}`,
        });
      } else if (filed.length > 0) {
        void Taro.showToast({ title: `网络已恢复，已提交 ${filed.length} 件上报`, icon: 'none', duration: 3000 });
      }
    });
  };
  if (process.env.TARO_ENV === 'h5') {
    window.addEventListener('online', flush);
  } else {
    Taro.onNetworkStatusChange(({ isConnected }) => {
      if (isConnected) flush();
    });
  }
  flush();
}
