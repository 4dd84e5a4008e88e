/**
 * Opt-in event-loop statistics for benchmarks (bench/scale.ts): with H10_EVENT_LOOP_STATS=1 the server samples its
 * event-loop delay (perf_hooks.monitorEventLoopDelay) and, on SIGUSR2, prints one line to stdout,
 * `H10_EVENT_LOOP {"maxMs":…,"p99Ms":…,"meanMs":…}`, with the figures since the last such line, and starts
 * counting afresh. Off by default: without the variable nothing is sampled and no signal handler is installed.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

export const EVENT_LOOP_LINE = "H10_EVENT_LOOP";

export interface EventLoopStats {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
}

/** Starts sampling when `env.H10_EVENT_LOOP_STATS` is "1"; returns the reader (which resets), or null when off. */
export function startEventLoopStats(
  env: Record<string, string | undefined>,
  options: { signal?: NodeJS.Signals | null; write?: (line: string) => void } = {},
): (() => EventLoopStats) | null {
  if (env.H10_EVENT_LOOP_STATS !== "1") return null;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const read = (): EventLoopStats => {
    // No sample yet (right after a reset): 0, not NaN.
    const ms = (ns: number) => (Number.isFinite(ns) ? Math.round(ns / 1e4) / 100 : 0);
    const stats = { maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), meanMs: ms(histogram.mean) };
    histogram.reset();
    return stats;
  };
  const signal = options.signal === undefined ? "SIGUSR2" : options.signal;
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  if (signal) process.on(signal, () => write(`${EVENT_LOOP_LINE} ${JSON.stringify(read())}`));
  return read;
}
