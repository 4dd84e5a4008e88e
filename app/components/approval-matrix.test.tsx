import i18next from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { StaticRouter } from "react-router-dom/server";
import { Window } from "happy-dom";
import { beforeAll, describe, expect, it } from "vitest";
import type { MatrixCell, MatrixRow } from "~/utils/approval-matrix";
import { resources } from "~/locales/resources";
import { i18nConfig } from "~/utils/i18n";
import { ApprovalMatrix } from "./approval-matrix";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng: "nl" });
});

const none = (label = "matrix.nothingYet"): MatrixCell => ({
  state: "none",
  label,
  date: null,
  deadline: null,
  positionId: null,
});

function row(name: string, cells: Partial<MatrixRow> = {}): MatrixRow {
  return {
    municipalityId: name.toLowerCase(),
    name,
    received: none("matrix.notReceived"),
    college: none(),
    committee: none(),
    council: none(),
    position: { state: "open", label: "trackStatus.awaiting", date: null, deadline: null, positionId: null },
    processed: none("matrix.nothingToProcess"),
    ...cells,
  };
}

const ROWS: MatrixRow[] = [
  row("Leidschendam-Voorburg", {
    received: {
      state: "done",
      label: "matrix.received",
      date: "2024-01-18",
      deadline: { dueOn: "2024-03-14", status: "overdue", extendedFrom: null },
      positionId: null,
    },
    position: {
      state: "overdue",
      label: "trackStatus.received",
      date: "2024-01-18",
      deadline: { dueOn: "2024-03-14", status: "overdue", extendedFrom: null },
      positionId: null,
    },
  }),
  row("Rijswijk", {
    council: {
      state: "done",
      label: "positionKinds.CONSENT_GIVEN",
      date: "2024-03-01",
      deadline: null,
      positionId: "p1",
    },
    position: {
      state: "done",
      label: "trackStatus.consentGiven",
      date: "2024-03-01",
      deadline: null,
      positionId: null,
    },
  }),
  row("Delft", {
    council: {
      state: "refused",
      label: "positionKinds.CONSENT_WITHHELD",
      date: null,
      deadline: null,
      positionId: "p2",
    },
    // A state the data may gain later renders as a neutral state with its own class and word.
    position: {
      state: "late" as MatrixCell["state"],
      label: "trackStatus.zienswijzeGiven",
      date: null,
      deadline: null,
      positionId: null,
    },
  }),
];

function render(rows = ROWS, withActions = true) {
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <StaticRouter location="/trajecten/t1">
        <ApprovalMatrix rows={rows} trailId="t1" actions={withActions ? () => <span>acties</span> : undefined} />
      </StaticRouter>
    </I18nextProvider>,
  );
  const window = new Window();
  window.document.body.innerHTML = html;
  return window.document;
}

const cell = (doc: ReturnType<typeof render>, municipality: string, column: string) =>
  doc.querySelector(`tr[data-municipality="${municipality}"] td[data-column="${column}"]`)!;

/** The text a screen reader gets: everything but what is aria-hidden. */
type HappyElement = NonNullable<ReturnType<ReturnType<typeof render>["querySelector"]>>;
function spoken(element: HappyElement): string {
  const clone = element.cloneNode(true) as HappyElement;
  for (const hidden of clone.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return clone.textContent!.replace(/\s+/g, " ").trim();
}

describe("the approval matrix's columns", () => {
  it("has a column of actions only where there are actions (the trail page), not an empty one (the status brief)", () => {
    const headers = (doc: ReturnType<typeof render>) =>
      [...doc.querySelectorAll("thead th")].map((th) => th.textContent);
    expect(headers(render())).toContain("Acties");
    const brief = render(ROWS, false);
    expect(headers(brief)).not.toContain("Acties");
    expect(brief.querySelectorAll(".h10-matrix__actions")).toHaveLength(0);
    // Every row has as many cells as the header has columns.
    const columns = headers(brief).length;
    for (const row of brief.querySelectorAll("tbody tr")) expect(row.children.length).toBe(columns);
  });
});

describe("the approval matrix's cells", () => {
  it("an empty cell is a quiet dash on screen and says what is missing to a screen reader", () => {
    const doc = render();
    const college = cell(doc, "Rijswijk", "college");
    expect(college.getAttribute("data-state")).toBe("none");
    expect(college.querySelector('.h10-cell__empty[aria-hidden="true"]')!.textContent).toBe("–");
    expect(spoken(college)).toBe("Nog niets");
    // Not the old shouting "– Nog niets" in view.
    expect(college.querySelector(".h10-visually-hidden")!.textContent).toBe("Nog niets");
    expect(spoken(cell(doc, "Rijswijk", "received"))).toBe("Nog niet ontvangen");
  });

  it("a state is a symbol, a word and a colour class; the symbol is hidden, the word is not", () => {
    const doc = render();
    const council = cell(doc, "Rijswijk", "council");
    expect(council.className).toContain("h10-cell--done");
    expect(council.querySelector('svg.h10-symbol[aria-hidden="true"]')).not.toBeNull();
    expect(spoken(council)).toBe("gedaan: Toestemming gegeven, 1 maart 2024");
    // The position is one click away.
    expect(council.querySelector("a")!.getAttribute("href")).toBe("/trajecten/t1/standpunten/p1");
    const refused = cell(doc, "Delft", "council");
    expect(refused.className).toContain("h10-cell--refused");
    expect(spoken(refused)).toBe("afgewezen: Toestemming onthouden");
  });

  it("what is late stands out: the word is visible, the deadline says its state, the row and the summary name it", () => {
    const doc = render();
    const position = cell(doc, "Leidschendam-Voorburg", "position");
    expect(position.querySelector(".h10-cell__word")!.textContent).toBe("termijn verlopen");
    expect(spoken(position)).toContain("termijn verlopen: Ontwerp ontvangen, 18 januari 2024");
    expect(position.querySelector(".h10-cell__deadline--overdue")!.textContent).toContain("14 maart 2024 (verlopen)");
    expect(doc.querySelector('tr[data-municipality="Leidschendam-Voorburg"]')!.className).toContain(
      "h10-matrix__row--overdue",
    );
    const attention = doc.querySelector('ul[aria-label="Let op"]')!;
    expect(spoken(attention)).toContain("termijn verlopen: Leidschendam-Voorburg");
    // A state added to the data later (here "late") slots in with its own class and word.
    const late = cell(doc, "Delft", "position");
    expect(late.className).toContain("h10-cell--late");
    expect(spoken(late)).toBe("te laat: Zienswijze gegeven");
    expect(spoken(attention)).toContain("te laat: Delft");
  });

  it("every cell carries the column's name for the reflowed layout, hidden from screen readers", () => {
    const doc = render();
    const labels = [...doc.querySelectorAll('tr[data-municipality="Rijswijk"] .h10-cell__column')];
    expect(labels.map((l) => l.textContent)).toEqual([
      "Ontvangen",
      "College",
      "Commissie",
      "Raad",
      "Stand",
      "Verwerkt",
    ]);
    expect(labels.every((l) => l.getAttribute("aria-hidden") === "true")).toBe(true);
    // The table keeps its roles when CSS changes its display, and the name is the row's header.
    expect(doc.querySelector("table")!.getAttribute("role")).toBe("table");
    expect(doc.querySelector('tr[data-municipality="Rijswijk"] th')!.getAttribute("scope")).toBe("row");
    const region = doc.querySelector('[role="region"]')!;
    expect(region.getAttribute("tabindex")).toBe("0");
    expect(doc.getElementById(region.getAttribute("aria-labelledby")!)!.tagName).toBe("CAPTION");
  });
});
