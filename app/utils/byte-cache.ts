/**
 * A least-recently-used map of byte strings bounded by their total size: putting one evicts the least recently
 * used until the rest fit. An entry larger than `entryLimit` is not kept at all, so one huge value cannot empty the
 * cache. For responses that are costly to write and identified by a validator (an ETag): the same key is the same
 * bytes, so an entry never needs invalidating; entries for old keys age out.
 */
export class ByteCache {
  private readonly entries = new Map<string, Uint8Array>();
  private size = 0;

  constructor(
    readonly limit: number,
    readonly entryLimit = limit,
  ) {}

  get bytes(): number {
    return this.size;
  }

  get count(): number {
    return this.entries.size;
  }

  get(key: string): Uint8Array | undefined {
    const value = this.entries.get(key);
    if (value) {
      // Most recently used last: a Map iterates in insertion order.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Keeps the value unless it is over the entry limit; true when kept. */
  set(key: string, value: Uint8Array): boolean {
    this.delete(key);
    if (value.byteLength > this.entryLimit || value.byteLength > this.limit) return false;
    for (const [oldest] of this.entries) {
      if (this.size + value.byteLength <= this.limit) break;
      this.delete(oldest);
    }
    this.entries.set(key, value);
    this.size += value.byteLength;
    return true;
  }

  delete(key: string) {
    const value = this.entries.get(key);
    if (!value) return;
    this.entries.delete(key);
    this.size -= value.byteLength;
  }

  clear() {
    this.entries.clear();
    this.size = 0;
  }
}
