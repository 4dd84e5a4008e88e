import { Window } from "happy-dom";
import i18next from "i18next";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "~/utils/format";
import { resources } from "~/locales/resources";
import { i18nConfig } from "~/utils/i18n";
import { BoardVoteChart } from "./board-vote-chart";
import { FILLS } from "./chart-figure";
import { DeadlineTimeline } from "./deadline-timeline";
import { ShareChart } from "./share-chart";
import { TrailProgressChart } from "./trail-progress";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng: "nl" });
});

function render(element: ReactElement) {
  const window = new Window();
  window.document.body.innerHTML = renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
  return window.document;
}
type Doc = ReturnType<typeof render>;

/** The SVG's accessible name and description, from the elements its aria-labelledby points at. */
function accessible(doc: Doc) {
  const svgs = [...doc.querySelectorAll("svg[role='img']")];
  expect(svgs).toHaveLength(1);
  const svg = svgs[0]!;
  const [titleId, descId] = svg.getAttribute("aria-labelledby")!.split(" ");
  const title = doc.getElementById(titleId!)!;
  const desc = doc.getElementById(descId!)!;
  expect(title.tagName.toLowerCase()).toBe("title");
  expect(desc.tagName.toLowerCase()).toBe("desc");
  expect(title.parentElement).toBe(svg);
  // The table alternative sits in a <details> beside the image.
  const table = doc.querySelector("figure details table");
  expect(table).not.toBeNull();
  return { svg, name: title.textContent!, description: desc.textContent!, table: table! };
}

/** WCAG relative luminance contrast of a colour against white. */
function contrastWithWhite(hex: string) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (l + 0.05);
}

