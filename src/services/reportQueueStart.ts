import Taro from '@tarojs/taro';

/** Where queued 随手拍 reports wait (services/reportQueue.ts reads and writes it). */
export const REPORT_QUEUE_KEY = 'gongzhi.report.queue';

/** Whether a report waits, read without loading the queue's sending code (upload, dialogs). */
export function hasQueuedReports(): boolean {
  try {
    const queue = Taro.getStorageSync(REPORT_QUEUE_KEY) as unknown;
    return Array.isArray(queue) && queue.length > 0;
  } catch {
    return false;
  }
}

/**
 * h5 launch (issue 19): the report queue's code (its upload, toast and dialog) is loaded only when
 * a report waits — after the first page is up if one waited at launch, or when the network returns
 * if one was queued during the visit — and then startReportQueue does what it always did: send them
 * now and whenever the network returns. weapp starts the queue at once (app.ts).
 */
export function startReportQueueWhenNeeded(later: (fn: () => void) => void): void {
  let loading = false;
  const start = () => {
    if (loading || !hasQueuedReports()) return;
    loading = true;
    window.removeEventListener('online', start);
    void import('./reportQueue').then(
      (queue) => queue.startReportQueue(),
      () => {
        // The chunk did not arrive (the network dropped again): try again when it returns.
        loading = false;
        window.addEventListener('online', start);
      },
    );
  };
  window.addEventListener('online', start);
  later(start);
}
