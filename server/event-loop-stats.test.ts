import { describe, expect, it } from "vitest";
import { EVENT_LOOP_LINE, startEventLoopStats } from "./event-loop-stats";

describe("the event-loop statistics for benchmarks", () => {
  it("are off by default: nothing is sampled and no SIGUSR2 handler is installed", () => {
    const before = process.listenerCount("SIGUSR2");
    for (const value of [undefined, "", "0", "true"])
      expect(startEventLoopStats({ H10_EVENT_LOOP_STATS: value }), String(value)).toBeNull();
    expect(process.listenerCount("SIGUSR2")).toBe(before);
  });

  it("with H10_EVENT_LOOP_STATS=1 report the longest block since the last report, on the signal too", async () => {
    const lines: string[] = [];
    const before = process.listeners("SIGUSR2");
    const read = startEventLoopStats({ H10_EVENT_LOOP_STATS: "1" }, { write: (line) => lines.push(line) })!;
    expect(process.listenerCount("SIGUSR2")).toBe(before.length + 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const busyUntil = Date.now() + 120;
    while (Date.now() < busyUntil); // block the loop for 120 ms
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(read().maxMs).toBeGreaterThanOrEqual(100);
    // Read once, it counts afresh.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(read().maxMs).toBeLessThan(100);
    process.emit("SIGUSR2", "SIGUSR2");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${EVENT_LOOP_LINE} \\{"maxMs":[\\d.]+,"p99Ms":[\\d.]+,"meanMs":[\\d.]+\\}$`));
    for (const listener of process.listeners("SIGUSR2"))
      if (!before.includes(listener)) process.off("SIGUSR2", listener);
  });
});