describe("the charts", () => {
  it("use fills of at least 3:1 against white that differ in pattern as well as colour", () => {
    for (const { colour } of Object.values(FILLS)) expect(contrastWithWhite(colour)).toBeGreaterThanOrEqual(3);
    const patterns = ["done", "open", "late", "refused"].map((g) => FILLS[g as keyof typeof FILLS].pattern);
    expect(new Set(patterns).size).toBe(4);
  });

  it("draw each trail's progress with an accessible name and a table holding the same counts", () => {
    const rows = [
      { id: "a", title: "Wijziging GR", progress: { done: 3, open: 4, late: 2, refused: 0 } },
      { id: "b", title: "Regiovisie", progress: { done: 9, open: 0, late: 0, refused: 1 } },
    ];
    const doc = render(<TrailProgressChart rows={rows} />);
    const { svg, name, description, table } = accessible(doc);
    expect(name).toBe("Voortgang per traject over de gemeenten");
    expect(description).toContain("Wijziging GR: 3 gedaan, 4 open, 2 te laat, 0 afgewezen.");
    for (const row of rows) {
      const tr = table.querySelector(`tr[data-trail="${row.title}"]`)!;
      for (const [group, count] of Object.entries(row.progress))
        expect(tr.querySelector(`td[data-group="${group}"]`)!.textContent).toBe(String(count));
    }
    // The SVG's segments hold the same counts, empty groups draw nothing.
    const drawn = [...svg.querySelectorAll("g[data-group]")].map(
      (g) => `${g.getAttribute("data-group")}:${g.getAttribute("data-count")}`,
    );
    expect(drawn).toEqual(["done:3", "open:4", "late:2", "done:9", "refused:1"]);
    // Open, late and refused are patterns, not colours alone.
    expect(svg.querySelector("g[data-group='late'] rect")!.getAttribute("fill")).toMatch(/^url\(#.+-late\)$/);
    expect(svg.querySelector("pattern[id$='-late']")).not.toBeNull();
  });

  it("draw each council's share with the same amounts as its table, the own share striped", () => {
    const shares = [
      { municipalityId: "d", name: "Delft", cents: 30000 },
      { municipalityId: "h", name: "Den Haag", cents: 50000 },
      { municipalityId: "r", name: "Rijswijk", cents: 20000 },
    ];
    const doc = render(<ShareChart title="Kosten (2024)" totalCents={100000} shares={shares} ownId="d" />);
    const { svg, name, description, table } = accessible(doc);
    expect(name).toBe("Kosten (2024)");
    expect(description).toContain(`Delft: ${formatMoney(30000, "nl")} (30 %).`);
    for (const s of shares) {
      expect(table.querySelector(`tr[data-municipality="${s.name}"] td[data-cents]`)!.getAttribute("data-cents")).toBe(
        String(s.cents),
      );
      expect(svg.querySelector(`g[data-municipality="${s.name}"]`)!.getAttribute("data-cents")).toBe(String(s.cents));
    }
    expect(svg.querySelector("g[data-municipality='Delft'] rect")!.getAttribute("fill")).toMatch(/^url\(#.+-own\)$/);
    // The bars are proportional: Den Haag's is the longest.
    const width = (n: string) => Number(svg.querySelector(`g[data-municipality="${n}"] rect`)!.getAttribute("width"));
    expect(width("Den Haag")).toBeGreaterThan(width("Delft"));
    expect(width("Delft") / width("Den Haag")).toBeCloseTo(0.6, 5);
  });

  it("draw a timeline that says which council has no meeting before its deadline", () => {
    const rows = [
      {
        municipalityId: "z",
        name: "Zoetermeer",
        dueOn: "2024-03-12",
        status: "open",
        meetings: ["2024-03-05"],
        noMeetingInTime: false,
      },
      { municipalityId: "d", name: "Delft", dueOn: "2024-03-11", status: "open", meetings: [], noMeetingInTime: true },
    ];
    const doc = render(<DeadlineTimeline title="Wijziging GR: termijnen" today="2024-02-01" rows={rows} />);
    const { svg, name, description, table } = accessible(doc);
    expect(name).toBe("Wijziging GR: termijnen");
    expect(description).toContain("Delft: termijn 11 maart 2024; geen raadsvergadering vóór de termijn");
    expect(table.querySelector("tr[data-municipality='Delft'] td[data-in-time]")!.getAttribute("data-in-time")).toBe(
      "false",
    );
    expect(table.querySelector("tr[data-municipality='Delft']")!.textContent).toContain(
      "Geen vergadering vóór de termijn",
    );
    expect(table.querySelector("tr[data-municipality='Zoetermeer']")!.textContent).toContain("5 maart 2024");
    expect(svg.querySelector("g[data-municipality='Delft']")!.getAttribute("data-no-meeting")).toBe("true");
    expect(svg.querySelector("g[data-municipality='Zoetermeer']")!.getAttribute("data-no-meeting")).toBe("false");
    // One meeting mark (with its date as a tooltip) on Zoetermeer's row.
    expect(svg.querySelectorAll("g[data-municipality='Zoetermeer'] path title")).toHaveLength(1);
  });

  it("draw a weighted vote with the same weights as its table and the line the votes for must pass", () => {
    const weights = { FOR: 600000, AGAINST: 300000, ABSTAIN: 50000, ABSENT: 50000 };
    const doc = render(<BoardVoteChart subject="Begroting" weights={weights} rule="QUALIFIED" adopted />);
    const { svg, name, description, table } = accessible(doc);
    expect(name).toBe("Begroting: gewogen stemmen");
    expect(description).toContain("voor 600.000, tegen 300.000");
    expect([...table.querySelectorAll("td[data-weight]")].map((td) => Number(td.getAttribute("data-weight")))).toEqual([
      600000, 300000, 50000, 50000,
    ]);
    // Two thirds of the 900,000 cast.
    expect(Number(svg.querySelector("g[data-needed]")!.getAttribute("data-needed"))).toBe(600000);
    expect([...svg.querySelectorAll("g[data-choice]")].map((g) => g.getAttribute("data-choice"))).toEqual([
      "FOR",
      "AGAINST",
      "ABSTAIN",
      "ABSENT",
    ]);
  });
});
