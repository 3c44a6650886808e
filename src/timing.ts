// In-process stage timers for `npm run bench` (BROADSHEET_TIMINGS=1): cheap enough to leave on.
import { performance } from 'node:perf_hooks';

export const stageTimes: Record<string, number> = {};

export function timed<T>(stage: string, f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } finally {
    stageTimes[stage] = (stageTimes[stage] ?? 0) + performance.now() - t0;
  }
}

export async function timedAsync<T>(stage: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await f();
  } finally {
    stageTimes[stage] = (stageTimes[stage] ?? 0) + performance.now() - t0;
  }
}
