import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTrail, demoActors } from "../../test/factories/trail";

const received: { to: string[]; body: string }[] = [];
let smtp: SMTPServer;

beforeAll(async () => {
  // A local SMTP listener on loopback receives what the app sends.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("notifications", () => {
  it("tells followers in the app what changed; without SMTP that is all, and not an error", async () => {
    const { sendTrailEvent } = await import("./trail-workflow.server");
    const { followTrail, deliverPendingEmails, listNotifications, unreadCount, markAllRead } = await import("./notification.server");
    const actors = await demoActors();
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const trail = await createTrail("GR_AMENDMENT", [delft.id]);
    const alderman = actors("wethouder.delft");
    await followTrail(alderman.id, trail.id);
    const result = await sendTrailEvent({ trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-10" } }, actors("secretaris"));
    expect(result).toMatchObject({ ok: true });
    const notifications = await listNotifications(alderman.id);
    expect(notifications[0]).toMatchObject({ kind: "trailStep", trailId: trail.id, readAt: null });
    expect(JSON.parse(notifications[0]!.values)).toMatchObject({ step: "DRAFT_SENT", by: "Beleidssecretaris Programmateam Jeugd" });
    // The actor is not told about their own step, but follows the trail from now on.
    expect(await prisma.notification.count({ where: { userId: actors("secretaris").id, trailId: trail.id } })).toBe(0);
    expect(await prisma.trailFollow.count({ where: { userId: actors("secretaris").id, trailId: trail.id } })).toBe(1);
    expect(await deliverPendingEmails()).toBe(0);
    expect(await unreadCount(alderman.id)).toBeGreaterThan(0);
    await markAllRead(alderman.id);
    expect(await unreadCount(alderman.id)).toBe(0);
  });

  it("e-mails the followers through SMTP when it is configured, once", async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    vi.resetModules();
    const { sendTrailEvent } = await import("./trail-workflow.server");
    const { followTrail, deliverPendingEmails } = await import("./notification.server");
    const actors = await demoActors();
    const rijswijk = await prisma.municipality.findUniqueOrThrow({ where: { slug: "rijswijk" } });
    const trail = await createTrail("GR_AMENDMENT", [rijswijk.id]);
    await followTrail(actors("griffier.rijswijk").id, trail.id);
    await prisma.notification.updateMany({ where: { emailedAt: null }, data: { emailedAt: new Date() } });
    await sendTrailEvent({ trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-10" } }, actors("secretaris"));
    await vi.waitFor(async () => expect(await prisma.notification.count({ where: { trailId: trail.id, emailedAt: null } })).toBe(0));
    const mail = received.find((m) => m.to.includes("griffier.rijswijk@h10.example"));
    // Quoted-printable soft line breaks joined.
    expect(mail?.body.replace(/=\r\n/g, "")).toContain("Ontwerp naar de raden gestuurd");
    expect(await deliverPendingEmails()).toBe(0);
    delete process.env.SMTP_URL;
  });
});
