import { describe, expect, it } from "vitest";
import { ByteCache } from "./byte-cache";

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe("ByteCache", () => {
  it("keeps values up to its total size, evicting the least recently used first", () => {
    const cache = new ByteCache(100);
    expect(cache.set("a", bytes(40, 1))).toBe(true);
    expect(cache.set("b", bytes(40, 2))).toBe(true);
    // Reading "a" makes "b" the least recently used.
    expect(cache.get("a")?.[0]).toBe(1);
    expect(cache.set("c", bytes(40, 3))).toBe(true);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.[0]).toBe(1);
    expect(cache.get("c")?.[0]).toBe(3);
    expect(cache.bytes).toBe(80);
    expect(cache.count).toBe(2);
  });

  it("never holds more than its limit, and refuses an entry over the entry limit without evicting others", () => {
    const cache = new ByteCache(100, 50);
    cache.set("a", bytes(30));
    cache.set("b", bytes(30));
    expect(cache.set("huge", bytes(60))).toBe(false);
    expect(cache.count).toBe(2);
    expect(cache.get("huge")).toBeUndefined();
    for (let i = 0; i < 20; i++) {
      cache.set(`k${i}`, bytes(10 + (i % 5) * 10));
      expect(cache.bytes).toBeLessThanOrEqual(100);
    }
  });

  it("replaces a key's value and counts its size once", () => {
    const cache = new ByteCache(100);
    cache.set("a", bytes(30, 1));
    cache.set("a", bytes(50, 2));
    expect(cache.bytes).toBe(50);
    expect(cache.get("a")?.[0]).toBe(2);
    cache.delete("a");
    cache.delete("missing");
    expect(cache.bytes).toBe(0);
    cache.set("b", bytes(10));
    cache.clear();
    expect(cache.count).toBe(0);
    expect(cache.bytes).toBe(0);
  });
});
