import type { LocalRuntime } from './runtime';

/** A recurring call into a function, as CloudBase's timer trigger makes it (no user, a timer event). */
export interface ScheduledJob {
  /** The trigger's name, as in the function's config.json. */
  name: string;
  fn: string;
  everyMs: number;
}

/** Every timer trigger the local runtime imitates; functions with a timer add theirs here. */
export const SCHEDULED_JOBS: ScheduledJob[] = [
  { name: 'slaSweep', fn: 'reports', everyMs: 60_000 },
  { name: 'redemptionExpiry', fn: 'greencoin', everyMs: 60_000 },
  { name: 'outboxSender', fn: 'inbox', everyMs: 30_000 },
  { name: 'activityReminders', fn: 'timebank', everyMs: 60_000 },
  { name: 'sageTerms', fn: 'sages', everyMs: 3_600_000 },
  { name: 'figuresFold', fn: 'admin', everyMs: 3_600_000 },
  { name: 'photoSweep', fn: 'tips', everyMs: 600_000 },
];

/**
 * Runs the jobs on intervals in-process. Calls go through the same entry point as on CloudBase,
 * with a timer event and no caller, so the function decides what the system may do.
 */
export function startScheduler(
  runtime: Pick<LocalRuntime, 'invoke' | 'clock'>,
  jobs: readonly ScheduledJob[] = SCHEDULED_JOBS,
  log: (line: Record<string, unknown>) => void = () => {},
): { runOnce(): Promise<void>; stop(): void } {
  const running = new Set<string>();
  const tick = async (job: ScheduledJob): Promise<void> => {
    // A slow run is never overlapped by the next tick of the same job.
    if (running.has(job.name)) return;
    running.add(job.name);
    try {
      const event = { Type: 'Timer', TriggerName: job.name, Time: runtime.clock.now().toISOString() };
      // The scheduler is the local platform trigger: it alone marks the call as a timer's.
      const result = await runtime.invoke(job.fn, event, null, { trigger: 'timer' });
      log({ level: result.ok ? 'info' : 'error', job: job.name, result });
    } catch (error) {
      log({ level: 'error', job: job.name, error: error instanceof Error ? error.message : String(error) });
    } finally {
      running.delete(job.name);
    }
  };
  const timers = jobs.map((job) => setInterval(() => void tick(job), job.everyMs));
  for (const t of timers) t.unref?.();
  return {
    runOnce: async () => {
      await Promise.all(jobs.map(tick));
    },
    stop: () => {
      for (const t of timers) clearInterval(t);
    },
  };
}
