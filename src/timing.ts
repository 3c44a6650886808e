// In-process stage timers for `npm run bench` (BROADSHEET_TIMINGS=1). Off otherwise: two clock
// reads per paragraph stage came to 1–2 % of a cold run that nobody reads.
// Exclusive: time spent in a nested stage (fonts opened while shaping) counts for the inner
// stage only, so the stages add up to the run.
import { performance } from 'node:perf_hooks';

export const stageTimes: Record<string, number> = {};
const ON = !!process.env.BROADSHEET_TIMINGS;

const stack: string[] = [];
let mark = 0;

function enter(stage: string): void {
  const now = performance.now();
  if (stack.length) stageTimes[stack[stack.length - 1]] = (stageTimes[stack[stack.length - 1]] ?? 0) + now - mark;
  stack.push(stage);
  mark = now;
}

function leave(): void {
  const now = performance.now();
  const stage = stack.pop()!;
  stageTimes[stage] = (stageTimes[stage] ?? 0) + now - mark;
  mark = now;
}

export function timed<T>(stage: string, f: () => T): T {
  if (!ON) return f();
  enter(stage);
  try {
    return f();
  } finally {
    leave();
  }
}

export async function timedAsync<T>(stage: string, f: () => Promise<T>): Promise<T> {
  if (!ON) return f();
  enter(stage);
  try {
    return await f();
  } finally {
    leave();
  }
}
