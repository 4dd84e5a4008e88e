import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { yieldToEventLoop } from "./event-loop";

type Factory = PrismaBetterSqlite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

/** At most this many transactions share one commit, so that statements from outside wait a bounded time. */
export const GROUP_LIMIT = 16;

const sql = (text: string): Query => ({ sql: text, args: [], argTypes: [] });

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
 *
 * Transactions that queue while one runs share its commit (a group commit). With synchronous=FULL each COMMIT
 * waits for the disk: 2 ms of the 7 ms a position took, measured in-process. The group is one SQLite transaction,
 * and each of Prisma's transactions in it a savepoint, so its rollback undoes only its own statements. Its commit
 * releases the savepoint and resolves once the group's COMMIT is on disk: nobody hears "saved" before that, and
 * when that COMMIT fails, every member's commit fails. The group commits:
 * - one turn of the event loop after a member ended with no other transaction waiting (a request that was about
 *   to start one joins it in that turn);
 * - after GROUP_LIMIT members;
 * - at once after a rollback. An error that made SQLite abandon the whole transaction then fails the members
 *   before it, never ones after it.
 * Statements from outside wait for the group, as they waited for one transaction. A member runs after the ones
 * before it and sees what they wrote, as it would have one commit later.
 */
export function takingTurns(factory: Factory): Factory {
  const connect = async (inner: Adapter): Promise<Adapter> => {
    /** Settles when the open group has committed or rolled back; null when none is open. */
    let open: Promise<void> | null = null;
    const ready = async () => {
      await yieldToEventLoop();
      while (open) await open;
    };

    interface Group {
      transaction: Transaction;
      members: number;
      /** A member is running; the others wait in `waiting`. */
      busy: boolean;
      closing: boolean;
      /** The members that committed, waiting for the group's COMMIT. */
      committed: { resolve: () => void; reject: (error: unknown) => void }[];
      end: () => void;
    }
    let group: Group | null = null;
    /** Settles when the group being started is open (or failed to start). */
    let starting: Promise<unknown> | null = null;
    /** Transactions waiting to run in the open group after its running member. */
    const waiting: (() => void)[] = [];

    const finish = async (current: Group): Promise<void> => {
      current.closing = true;
      const members = current.committed.splice(0);
      try {
        await current.transaction.executeRaw(sql("COMMIT"));
        await current.transaction.commit();
        for (const member of members) member.resolve();
      } catch (error) {
        await current.transaction.executeRaw(sql("ROLLBACK")).catch(() => undefined);
        await current.transaction.rollback().catch(() => undefined);
        for (const member of members) member.reject(error);
      } finally {
        group = null;
        open = null;
        current.end();
        for (const next of waiting.splice(0)) next();
      }
    };

    /**
     * A member is done: the next waiting transaction runs, or, when none waits, the group gives the event loop one
     * turn (a request that was about to start a transaction joins it) and then commits.
     */
    const memberEnded = (current: Group, rolledBack: boolean): Promise<void> => {
      current.busy = false;
      if (rolledBack || current.members >= GROUP_LIMIT) return finish(current);
      if (waiting.length) waiting.shift()!();
      else
        setImmediate(() => {
          if (!current.busy && !current.closing && !waiting.length) void finish(current);
        });
      return Promise.resolve();
    };

    const join = async (current: Group): Promise<Transaction> => {
      current.busy = true;
      current.members += 1;
      // Members run one after another, each released or rolled back before the next starts, so they can share one
      // name: the same three SQL texts each time, prepared once (sqlite-statements.server.ts).
      const savepoint = "h10_member";
      try {
        await current.transaction.executeRaw(sql(`SAVEPOINT ${savepoint}`));
      } catch (error) {
        await memberEnded(current, true);
        throw error;
      }
      const { transaction } = current;
      let ended = false;
      const member: Transaction = Object.create(transaction as object) as Transaction;
      return Object.assign(member, {
        // Prisma sends no COMMIT or ROLLBACK of its own: it calls commit() and rollback() below.
        options: { ...transaction.options, usePhantomQuery: true },
        provider: transaction.provider,
        adapterName: transaction.adapterName,
        queryRaw: (query: Query) => transaction.queryRaw(query),
        executeRaw: (query: Query) => transaction.executeRaw(query),
        async commit() {
          if (ended) return;
          ended = true;
          try {
            await transaction.executeRaw(sql(`RELEASE SAVEPOINT ${savepoint}`));
          } catch (error) {
            await transaction.executeRaw(sql(`ROLLBACK TO SAVEPOINT ${savepoint}`)).catch(() => undefined);
            await memberEnded(current, true);
            throw error;
          }
          const durable = new Promise<void>((resolve, reject) => current.committed.push({ resolve, reject }));
          await memberEnded(current, false);
          await durable;
        },
        async rollback() {
          if (ended) return;
          ended = true;
          try {
            await transaction.executeRaw(sql(`ROLLBACK TO SAVEPOINT ${savepoint}`));
            await transaction.executeRaw(sql(`RELEASE SAVEPOINT ${savepoint}`));
          } finally {
            await memberEnded(current, true);
          }
        },
      });
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
        await yieldToEventLoop();
        for (;;) {
          const current = group;
          if (starting) await starting.catch(() => undefined);
          else if (!current) break;
          else if (current.closing || current.members >= GROUP_LIMIT) await open;
          else if (current.busy) await new Promise<void>((resolve) => waiting.push(resolve));
          else return join(current);
        }
        let end!: () => void;
        open = new Promise<void>((resolve) => (end = resolve));
        const begun = inner.startTransaction(isolationLevel);
        starting = begun;
        let transaction: Transaction;
        try {
          transaction = await begun;
        } catch (error) {
          open = null;
          end();
          throw error;
        } finally {
          starting = null;
        }
        const started: Group = { transaction, members: 0, busy: false, closing: false, committed: [], end };
        group = started;
        return join(started);
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
