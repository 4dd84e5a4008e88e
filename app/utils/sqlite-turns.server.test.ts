import { describe, expect, it } from "vitest";
import { prisma } from "./db.server";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the database client takes turns with the rest of the server", () => {
  it("gives the event loop back before a statement, so a health check waiting behind a request runs first", async () => {
    // What was due when the request began (a probe's connection, a timer) runs before the request's first statement.
    let turns = 0;
    const tick = () => setImmediate(() => (turns += 1));
    tick();
    await prisma.loginAttempt.findMany({ take: 1 });
    expect(turns).toBe(1);
    // Three requests of twenty statements each, all at once: a probe scheduled once per turn keeps running
    // between their statements instead of after all sixty.
    let probes = 0;
    let running = true;
    const probe = () =>
      setImmediate(() => {
        probes += 1;
        if (running) probe();
      });
    probe();
    await Promise.all(
      [1, 2, 3].map(async () => {
        for (let i = 0; i < 20; i++) await prisma.loginAttempt.count({ where: { email: "niemand@h10.example" } });
      }),
    );
    running = false;
    expect(probes).toBeGreaterThanOrEqual(20);
  });

  it("keeps a statement from outside out of a transaction that is open, so it is not rolled back with it", async () => {
    const email = `beurt-${Date.now()}@h10.example`;
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const transaction = prisma.$transaction(async (tx) => {
      await tx.loginAttempt.create({ data: { email, ip: "127.0.0.1", success: false } });
      opened();
      // The transaction waits for something outside the database (a timer here): other requests run meanwhile.
      await pause(60);
      throw new Error("the transaction fails and rolls back");
    });
    // Sent while the transaction is open, whatever the machine's load.
    const outside = (async () => {
      await isOpen;
      return prisma.loginAttempt.create({ data: { email, ip: "127.0.0.2", success: true } });
    })();
    await expect(transaction).rejects.toThrow("rolls back");
    await outside;
    const stored = await prisma.loginAttempt.findMany({ where: { email }, select: { ip: true } });
    expect(stored).toEqual([{ ip: "127.0.0.2" }]);
  });

  it("commits or rolls back each of the transactions sent together on its own, whether or not they share a commit", async () => {
    const email = `samen-${Date.now()}@h10.example`;
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        prisma.$transaction(async (tx) => {
          await tx.loginAttempt.create({ data: { email, ip: `127.0.0.${i + 1}`, success: true } });
          // Another request's turn in between, as a request's JavaScript gives it.
          await new Promise((resolve) => setImmediate(resolve));
          if (i === 3) throw new Error("the fourth fails");
          await tx.loginAttempt.create({ data: { email, ip: `127.0.1.${i + 1}`, success: true } });
          return i;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      ...Array(3).fill("fulfilled"),
      "rejected",
      ...Array(4).fill("fulfilled"),
    ]);
    const stored = await prisma.loginAttempt.findMany({ where: { email }, select: { ip: true } });
    expect(stored.map((s) => s.ip).sort()).toEqual(
      [1, 2, 3, 5, 6, 7, 8].flatMap((n) => [`127.0.0.${n}`, `127.0.1.${n}`]).sort(),
    );
  });
});
