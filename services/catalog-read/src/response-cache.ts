/** A serialized response and the catalog version whose data produced it. */
export interface CachedResponse {
  readonly version: number;
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** Rough bookkeeping cost of an entry beyond its body and key. */
const ENTRY_OVERHEAD_BYTES = 96;

/**
 * One entry per normalized request, least recently used evicted first, bounded in bytes. An entry of an
 * older version is a miss for fresh reads but remains the "last good response" to serve when no
 * database answers.
 */
export class ResponseCache {
  readonly #entries = new Map<string, CachedResponse>();
  #bytes = 0;
  /** The most recently used key: the entry Map order already has last. */
  #newest: string | undefined;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.#entries.get(key);
    if (entry && key !== this.#newest) {
      // Re-insert: Map order is the recency order.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      this.#newest = key;
    }
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    const cost = costOf(key, entry);
    if (cost > this.maxBytes) return;
    this.delete(key);
    this.#entries.set(key, entry);
    this.#newest = key;
    this.#bytes += cost;
    for (const [oldestKey] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.delete(oldestKey);
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= costOf(key, entry);
    if (key === this.#newest) this.#newest = undefined;
  }
}

function costOf(key: string, entry: CachedResponse): number {
  return entry.body.byteLength + key.length * 2 + ENTRY_OVERHEAD_BYTES;
}
