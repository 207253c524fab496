/**
 * A small in-memory LRU of API answers, used in sandbox mode only. Keys carry
 * the data hour and the database's write generation, so an answer is reused
 * only while the data it came from is unchanged: the sandbox adds data once an
 * hour, and any write (a budget saved, an hour appended) moves the generation.
 * Identical requests that arrive while the first is being computed wait for
 * it instead of running the same query again.
 */
import type { Representation } from './representation.ts';

export class ResponseCache {
  private readonly entries = new Map<string, Representation>();
  private readonly pending = new Map<string, Promise<Representation>>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Representation | undefined {
    const rep = this.entries.get(key);
    if (rep) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, rep);
    }
    return rep;
  }

  set(key: string, rep: Representation): void {
    if (this.maxEntries <= 0 || rep.body.byteLength > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.body.byteLength;
      this.entries.delete(key);
    }
    this.entries.set(key, rep);
    this.bytes += rep.body.byteLength;
    for (const [k, r] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= r.body.byteLength;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /**
   * The cached answer for `key`, or the one being computed, or a new one from
   * `load` (stored if `keep` says so). `hit` says whether `load` was skipped.
   */
  async through(
    key: string,
    load: () => Promise<Representation>,
    keep: (rep: Representation) => boolean,
  ): Promise<{ rep: Representation; hit: boolean }> {
    const cached = this.get(key);
    if (cached) {
      this.hits++;
      return { rep: cached, hit: true };
    }
    const running = this.pending.get(key);
    if (running) {
      this.hits++;
      return { rep: await running, hit: true };
    }
    this.misses++;
    const loading = load().then((rep) => {
      if (keep(rep)) this.set(key, rep);
      return rep;
    });
    this.pending.set(key, loading);
    try {
      return { rep: await loading, hit: false };
    } finally {
      this.pending.delete(key);
    }
  }
}
