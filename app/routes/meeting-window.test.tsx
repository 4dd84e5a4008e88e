import { Window } from "happy-dom";
import i18next from "i18next";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { MeetingWindowAlarm, OwnMeetingWindowAlarm } from "~/components/meeting-window-alarm";
import { addMeeting } from "~/models/meeting.server";
import type { WindowAlarm } from "~/models/meeting-window.server";
import { sendTrailEvent } from "~/models/trail-workflow.server";
import { prisma } from "~/utils/db.server";
import { formatDate, toDateInputValue } from "~/utils/format";
import { resources } from "~/locales/resources";
import { i18nConfig } from "~/utils/i18n";
import { addDays } from "~workflows/shared/dates";
import { clientFor, get, outcome } from "../../test/factories/request";
import { createTrail, demoActors } from "../../test/factories/trail";
import { loader as dashboardLoader } from "./dashboard";
import { loader as overviewLoader } from "./overzicht";

async function render(element: ReactNode, lng: "nl" | "en") {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng });
  const window = new Window();
  window.document.body.innerHTML = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <StaticRouter location="/">{element}</StaticRouter>
    </I18nextProvider>,
  );
  return window.document;
}

const text = (node: { textContent: string | null } | null | undefined) => node?.textContent?.replace(/\s+/g, " ");

describe("the alarm of councils without a council meeting in their window (issue 19)", () => {
  it("shows the secretary the councils and the alderman their own council, in Dutch and English", async () => {
    const actors = await demoActors();
    const slug = async (s: string) => (await prisma.municipality.findUniqueOrThrow({ where: { slug: s } })).id;
    const [delft, rijswijk, wassenaar] = [await slug("delft"), await slug("rijswijk"), await slug("wassenaar")];
    // A GR amendment whose draft the councils receive today: eight weeks for a zienswijze.
    const today = toDateInputValue(new Date());
    const trail = await createTrail("GR_AMENDMENT", [delft, rijswijk, wassenaar], { startedOn: today });
    const sent = await sendTrailEvent(
      { trailId: trail.id, expectedRevision: 0, type: "DRAFT_SENT", fields: { on: today } },
      actors("secretaris"),
    );
    expect(sent).toMatchObject({ ok: true });
    const dueOn = toDateInputValue(
      (await prisma.deadline.findFirstOrThrow({ where: { trailId: trail.id, municipalityId: delft } })).dueAt,
    );
    // Rijswijk meets in the window; Delft and Wassenaar do not.
    expect(
      await addMeeting({ municipalityId: rijswijk, bodyKind: "COUNCIL", date: addDays(today, 14) }, actors("beheer")),
    ).toEqual({ ok: true });

    const secretary = await clientFor("secretaris@h10.example");
    const overview = await outcome(() =>
      overviewLoader({ request: get(secretary, "/overzicht"), params: {}, context: {} }),
    );
    expect(overview.status).toBe(200);
    const alarm = (overview.body as { pipeline: { withoutMeeting: WindowAlarm } }).pipeline.withoutMeeting;
    const ours = alarm.trails.find((t) => t.trailId === trail.id)!;
    expect(ours.councils.map((c) => c.name)).toEqual(["Delft", "Wassenaar"]);

    const nl = await render(<MeetingWindowAlarm alarm={alarm} />, "nl");
    expect(text(nl.querySelector("h2"))).toBe("Raden zonder raadsvergadering in hun termijn");
    const item = nl.querySelector(`li[data-trail="${trail.reference}"]`)!;
    expect(text(item)).toBe(
      `${trail.title}: 2 raden zonder raadsvergadering vóór de termijn (Delft, Wassenaar) — termijn tot en met ${formatDate(dueOn, "nl")}`,
    );
    expect(item.querySelector("a")?.getAttribute("href")).toBe(`/trajecten/${trail.id}`);
    const en = await render(<MeetingWindowAlarm alarm={alarm} />, "en");
    expect(text(en.querySelector(`li[data-trail="${trail.reference}"]`))).toBe(
      `${trail.title}: 2 councils without a council meeting before the deadline (Delft, Wassenaar) — deadline ${formatDate(dueOn, "en")}`,
    );
    // Without any, the secretary reads that every council can meet in time.
    const none = await render(<MeetingWindowAlarm alarm={{ trails: [], total: 0, more: 0 }} />, "nl");
    expect(text(none.querySelector("p"))).toContain("Elke raad met een lopende termijn heeft een raadsvergadering");

    // The alderman of Delft: our council has no meeting before its deadline on this trail.
    const alderman = await clientFor("wethouder.delft@h10.example");
    const dashboard = await outcome(() =>
      dashboardLoader({ request: get(alderman, "/dashboard"), params: {}, context: {} }),
    );
    expect(dashboard.status).toBe(200);
    const own = (dashboard.body as { dashboard: { own: { withoutMeeting: WindowAlarm } } }).dashboard.own
      .withoutMeeting;
    expect(own.trails.find((t) => t.trailId === trail.id)?.councils.map((c) => c.name)).toEqual(["Delft"]);
    const ownNl = await render(<OwnMeetingWindowAlarm alarm={own} />, "nl");
    expect(text(ownNl.querySelector(`li[data-trail="${trail.reference}"]`))).toBe(
      `Onze raad heeft geen vergadering tot en met ${formatDate(dueOn, "nl")} voor ${trail.title}`,
    );
    const ownEn = await render(<OwnMeetingWindowAlarm alarm={own} />, "en");
    expect(text(ownEn.querySelector("h2"))).toBe("No council meeting before the deadline");
    expect(text(ownEn.querySelector(`li[data-trail="${trail.reference}"]`))).toBe(
      `Our council has no meeting up to and including ${formatDate(dueOn, "en")} for ${trail.title}`,
    );

    // Rijswijk's alderman sees no alarm for this trail: the council meets in time.
    const rijswijkAlderman = await clientFor("wethouder.rijswijk@h10.example");
    const theirs = await outcome(() =>
      dashboardLoader({ request: get(rijswijkAlderman, "/dashboard"), params: {}, context: {} }),
    );
    const theirAlarm = (theirs.body as { dashboard: { own: { withoutMeeting: WindowAlarm } } }).dashboard.own
      .withoutMeeting;
    expect(theirAlarm.trails.map((t) => t.trailId)).not.toContain(trail.id);
  });
});
