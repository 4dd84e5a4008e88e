import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { demoActors } from "../../test/factories/trail";
import { calendarFeed, rotateCalendarToken } from "./calendar-feed.server";
import { addMeeting } from "./meeting.server";

describe("the personal calendar feed (RFC 5545)", () => {
  it("lists the user's deadlines and council meetings as all-day events", async () => {
    const actors = await demoActors();
    const clerk = actors("griffier.zoetermeer");
    await addMeeting({ municipalityId: clerk.municipalityId!, bodyKind: "COUNCIL", date: "2024-03-05" }, clerk);
    const token = await rotateCalendarToken(clerk);
    const raw = (await calendarFeed(token, "https://h10.example"))!;
    // RFC 5545 folds lines longer than 75 octets; unfold to read them.
    expect(raw.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const feed = raw.replace(/\r\n[ \t]/g, "");
    expect(feed).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(feed).toContain("END:VCALENDAR");
    // Zoetermeer received the draft on 16 January 2024: its term ends 12 March.
    expect(feed).toMatch(/DTSTART;VALUE=DATE:20240312\r\n/);
    expect(feed).toContain("SUMMARY:Termijn zienswijze (Zoetermeer): Wijziging GR Servicebureau Jeugdhulp Haaglanden");
    expect(feed).toMatch(/DTSTART;VALUE=DATE:20240305\r\n/);
    expect(feed).toContain("Raadsvergadering Zoetermeer");
    // Another council's term is not in a clerk's feed; the regional target date is.
    expect(feed).not.toContain("(Delft)");
    expect(feed).toContain("Regeling in overeenstemming met de gewijzigde Wgr");
  });

  it("stops working for the old address when the secret is rotated, and refuses unknown tokens", async () => {
    const actors = await demoActors();
    const alderman = actors("wethouder.delft");
    const first = await rotateCalendarToken(alderman);
    expect(await calendarFeed(first, "https://h10.example")).not.toBeNull();
    const second = await rotateCalendarToken(alderman);
    expect(await calendarFeed(first, "https://h10.example")).toBeNull();
    expect(await calendarFeed(second, "https://h10.example")).not.toBeNull();
    expect(await calendarFeed("../../etc/passwd", "https://h10.example")).toBeNull();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: alderman.id } })).calendarTokenHash).not.toBe(second);
  });
});
