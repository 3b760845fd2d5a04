/**
 * Guards against input crafted to blow up (exponential or quadratic time) bound the CPU time of the
 * thread that runs the test, not the wall clock: on a machine shared with other work (a load of 12
 * on 2 cores) a test's wall time grows many-fold while its CPU time barely moves, and a blow-up
 * still costs minutes. The thread's own time, not the process's: vitest runs test files in worker
 * threads of one process, and on a machine of many cores the others' time would count too.
 */
import { readFileSync } from 'node:fs';

/**
 * The vitest timeout for a guard: only a hang is stopped by the wall clock, as a busy machine may
 * take many times a guard's CPU time to run it.
 */
export const GUARD_TIMEOUT_MS = 600_000;

/** Linux counts a thread's time in ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;

/** The CPU time (user and system) this thread has used, in ms. */
export function threadCpuMs(): number {
  try {
    // Fields 14 and 15 (utime, stime) of the thread's stat, after its name in parentheses.
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(')').at(-1)!.trim();
    const [utime, stime] = fields.split(' ').slice(11, 13).map(Number);
    if (Number.isFinite(utime) && Number.isFinite(stime)) return (utime! + stime!) * TICK_MS;
  } catch {
    // No procfs (macOS, Windows): the process's time, which a guard's bound still holds.
  }
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
