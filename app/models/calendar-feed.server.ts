/**
 * A user's deadlines and council meetings as an iCalendar (RFC 5545) feed,
 * built with ical-generator. The feed address carries a per-user secret; only
 * its hash is stored, and rotating it makes the old address stop working.
 */
import crypto from "node:crypto";
import ical from "ical-generator";
import { prisma } from "~/utils/db.server";
import { formatDate, toDateInputValue } from "~/utils/format";
import { isMilestone } from "../../workflows/deadlines";
import type { Actor } from "~/utils/permissions";
import { appendEvent } from "./event.server";

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function rotateCalendarToken(actor: Actor): Promise<string> {
  const token = crypto.randomBytes(24).toString("base64url");
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { calendarTokenHash: hash(token) } });
    await appendEvent(tx, { type: "calendar_feed.rotated", actor, payload: {} });
  });
  return token;
}

export async function hasCalendarToken(userId: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { calendarTokenHash: true } });
  return Boolean(user?.calendarTokenHash);
}

/** All-day events sit on their calendar day whatever the reader's time zone. */
const day = (date: string) => new Date(`${date}T12:00:00Z`);

/** The feed for the token's user, or null when the token is unknown. */
export async function calendarFeed(token: string, origin: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const user = await prisma.user.findUnique({
    where: { calendarTokenHash: hash(token) },
    include: { municipality: true },
  });
  if (!user || user.disabledAt) return null;
  // Municipal users see their own municipality's deadlines and the regional ones; others see all.
  const scope = user.municipalityId ? { OR: [{ municipalityId: user.municipalityId }, { municipalityId: null }] } : {};
  const [deadlines, meetings] = await Promise.all([
    prisma.deadline.findMany({
      where: { ...scope, trail: { closedAt: null } },
      include: { trail: { select: { id: true, title: true } }, municipality: { select: { name: true } } },
      orderBy: { dueAt: "asc" },
    }),
    prisma.councilMeeting.findMany({
      where: user.municipalityId ? { municipalityId: user.municipalityId } : {},
      include: { municipality: { select: { name: true } } },
      orderBy: { date: "asc" },
    }),
  ]);
  const calendar = ical({
    name: `H10 Besluitvorming — ${user.name}`,
    prodId: { company: "H10 Haaglanden", product: "besluitvorming", language: "NL" },
  });
  for (const d of deadlines) {
    const dueOn = toDateInputValue(d.dueAt);
    const metOn = d.metAt ? toDateInputValue(d.metAt) : null;
    const what =
      d.kind === "target"
        ? d.label
        : d.kind === "zienswijze"
          ? "Termijn zienswijze"
          : d.kind === "exitNotice"
            ? "Uiterste datum opzegging uittreding"
            : "Uittreding gaat in";
    const status = isMilestone(d.kind)
      ? "Ingangsdatum, geen termijn"
      : metOn
        ? metOn > dueOn
          ? `TE LAAT: gegeven op ${formatDate(metOn)}, na de termijn`
          : `Gehaald op ${formatDate(metOn)}`
        : null;
    const extended = d.extendedFrom
      ? `Termijn eindigde op ${formatDate(toDateInputValue(d.extendedFrom))}; verlengd tot ${formatDate(dueOn)} (Algemene termijnenwet, art. 1)`
      : null;
    calendar.createEvent({
      id: `deadline-${d.id}@h10`,
      start: day(dueOn),
      allDay: true,
      summary: `${metOn && metOn > dueOn ? "[te laat] " : ""}${what}${d.municipality ? ` (${d.municipality.name})` : ""}: ${d.trail.title}`,
      description: [d.basis, extended, status].filter(Boolean).join("\n"),
      url: `${origin}/trajecten/${d.trail.id}`,
    });
  }
  for (const m of meetings) {
    calendar.createEvent({
      id: `meeting-${m.id}@h10`,
      start: day(toDateInputValue(m.date)),
      allDay: true,
      summary: `${m.bodyKind === "COUNCIL" ? "Raadsvergadering" : "Commissievergadering"} ${m.municipality.name}`,
      description: m.note ?? "",
    });
  }
  return calendar.toString();
}
