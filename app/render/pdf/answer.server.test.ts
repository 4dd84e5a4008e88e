import { beforeAll, describe, expect, it } from "vitest";
import { gsLetter } from "~/models/gs-letter.server";
import { sendTrailEvent } from "~/models/trail-workflow.server";
import { answerLedger, answerZienswijze, getAnswer } from "~/models/zienswijze-answer.server";
import { prisma } from "~/utils/db.server";
import { formatMoney, toDateInputValue } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { demoActors } from "../../../test/factories/trail";
import { readPdf, roles, savePagesAsPng } from "../../../test/pdf/read-pdf";
import { renderAnswerLetterPdf, renderGsLetterPdf, renderLedgerPdf } from "./answer.server";

let actors: (local: string) => Actor;
const flat = (text: string) => text.replace(/\s+/g, " ");
const cycle = () => prisma.trail.findUniqueOrThrow({ where: { reference: "H10-BEGR-2025" } });

beforeAll(async () => {
  actors = await demoActors();
});

describe("the answer ledger's PDFs", () => {
  it("the letter to Zoetermeer quotes its zienswijze as a quotation, then the board's answer, and names no other council", async () => {
    const trail = await cycle();
    const answer = await prisma.zienswijzeAnswer.findFirstOrThrow({
      where: { trailId: trail.id, municipality: { slug: "zoetermeer" } },
    });
    const stored = (await getAnswer(answer.id))!;
    const bytes = await renderAnswerLetterPdf({
      trail: stored.trail,
      municipality: stored.municipality.name,
      zienswijze: {
        text: stored.position.text,
        meetingOn: toDateInputValue(stored.position.meetingDate!),
        decisionReference: stored.position.decisionReference,
      },
      answer: { text: stored.text, answeredOn: toDateInputValue(stored.answeredOn) },
    });
    const pdf = await readPdf(bytes);
    // For a look at the letter (test/artifacts, not committed).
    expect(savePagesAsPng(bytes, "answer-letter", 1)).toHaveLength(1);
    const text = flat(pdf.text);
    expect(text).toContain("Aan: De gemeenteraad van Zoetermeer");
    expect(text).toContain("Uw raad gaf in uw vergadering van 27 mei 2024 de volgende zienswijze:");
    expect(text).toContain(flat(stored.position.text));
    expect(text).toContain("artikel 35, derde lid, van de Wet gemeenschappelijke regelingen");
    // The answer's two paragraphs, each whole.
    for (const paragraph of stored.text.split("\n\n")) expect(text).toContain(flat(paragraph));
    expect(text).toContain("6 juni 2024");
    expect(text).not.toContain("Delft");
    expect(roles(pdf.structure)).toContain("BlockQuote");
    expect(pdf.language).toBe("nl-NL");
  });

  it("the AB's agenda item lists every council's zienswijze beside its answer, or that it has none yet", async () => {
    const trail = await cycle();
    const rows = await answerLedger(trail.id);
    const text = flat((await readPdf(await renderLedgerPdf({ trail, rows }))).text);
    expect(text).toContain("Agendapunt algemeen bestuur: Begroting 2025 GR Servicebureau Jeugdhulp Haaglanden");
    expect(text).toContain("2 raden gaven een zienswijze; 1 is beantwoord.");
    expect(text).toContain("Nog niet beantwoord.");
    expect(text).toMatch(/Delft .*Nog niet beantwoord\..*Zoetermeer/);
  });

  it("the letter to Gedeputeerde Staten comes with the adopted budget: its day, every council's contribution, the answers", async () => {
    const trail = await cycle();
    expect(await gsLetter(trail.id)).toBeNull();
    const secretary = actors("secretaris");
    const delft = await prisma.position.findFirstOrThrow({
      where: { trailId: trail.id, kind: "ZIENSWIJZE", municipality: { slug: "delft" } },
    });
    expect(
      await answerZienswijze(
        delft.id,
        { text: "Het dagelijks bestuur zendt elk antwoord voortaan aan alle raden.", answeredOn: "2024-06-20" },
        secretary,
      ),
    ).toMatchObject({ ok: true });
    let revision = trail.revision;
    for (const [type, on] of [
      // The councils' date (two weeks before the meeting of 4 July) has passed: the others give none.
      ["WINDOW_CLOSED", "2024-06-21"],
      ["ZIENSWIJZEN_ANSWERED", "2024-06-21"],
      ["BUDGET_ADOPTED", "2024-07-04"],
    ] as const) {
      const sent = await sendTrailEvent(
        { trailId: trail.id, expectedRevision: revision, type, fields: { on } },
        secretary,
      );
      if (!sent.ok) throw new Error(`${type}: ${sent.code}`);
      revision = sent.revision;
    }
    const letter = (await gsLetter(trail.id))!;
    expect(letter).toMatchObject({ budgetYear: 2025, adoptedOn: "2024-07-04", amendment: false });
    const bytes = await renderGsLetterPdf(letter);
    expect(savePagesAsPng(bytes, "gs-letter", 1)).toHaveLength(1);
    const text = flat((await readPdf(bytes)).text);
    expect(text).toContain("Aan: Gedeputeerde Staten van Zuid-Holland");
    expect(text).toContain("Het algemeen bestuur stelde op 4 juli 2024 de begroting 2025 vast.");
    expect(text).toContain("artikel 34, tweede lid");
    // Every council's contribution and the total, € 3,214,796 (the seed's example figure for 2025).
    for (const row of letter.contributions!.rows)
      expect(text).toContain(`${row.municipality} ${flat(formatMoney(row.cents!))}`);
    expect(text).toContain(`Totaal ${flat(formatMoney(321_479_600))}`);
    expect(text).toContain("De raden van Delft en Zoetermeer gaven een zienswijze");
    expect(text).toContain("beantwoordde elke zienswijze schriftelijk en met redenen");
  });
});
