import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { yieldToEventLoop } from "./event-loop";

type Factory = PrismaBetterSqlite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

/**
 * better-sqlite3 answers a query synchronously, so Prisma's promise for it resolves in the same microtask drain.
 * A request's loader then runs from its first query to its last without giving the event loop back, and requests
 * that arrived together run one after another in one block: `/health` waited for all of them (397 ms behind four
 * secretary overviews at 10,000 trails, issue 17). This adapter takes a turn of the event loop before each
 * statement outside a transaction and before a transaction starts, so the longest block is one statement and the
 * JavaScript around it, and what is waiting (a health check, another request's next statement) runs in between.
 *
 * A transaction keeps the connection to itself: once it has started, its statements run without a turn (as
 * before, so a transaction is as short as it was and Prisma's wait for the next one does not grow), and a
 * statement from outside waits until it has committed or rolled back. Without that wait, a turn inside another
 * request's transaction would let a statement run in it, and be rolled back with it.
 */
export function takingTurns(factory: Factory): Factory {
  const connect = async (inner: Adapter): Promise<Adapter> => {
    /** Settles when the open transaction has ended; null when none is open. */
    let open: Promise<void> | null = null;
    const ready = async () => {
      await yieldToEventLoop();
      while (open) await open;
    };
    const adapter: Adapter = Object.create(inner as object) as Adapter;
    return Object.assign(adapter, {
      provider: inner.provider,
      adapterName: inner.adapterName,
      async queryRaw(query: Query) {
        await ready();
        return inner.queryRaw(query);
      },
      async executeRaw(query: Query) {
        await ready();
        return inner.executeRaw(query);
      },
      async executeScript(script: string) {
        await ready();
        return inner.executeScript(script);
      },
      async startTransaction(isolationLevel?: Parameters<Adapter["startTransaction"]>[0]) {
        await ready();
        let end!: () => void;
        open = new Promise<void>((resolve) => (end = resolve));
        const ended = () => {
          open = null;
          end();
        };
        let transaction: Transaction;
        try {
          transaction = await inner.startTransaction(isolationLevel);
        } catch (error) {
          ended();
          throw error;
        }
        const wrapped: Transaction = Object.create(transaction as object) as Transaction;
        return Object.assign(wrapped, {
          options: transaction.options,
          provider: transaction.provider,
          adapterName: transaction.adapterName,
          queryRaw: (query: Query) => transaction.queryRaw(query),
          executeRaw: (query: Query) => transaction.executeRaw(query),
          async commit() {
            try {
              await transaction.commit();
            } finally {
              ended();
            }
          },
          async rollback() {
            try {
              await transaction.rollback();
            } finally {
              ended();
            }
          },
        });
      },
      dispose: () => inner.dispose(),
    });
  };
  return eachConnection(factory, connect);
}

/** The adapter factory whose connections (the database's and the shadow database's) pass through `change`. */
export function eachConnection(factory: Factory, change: (adapter: Adapter) => Adapter | Promise<Adapter>): Factory {
  const wrapped: Factory = Object.create(factory as object) as Factory;
  return Object.assign(wrapped, {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => change(await factory.connect()),
    connectToShadowDb: async () => change(await factory.connectToShadowDb()),
  });
}
