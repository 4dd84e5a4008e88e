import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import { explain, statementText } from "../../test/factories/query-plan";
import { amendmentWithDraftReceived, createTrail, demoActors } from "../../test/factories/trail";

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
  // Later test files in this worker load the modules again, without SMTP.
  delete process.env.SMTP_URL;
  vi.resetModules();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("notifications", () => {
  it("tells followers in the app what changed; without SMTP that is all, and not an error", async () => {
    const { sendTrailEvent } = await import("./trail-workflow.server");
    const { followTrail, listNotifications, unreadCount, markAllRead } = await import("./notification.server");
    const { deliverPendingEmails } = await import("./mail-outbox.server");
    const actors = await demoActors();
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const trail = await createTrail("GR_AMENDMENT", [delft.id]);
    const alderman = actors("wethouder.delft");
    await followTrail(alderman.id, trail.id);
    const result = await sendTrailEvent(
      { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-10" } },
      actors("secretaris"),
    );
    expect(result).toMatchObject({ ok: true });
    const { notifications } = await listNotifications(alderman.id);
    expect(notifications[0]).toMatchObject({ kind: "trailStep", trailId: trail.id, readAt: null });
    expect(JSON.parse(notifications[0]!.values)).toEqual({
      step: "DRAFT_SENT",
      by: "Beleidssecretaris Programmateam Jeugd",
      deadline: "zienswijze",
      dueOn: "2024-03-06",
      municipality: "Delft",
    });
    // The actor is not told about their own step, but follows the trail from now on.
    expect(await prisma.notification.count({ where: { userId: actors("secretaris").id, trailId: trail.id } })).toBe(0);
    expect(await prisma.trailFollow.count({ where: { userId: actors("secretaris").id, trailId: trail.id } })).toBe(1);
    expect(await deliverPendingEmails()).toBe(0);
    expect(await unreadCount(alderman.id)).toBeGreaterThan(0);
    await markAllRead(alderman.id);
    expect(await unreadCount(alderman.id)).toBe(0);
  });

  it("tells the griffie of every participating council of a new trail and a regional step, and of its own council's step", async () => {
    const { startTrail, sendTrailEvent } = await import("./trail-workflow.server");
    const actors = await demoActors();
    const started = await startTrail(
      {
        kind: "GR_AMENDMENT",
        title: "Wijziging GR Jeugdhulp Haaglanden: griffies op de hoogte",
        reference: `GR-GRIFFIE-${Date.now()}`,
        summary: "",
        startedOn: "2025-06-01",
      },
      actors("secretaris"),
    );
    if (!started.ok || !("trailId" in started)) throw new Error("not started");
    const trailId = started.trailId;
    const told = async (kind: string) =>
      (
        await prisma.notification.findMany({
          where: { trailId, kind },
          select: { user: { select: { email: true, role: true } } },
        })
      ).map((n) => n.user.email);
    const members = await prisma.trailParticipant.count({ where: { trailId } });
    const clerksOfMembers = await prisma.user.findMany({
      where: { role: "CLERK", disabledAt: null, municipality: { participations: { some: { trailId } } } },
      select: { email: true },
    });
    expect(clerksOfMembers.length).toBeGreaterThanOrEqual(members);
    // A new trail: every participating council's clerk, though none follows it yet; not the secretary who started it.
    const startedFor = await told("trailStarted");
    expect(startedFor.sort()).toEqual(clerksOfMembers.map((c) => c.email).sort());
    expect(startedFor).not.toContain("secretaris@h10.example");
    expect(startedFor).not.toContain("griffier.voorschoten@h10.example");
    // A regional step (the draft sent to the councils): every council's clerk again.
    await sendTrailEvent(
      { trailId, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2025-06-10" } },
      actors("secretaris"),
    );
    expect((await told("trailStep")).sort()).toEqual(clerksOfMembers.map((c) => c.email).sort());
    // A step for one council (Delft's council gives no view): Delft's clerk, and no other council's.
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    await prisma.notification.deleteMany({ where: { trailId } });
    const revision = (await prisma.trail.findUniqueOrThrow({ where: { id: trailId } })).revision;
    const result = await sendTrailEvent(
      {
        trailId,
        expectedRevision: revision,
        type: "NO_ZIENSWIJZE",
        municipalityId: delft.id,
        fields: { on: "2025-06-20" },
      },
      actors("secretaris"),
    );
    expect(result).toMatchObject({ ok: true });
    expect(await told("trailStep")).toEqual(["griffier.delft@h10.example"]);
  });

  it("tells every participating council's griffie of a target date and of a document sent, in words", async () => {
    const { setTargetDate } = await import("./trail-workflow.server");
    const { createDocument, sendRevision } = await import("./document.server");
    const { notificationText, notificationValues } = await import("./notification.server");
    const actors = await demoActors();
    const [delft, denHaag] = await Promise.all(
      ["delft", "den-haag"].map((slug) => prisma.municipality.findUniqueOrThrow({ where: { slug } })),
    );
    const trail = await createTrail("GR_AMENDMENT", [delft!.id, denHaag!.id]);
    const secretary = await prisma.user.findUniqueOrThrow({ where: { email: "secretaris@h10.example" } });
    const toldOf = async (kind: string) =>
      prisma.notification.findMany({
        where: { trailId: trail.id, kind },
        include: { user: { select: { email: true } }, trail: { select: { title: true } } },
      });
    expect(
      await setTargetDate({ trailId: trail.id, label: "Besluit BO Jeugd", dueOn: "2024-07-01" }, actors("secretaris")),
    ).toMatchObject({ ok: true });
    const target = await toldOf("targetSet");
    expect(target.map((n) => n.user.email).sort()).toEqual([
      "griffier.delft@h10.example",
      "griffier.den-haag@h10.example",
    ]);
    expect(notificationText(target[0]!.kind, notificationValues(target[0]!))).toBe(
      `${trail.title}: streefdatum Besluit BO Jeugd op 1 juli 2024 (door ${secretary.name})`,
    );
    // A letter to the councils: its first version is the step that asks them (told as that step); a second is
    // told as a document sent.
    const { saveRevision, getDocument } = await import("./document.server");
    const created = await createDocument(
      { trailId: trail.id, kind: "RAADSINFORMATIEBRIEF", title: "Raadsinformatiebrief voortgang" },
      actors("secretaris"),
    );
    const documentId = created.ok ? created.documentId : "";
    expect(await sendRevision({ documentId, revision: 1 }, actors("secretaris"))).toMatchObject({ ok: true });
    expect(await toldOf("documentSent")).toEqual([]);
    const content = JSON.stringify((await getDocument(documentId))!.content);
    expect(await saveRevision({ documentId, baseRevision: 1, content }, actors("secretaris"))).toMatchObject({
      revision: 2,
    });
    expect(await sendRevision({ documentId, revision: 2 }, actors("secretaris"))).toMatchObject({
      ok: true,
      step: null,
    });
    const sent = await toldOf("documentSent");
    expect(sent.map((n) => n.user.email).sort()).toEqual([
      "griffier.delft@h10.example",
      "griffier.den-haag@h10.example",
    ]);
    expect(notificationText(sent[0]!.kind, notificationValues(sent[0]!), "en")).toBe(
      `${trail.title}: Raadsinformatiebrief voortgang (revision 2) sent to the councils (by ${secretary.name})`,
    );
  });

  it("says in the step's own line which term it set for the councils, and to where a later receipt moved one", async () => {
    const { sendTrailEvent } = await import("./trail-workflow.server");
    const { followTrail, notificationText, notificationValues } = await import("./notification.server");
    const actors = await demoActors();
    const [delft, denHaag] = await Promise.all(
      ["delft", "den-haag"].map((slug) => prisma.municipality.findUniqueOrThrow({ where: { slug } })),
    );
    const trail = await createTrail("GR_AMENDMENT", [delft!.id, denHaag!.id]);
    await followTrail(actors("wethouder.delft").id, trail.id);
    const steps = () =>
      prisma.notification.findMany({
        where: { trailId: trail.id, kind: "trailStep" },
        include: { user: { select: { email: true } }, trail: { select: { title: true } } },
        orderBy: { user: { email: "asc" } },
      });
    await sendTrailEvent(
      { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-10" } },
      actors("secretaris"),
    );
    // Both councils' clerks and the follower: one line each, with the term (eight weeks) of both councils.
    const sent = await steps();
    expect(sent.map((n) => n.user.email)).toEqual([
      "griffier.delft@h10.example",
      "griffier.den-haag@h10.example",
      "wethouder.delft@h10.example",
    ]);
    expect(notificationText(sent[0]!.kind, notificationValues(sent[0]!))).toBe(
      `${trail.title}: Ontwerp naar de raden gestuurd (door Beleidssecretaris Programmateam Jeugd); ` +
        "Zienswijze op het ontwerp loopt tot 6 maart 2024",
    );
    // Delft's clerk records that the draft arrived a week later: Delft's term moves, Den Haag's does not. The
    // followers are told, with both dates and the council; not the clerk who recorded it, nor Den Haag's.
    await prisma.notification.deleteMany({ where: { trailId: trail.id } });
    await sendTrailEvent(
      {
        trailId: trail.id,
        expectedRevision: 1,
        type: "DRAFT_RECEIVED",
        municipalityId: delft!.id,
        fields: { on: "2024-01-17" },
      },
      actors("griffier.delft"),
    );
    const moved = await steps();
    expect(moved.map((n) => n.user.email)).toEqual(["secretaris@h10.example", "wethouder.delft@h10.example"]);
    expect(notificationText(moved[0]!.kind, notificationValues(moved[0]!), "en")).toMatch(
      /^Testtraject .*: .* \(by Griffie Delft\); View on the draft \(Delft\) moved from 6 March 2024 to 13 March 2024$/,
    );
    expect(await prisma.notification.count({ where: { trailId: trail.id, kind: { not: "trailStep" } } })).toBe(0);
  });

  it("e-mails the followers through SMTP when it is configured, once", async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    vi.resetModules();
    const { sendTrailEvent } = await import("./trail-workflow.server");
    const { followTrail } = await import("./notification.server");
    const { deliverPendingEmails } = await import("./mail-outbox.server");
    const actors = await demoActors();
    const rijswijk = await prisma.municipality.findUniqueOrThrow({ where: { slug: "rijswijk" } });
    const trail = await createTrail("GR_AMENDMENT", [rijswijk.id]);
    await followTrail(actors("griffier.rijswijk").id, trail.id);
    await sendTrailEvent(
      { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: "2024-01-10" } },
      actors("secretaris"),
    );
    await vi.waitFor(
      async () =>
        expect(await prisma.notification.count({ where: { trailId: trail.id, mailAfter: { not: null } } })).toBe(0),
      { timeout: 10_000 },
    );
    const mail = received.find((m) => m.to.includes("griffier.rijswijk@h10.example"));
    // Quoted-printable soft line breaks joined.
    expect(mail?.body.replace(/=\r\n/g, "")).toContain("Ontwerp naar de raden gestuurd");
    expect(await deliverPendingEmails()).toBe(0);
    delete process.env.SMTP_URL;
  });

  it("reminds followers and the council's clerks of deadlines due within a week and overdue, once each", async () => {
    const { followTrail, remindOfDeadlines, notificationText, notificationValues } =
      await import("./notification.server");
    const { fromDateInputValue } = await import("~/utils/format");
    const actors = await demoActors();
    const [delft, denHaag] = await Promise.all(
      ["delft", "den-haag"].map((slug) => prisma.municipality.findUniqueOrThrow({ where: { slug } })),
    );
    const trail = await createTrail("GR_AMENDMENT", [delft!.id, denHaag!.id]);
    const alderman = actors("wethouder.delft");
    await followTrail(alderman.id, trail.id);
    const due = (on: string) => fromDateInputValue(on);
    await prisma.deadline.createMany({
      data: [
        {
          trailId: trail.id,
          municipalityId: delft!.id,
          kind: "zienswijze",
          label: "zienswijze",
          dueAt: due("2024-03-11"),
        },
        {
          trailId: trail.id,
          municipalityId: denHaag!.id,
          kind: "zienswijze",
          label: "zienswijze",
          dueAt: due("2024-04-30"),
        },
        { trailId: trail.id, kind: "target", label: "Definitief voorstel naar het BO", dueAt: due("2024-03-05") },
        {
          trailId: trail.id,
          municipalityId: denHaag!.id,
          kind: "zienswijze",
          label: "zienswijze",
          dueAt: due("2024-03-08"),
          metAt: due("2024-03-07"),
        },
      ],
    });
    const mine = (userId: string) =>
      prisma.notification
        .findMany({ where: { userId, trailId: trail.id }, orderBy: { createdAt: "asc" } })
        .then((rows) => rows.map((n) => `${n.kind} ${JSON.parse(n.values).dueOn}`).sort());

    await remindOfDeadlines(new Date("2024-03-06T09:00:00+01:00"));
    // The follower hears of Delft's term (due in five days) and the passed target date; not of
    // Den Haag's term (eight weeks away) nor of a deadline that was met.
    expect(await mine(alderman.id)).toEqual(["deadlineDueSoon 2024-03-11", "deadlineOverdue 2024-03-05"]);
    // Delft's clerk does not follow the trail but hears of Delft's own deadline; Den Haag's clerk of nothing yet.
    expect(await mine(actors("griffier.delft").id)).toEqual(["deadlineDueSoon 2024-03-11"]);
    expect(await mine(actors("griffier.den-haag").id)).toEqual([]);

    // Running again (as a second instance would) adds nothing.
    await remindOfDeadlines(new Date("2024-03-06T15:00:00+01:00"));
    expect(await mine(alderman.id)).toHaveLength(2);

    // Once Delft's term has passed, one more reminder: overdue.
    await remindOfDeadlines(new Date("2024-03-12T09:00:00+01:00"));
    expect(await mine(actors("griffier.delft").id)).toEqual([
      "deadlineDueSoon 2024-03-11",
      "deadlineOverdue 2024-03-11",
    ]);

    const reminder = await prisma.notification.findFirstOrThrow({
      where: { userId: actors("griffier.delft").id, trailId: trail.id, kind: "deadlineOverdue" },
      include: { trail: { select: { title: true } } },
    });
    // The title is read through the trail, not stored in every reminder.
    expect(JSON.parse(reminder.values)).not.toHaveProperty("trail");
    expect(notificationText(reminder.kind, notificationValues(reminder))).toBe(
      `${trail.title}: Zienswijze op het ontwerp (Delft) is verlopen op 11 maart 2024`,
    );

    // A closed trail reminds no one.
    await prisma.trail.update({ where: { id: trail.id }, data: { closedAt: new Date("2024-03-20T00:00:00Z") } });
    const before = await prisma.notification.count({ where: { trailId: trail.id } });
    await remindOfDeadlines(new Date("2024-05-01T09:00:00+02:00"));
    expect(await prisma.notification.count({ where: { trailId: trail.id } })).toBe(before);
  });
  it("a reminder of a term that a later-logged step met after all is read: the list stops calling it overdue", async () => {
    const { followTrail, remindOfDeadlines } = await import("./notification.server");
    const { sendTrailEvent } = await import("./trail-workflow.server");
    const actors = await demoActors();
    const [delft, zoetermeer] = await Promise.all(
      ["delft", "zoetermeer"].map((slug) => prisma.municipality.findUniqueOrThrow({ where: { slug } })),
    );
    // Sent on 15 January 2024: both councils' eight weeks end on 11 March.
    const { trailId, revision } = await amendmentWithDraftReceived([delft!.id, zoetermeer!.id], actors("secretaris"));
    const alderman = actors("wethouder.delft");
    await followTrail(alderman.id, trailId);
    await remindOfDeadlines(new Date("2024-03-20T09:00:00+01:00"));
    const unread = (userId: string) =>
      prisma.notification
        .findMany({ where: { userId, trailId, kind: "deadlineOverdue", readAt: null } })
        .then((rows) => rows.map((n) => (JSON.parse(n.values) as { municipality: string }).municipality).sort());
    expect(await unread(actors("griffier.delft").id)).toEqual(["Delft"]);
    expect(await unread(alderman.id)).toEqual(["Delft", "Zoetermeer"]);

    // Delft's clerk logs the council's zienswijze of 5 March, before the end of its term.
    const given = await sendTrailEvent(
      {
        trailId,
        expectedRevision: revision,
        type: "ZIENSWIJZE_GIVEN",
        municipalityId: delft!.id,
        fields: { on: "2024-03-05" },
      },
      actors("griffier.delft"),
    );
    expect(given.ok).toBe(true);
    expect(await unread(actors("griffier.delft").id)).toEqual([]);
    expect(await unread(alderman.id)).toEqual(["Zoetermeer"]);
    expect(await unread(actors("griffier.zoetermeer").id)).toEqual(["Zoetermeer"]);
    // Closed, so that the rounds of the tests after this one in the file see none of its deadlines; and the e-mail
    // round the step started (SMTP is configured here) done, so that its statements are not counted there.
    await prisma.trail.update({ where: { id: trailId }, data: { closedAt: new Date("2024-03-21T00:00:00Z") } });
    const { deliveryRound } = await import("./mail-outbox.server");
    while (deliveryRound()) await deliveryRound();
  });

  it("reminds of many deadlines in batches: few statements, the event loop served between them, once each", async () => {
    const { followTrail, remindOfDeadlines, REMINDER_BATCH } = await import("./notification.server");
    const { fromDateInputValue } = await import("~/utils/format");
    const actors = await demoActors();
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const trail = await createTrail("GR_AMENDMENT", [delft.id]);
    const alderman = actors("wethouder.delft");
    await followTrail(alderman.id, trail.id);
    const now = new Date("2024-06-03T09:00:00+02:00");
    // The demo data's own deadlines are reminded of first, so the next round counts only this trail's.
    await remindOfDeadlines(now);
    const targets = 2 * REMINDER_BATCH + 201;
    await prisma.deadline.createMany({
      data: [
        ...Array.from({ length: targets }, (_, i) => ({
          trailId: trail.id,
          kind: "target",
          label: `Mijlpaal ${i}`,
          // Several share a date: the batches page by (dueAt, id), and skip none of them.
          dueAt: fromDateInputValue(["2024-05-01", "2024-06-05", "2024-06-07"][i % 3]!),
        })),
        {
          trailId: trail.id,
          municipalityId: delft.id,
          kind: "zienswijze",
          label: "zienswijze",
          dueAt: fromDateInputValue("2024-06-07"),
        },
      ],
    });

    // A timer that wants to run during the round gets its turns between the batches.
    let turns = 0;
    const probe = setInterval(() => (turns += 1), 0);
    const { result, queries } = await countQueries(() => remindOfDeadlines(now));
    clearInterval(probe);
    // The follower hears of every target date; the follower and Delft's clerk of Delft's term.
    expect(result).toBe(targets + 2);
    expect(await prisma.notification.count({ where: { trailId: trail.id, userId: alderman.id } })).toBe(targets + 1);
    expect(await prisma.notification.count({ where: { trailId: trail.id, userId: actors("griffier.delft").id } })).toBe(
      1,
    );
    // Set-based: a handful of statements a batch, not one INSERT a reminder.
    expect(queries).toBeLessThan(30);
    expect(turns).toBeGreaterThanOrEqual(2);

    // Two instances at once (one process here, interleaved on PostgreSQL) write each reminder once between them.
    await prisma.notification.deleteMany({ where: { trailId: trail.id } });
    const [a, b] = await Promise.all([remindOfDeadlines(now), remindOfDeadlines(now)]);
    expect(a + b).toBe(targets + 2);
    expect(await prisma.notification.count({ where: { trailId: trail.id } })).toBe(targets + 2);
    // The rows read back as Prisma writes them: the creation time is now, not the reminder's date.
    const newest = await prisma.notification.findFirstOrThrow({ where: { trailId: trail.id } });
    expect(Math.abs(newest.createdAt.getTime() - Date.now())).toBeLessThan(120_000);
  });
  it("settles a met term's reminders along Notification(userId, dedupeKey), not by reading every notification", async () => {
    const { settleRemindersQuery } = await import("./notification.server");
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const sql = statementText(
      settleRemindersQuery(
        "een-traject",
        [{ kind: "zienswijze", municipalityId: delft.id, dueOn: "2024-03-11" }],
        new Date("2024-03-20T08:00:00Z"),
      ),
    );
    const plan = await explain(sql);
    expect(plan).toContain("Notification_userId_dedupeKey_key");
    // SQLite: no SCAN of the table; PostgreSQL (sequential scans forbidden): no Seq Scan left that it had to take.
    expect(plan).not.toMatch(/SCAN Notification\b|Seq Scan on "?Notification/);
  });

  it("reads each batch of deadlines along the (dueAt, id) index, without sorting, on both engines", async () => {
    const { reminderBatchQuery } = await import("./notification.server");
    const query = reminderBatchQuery(new Date("2024-03-13T00:00:00Z"), {
      dueAt: new Date("2024-03-01T00:00:00Z"),
      id: "c-last-of-the-batch",
    });
    // The statement the round sends, with its values written in: a date as each engine stores it.
    const sql = statementText(query);
    // PostgreSQL's estimates on the tiny test tables make any sort look free: forbid sorting to see that the
    // index alone delivers the order (as the planner picks it on large tables).
    const plan = await explain(sql, { ordered: true });
    expect(plan).toContain("Deadline_dueAt_id_idx");
    // No sort of the remaining deadlines (SQLite: a temporary B-tree; PostgreSQL: a Sort node).
    expect(plan).not.toMatch(/TEMP B-TREE|Sort/);
  });
});
