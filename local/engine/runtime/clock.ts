import type { Clock } from '../contract.ts';

let timeOfJob: number | undefined;
const forgetTimeOfJob = () => {
  timeOfJob = undefined;
};

/**
 * Date.now(), read once per job (a callback and what it runs synchronously): a job takes
 * microseconds, and an execution stamps dozens of events in one, where reading the system clock
 * each time showed in profiles.
 */
function jobTime(): number {
  if (timeOfJob === undefined) {
    timeOfJob = Date.now();
    queueMicrotask(forgetTimeOfJob);
  }
  return timeOfJob;
}

/**
 * Wall-clock time; timers longer than Node's 24.8-day limit are chained. Timers keep the process
 * alive while executions wait (engine.close() cancels them).
 */
export const realClock: Clock = {
  now: jobTime,
  setTimer(at, fn) {
    let handle: NodeJS.Timeout;
    const arm = () => {
      // setTimeout overflows past 2^31-1 ms and would fire at once; re-arm in chunks instead.
      const delay = Math.min(Math.max(at - Date.now(), 0), 2 ** 31 - 1);
      handle = setTimeout(() => (Date.now() >= at ? fn() : arm()), delay);
    };
    arm();
    return () => clearTimeout(handle);
  },
};

/** A clock that only moves when told to: a 14-day timeout is tested in milliseconds. */
export interface VirtualClock extends Clock {
  /** Moves time forward, firing due timers in order (and letting their continuations run). */
  advance(ms: number): Promise<void>;
  /** Number of timers armed and not yet fired or cancelled. */
  pendingTimers(): number;
}

interface VirtualTimer {
  at: number;
  order: number;
  fn: () => void;
}

export function createVirtualClock(startMs = Date.parse('2026-01-01T00:00:00Z')): VirtualClock {
  let current = startMs;
  let order = 0;
  const timers = new Set<VirtualTimer>();
  // Work in flight (a commit, then the continuation it releases) takes a few turns of the event loop.
  const settle = async () => {
    for (let turn = 0; turn < 8; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
  };

  return {
    now: () => current,
    setTimer(at, fn) {
      const timer = { at, order: order++, fn };
      timers.add(timer);
      return () => {
        timers.delete(timer);
      };
    },
    pendingTimers: () => timers.size,
    async advance(ms) {
      const target = current + ms;
      // Let work already queued arm its timers before we look at them.
      await settle();
      for (;;) {
        const due = [...timers]
          .filter((timer) => timer.at <= target)
          .sort((a, b) => a.at - b.at || a.order - b.order)[0];
        if (!due) break;
        timers.delete(due);
        current = Math.max(current, due.at);
        due.fn();
        // A fired timer usually resumes an execution that may arm the next timer.
        await settle();
      }
      current = target;
      await settle();
    },
  };
}
