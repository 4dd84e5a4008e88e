import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { appendEvent, GENESIS_HASH, verifyEventChain } from "./event.server";

describe("the audit trail's hash chain", () => {
  it("links every event to the one before, starting from the genesis hash", async () => {
    const first = await prisma.event.findFirstOrThrow({ orderBy: { sequence: "asc" } });
    expect(first.prevHash).toBe(GENESIS_HASH);
    const appended = await prisma.$transaction((tx) => appendEvent(tx, { type: "test.one", payload: { b: 2, a: 1 } }));
    const previous = await prisma.event.findFirstOrThrow({
      where: { sequence: { lt: appended.sequence } },
      orderBy: { sequence: "desc" },
    });
    expect(appended.prevHash).toBe(previous.hash);
    // Payload is canonical JSON: keys sorted.
    expect(appended.payload).toBe('{"a":1,"b":2}');
    expect(await verifyEventChain()).toMatchObject({ ok: true });
  });

  it("reports the first event whose content was changed", async () => {
    const target = await prisma.$transaction((tx) =>
      appendEvent(tx, { type: "test.tamper", payload: { amount: 213000 } }),
    );
    await prisma.$transaction((tx) => appendEvent(tx, { type: "test.after", payload: {} }));
    await prisma.event.update({ where: { sequence: target.sequence }, data: { payload: '{"amount":1}' } });
    const report = await verifyEventChain();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({
      sequence: target.sequence,
      reason: "hash does not match the event's content",
    });
  });

  it("reports a removed event as a broken link", async () => {
    // This worker's database may already be broken by the test above; start from a clean chain.
    await prisma.event.deleteMany({});
    const a = await prisma.$transaction((tx) => appendEvent(tx, { type: "test.a", payload: {} }));
    const b = await prisma.$transaction((tx) => appendEvent(tx, { type: "test.b", payload: {} }));
    const c = await prisma.$transaction((tx) => appendEvent(tx, { type: "test.c", payload: {} }));
    expect(await verifyEventChain()).toEqual({ ok: true, checked: 3 });
    await prisma.event.delete({ where: { sequence: b.sequence } });
    const report = await verifyEventChain();
    expect(report.firstBroken?.sequence).toBe(c.sequence);
    expect(report.checked).toBe(1);
    expect(a.prevHash).toBe(GENESIS_HASH);
  });
});
