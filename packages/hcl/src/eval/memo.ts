import type { RefSink } from './scope.js';

interface Entry<T> {
  readonly value: T;
  readonly refs: RefSink;
}

/**
 * Lazily computed, remembered values (locals, variables, outputs, resource bodies). A value computed
 * once keeps the resource addresses it read, and hands them to every later reader. Asking for a
 * value while it is being computed is a cycle: `onCycle` answers instead.
 */
export class Memo<T> {
  private readonly done = new Map<string, Entry<T>>();
  private readonly pending = new Set<string>();
  /**
   * Values whose computation hit an engine limit (the stack, the largest string): asking again
   * fails again at once, instead of going as deep once more (see `withinLimits`).
   */
  private readonly failed = new Map<string, unknown>();

  get(key: string, sink: RefSink, compute: (sink: RefSink) => T, onCycle: () => T): T {
    const entry = this.done.get(key) ?? this.compute(key, compute);
    if (!entry) return onCycle();
    for (const ref of entry.refs) sink.add(ref);
    return entry.value;
  }

  private compute(key: string, compute: (sink: RefSink) => T): Entry<T> | undefined {
    if (this.failed.has(key)) throw this.failed.get(key);
    if (this.pending.has(key)) return undefined;
    this.pending.add(key);
    const refs: RefSink = new Set();
    try {
      const entry = { value: compute(refs), refs };
      this.done.set(key, entry);
      return entry;
    } catch (error) {
      if (error instanceof RangeError) this.failed.set(key, error);
      throw error;
    } finally {
      this.pending.delete(key);
    }
  }
}
