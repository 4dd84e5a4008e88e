/**
 * The next turn of the event loop: timers and I/O that are due (another request, a health check) run first. Long
 * jobs await it between batches; the SQLite adapter before each statement (sqlite-turns.server.ts).
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
