import i18next from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { resources } from "~/locales/resources";
import type { TimelineEvent } from "~/utils/event-sentence";
import { i18nConfig } from "~/utils/i18n";
import { Timeline } from "./timeline";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng: "nl" });
});

const event = (sequence: number, type: string): TimelineEvent => ({
  sequence,
  type,
  at: "2024-01-10T09:00:00.000Z",
  actor: { name: "Secretaris H10", role: "SECRETARY", municipality: null },
  council: null,
  document: null,
  meetingOn: null,
  state: null,
  details: {},
});

/** The chain's line above the timeline, as text, in a language. */
async function chainLine(lng: string, checked: number, events: TimelineEvent[]) {
  await i18n.changeLanguage(lng);
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <Timeline events={events} chain={{ ok: true, checked }} />
    </I18nextProvider>,
  );
  return /<p[^>]*h10-chain-status[^>]*>(.*?)<\/p>/s.exec(html)![1]!.replace(/<[^>]+>/g, "");
}

describe("the audit chain's line above a trail's timeline", () => {
  it("counts one event in the singular", async () => {
    const line = await chainLine("nl", 1, [event(1, "trail.created")]);
    expect(line).toBe(
      "✓ Auditketen geverifieerd: de ene gebeurtenis van dit traject is ongewijzigd en sluit aan op de keten.",
    );
    expect(await chainLine("en", 1, [event(1, "trail.created")])).toContain("the one event of this trail is unchanged");
  });

  it("says why the list below has fewer lines than the chain has events: a position and its step are one line", async () => {
    const shown = [event(1, "trail.created"), event(2, "workflow.DRAFT_SENT"), event(4, "position.logged")];
    const line = await chainLine("nl", 4, shown);
    expect(line).toContain("de 4 gebeurtenissen van dit traject");
    expect(line).toContain(
      "Hieronder staan ze in 3 regels: een standpunt en de stap die het zette, zijn samen één regel.",
    );
    const en = await chainLine("en", 5, shown);
    expect(en).toContain("the 5 events of this trail");
    expect(en).toContain("Below they take 3 lines");
    expect(en).toContain("(2 times)");
  });

  it("says nothing more when every event has a line of its own", async () => {
    const line = await chainLine("nl", 2, [event(1, "trail.created"), event(2, "workflow.DRAFT_SENT")]);
    expect(line).not.toContain("Hieronder");
  });
});
