import { Window } from "happy-dom";
import i18next from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import { ContributionChart } from "~/components/charts/contribution-chart";
import { ContributionsTable } from "~/components/finance";
import type { BudgetContributions, ContributionHistory } from "~/models/contribution.server";
import { prisma } from "~/utils/db.server";
import { resources } from "~/locales/resources";
import { i18nConfig } from "~/utils/i18n";
import { clientFor, get, outcome } from "../../test/factories/request";
import { loader } from "./trajecten.$trailId_.financien";

async function render(
  contributions: BudgetContributions,
  lng: "nl" | "en",
  own: string,
  history?: ContributionHistory,
) {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng });
  const window = new Window();
  window.document.body.innerHTML = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ContributionsTable contributions={contributions} highlight={own} />
      {history ? <ContributionChart history={history} /> : null}
    </I18nextProvider>,
  );
  return window.document;
}

describe("the budget cycle's contributions on its finance page", () => {
  it("shows a clerk every council's contribution against last year's, their own row marked, in Dutch and English", async () => {
    const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-BEGR-2025" } });
    const clerk = await clientFor("griffier.zoetermeer@h10.example");
    const page = await outcome(() =>
      loader({ request: get(clerk, `/trajecten/${trail.id}/financien`), params: { trailId: trail.id }, context: {} }),
    );
    expect(page.status).toBe(200);
    const body = page.body as { contributions: BudgetContributions; ownMunicipality: { id: string } };
    expect(body.contributions.budgetYear).toBe(2025);
    const nl = await render(body.contributions, "nl", body.ownMunicipality.id);
    expect(nl.querySelector("caption")?.textContent).toBe(
      "Bijdrage per gemeente aan de begroting 2025, tegenover 2024",
    );
    expect([...nl.querySelectorAll("th[scope='col']")].map((th) => th.textContent)).toEqual([
      "Gemeente",
      "Bijdrage 2025",
      "Bijdrage 2024",
      "Verschil (€)",
      "Verschil (%)",
    ]);
    expect(nl.querySelectorAll("th[scope='row']")).toHaveLength(10);
    const own = nl.querySelector(".h10-row--own")!;
    expect(own.querySelector("th")?.textContent).toBe("Zoetermeer");
    expect([...own.querySelectorAll("td")].map((td) => td.textContent?.replace(/\s/g, " "))).toEqual([
      "€ 357.221,96",
      "€ 343.482,66",
      "+€ 13.739,30",
      "+4,0 %",
    ]);
    expect(nl.body.textContent).toContain("De bijdrage 2024 komt uit de bedragen van 2024 op dit traject.");
    const en = await render(body.contributions, "en", body.ownMunicipality.id);
    expect(en.querySelector("caption")?.textContent).toBe(
      "Contribution per municipality to the budget 2025, against 2024",
    );
    expect(en.querySelector(".h10-row--own td:last-child")?.textContent).toBe("+4.0 %");
  });

  it("draws each council's contributions over the years, with the same figures as a table", async () => {
    const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-BEGR-2025" } });
    const clerk = await clientFor("griffier.zoetermeer@h10.example");
    const page = await outcome(() =>
      loader({ request: get(clerk, `/trajecten/${trail.id}/financien`), params: { trailId: trail.id }, context: {} }),
    );
    const body = page.body as { contributions: BudgetContributions; history: ContributionHistory };
    expect(body.history.years).toEqual([2024, 2025]);
    expect(body.history.councils).toHaveLength(9);
    const doc = await render(body.contributions, "nl", "", body.history);
    const svg = doc.querySelector("svg[role='img']")!;
    const [titleId, descId] = svg.getAttribute("aria-labelledby")!.split(" ");
    expect(doc.getElementById(titleId!)?.textContent).toBe("Bijdrage per gemeente over de jaren");
    expect(doc.getElementById(descId!)?.textContent?.replace(/\s/g, " ")).toContain(
      "Zoetermeer: 2024 € 343.482,66, 2025 € 357.221,96.",
    );
    // One bar per council and year, each as long as its amount: Zoetermeer's 2025 bar is the longest but Den Haag's.
    const bars = [...svg.querySelectorAll("g[data-year]")];
    expect(bars).toHaveLength(18);
    const width = (name: string, year: number) =>
      Number(svg.querySelector(`g[data-municipality='${name}'] g[data-year='${year}'] rect`)!.getAttribute("width"));
    expect(width("Zoetermeer", 2025)).toBeGreaterThan(width("Zoetermeer", 2024));
    expect(width("Den Haag", 2025)).toBeGreaterThan(width("Zoetermeer", 2025));
    const table = doc.querySelectorAll("table")[1]!;
    expect(table.querySelector("caption")?.textContent).toBe("Bijdrage per gemeente per begrotingsjaar");
    expect(table.querySelectorAll("th[scope='row']")).toHaveLength(9);
  });

  it("has no contributions on a trail of another kind", async () => {
    const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } });
    const clerk = await clientFor("griffier.zoetermeer@h10.example");
    const page = await outcome(() =>
      loader({ request: get(clerk, `/trajecten/${trail.id}/financien`), params: { trailId: trail.id }, context: {} }),
    );
    expect(page.body).toMatchObject({ contributions: null, history: null });
  });
});
