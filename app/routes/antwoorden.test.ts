import { describe, expect, it } from "vitest";
import en from "~/locales/en";
import nl from "~/locales/nl";
import { prisma } from "~/utils/db.server";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { loader as dashboardLoader } from "./dashboard";
import { loader as overviewLoader } from "./overzicht";
import { loader as ledgerLoader } from "./trajecten.$trailId_.antwoorden";
import { loader as ledgerPdf } from "./trajecten.$trailId_.antwoorden[.pdf]";
import { action as answerAction, loader as answerLoader } from "./trajecten.$trailId_.antwoorden_.$positionId";
import { loader as letterPdf } from "./trajecten.$trailId_.antwoorden_.brief.$answerId[.pdf]";

/** The seeded budget cycle 2025: Zoetermeer's zienswijze answered, Delft's not yet. */
async function seeded() {
  const trail = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-BEGR-2025" } });
  const position = (slug: string) =>
    prisma.position.findFirstOrThrow({
      where: { trailId: trail.id, kind: "ZIENSWIJZE", municipality: { slug }, supersededBy: null },
      include: { answer: true },
    });
  return { trail, zoetermeer: await position("zoetermeer"), delft: await position("delft") };
}

type Ledger = { rows: { municipality: string; answer: { id: string } | null }[]; mayAnswer: boolean; rule: string };

describe("the answer ledger's pages", () => {
  it("shows every signed-in user the seeded ledger, with the letters and the agenda item as PDF", async () => {
    const { trail, zoetermeer } = await seeded();
    const clerk = await clientFor("griffier.zoetermeer@h10.example");
    const page = await outcome(() =>
      ledgerLoader({
        request: get(clerk, `/trajecten/${trail.id}/antwoorden`),
        params: { trailId: trail.id },
        context: {},
      }),
    );
    expect(page.status).toBe(200);
    const ledger = page.body as Ledger;
    expect(ledger.mayAnswer).toBe(false);
    expect(ledger.rule).toBe("refuse");
    expect(ledger.rows.map((r) => [r.municipality, r.answer !== null])).toEqual([
      ["Delft", false],
      ["Zoetermeer", true],
    ]);
    const letter = await outcome(() =>
      letterPdf({
        request: get(clerk, `/trajecten/${trail.id}/antwoorden/brief/${zoetermeer.answer!.id}.pdf`),
        params: { trailId: trail.id, answerId: zoetermeer.answer!.id },
        context: {},
      }),
    );
    expect(letter.status).toBe(200);
    expect(letter.headers.get("Content-Type")).toBe("application/pdf");
    expect(decodeURIComponent(letter.headers.get("Content-Disposition") ?? "")).toContain(
      "Beantwoording zienswijze Zoetermeer - H10-BEGR-2025.pdf",
    );
    // An answer asked for under another trail is not found.
    const other = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-GR-2024" } });
    const wrong = await outcome(() =>
      letterPdf({
        request: get(clerk, `/trajecten/${other.id}/antwoorden/brief/${zoetermeer.answer!.id}.pdf`),
        params: { trailId: other.id, answerId: zoetermeer.answer!.id },
        context: {},
      }),
    );
    expect(wrong.status).toBe(404);
    const agenda = await outcome(() =>
      ledgerPdf({
        request: get(clerk, `/trajecten/${trail.id}/antwoorden.pdf`),
        params: { trailId: trail.id },
        context: {},
      }),
    );
    expect(agenda.status).toBe(200);
    // A kind without a ledger has no such page.
    const vision = await prisma.trail.findUniqueOrThrow({ where: { reference: "H10-VISIE-2017" } });
    const none = await outcome(() =>
      ledgerLoader({
        request: get(clerk, `/trajecten/${vision.id}/antwoorden`),
        params: { trailId: vision.id },
        context: {},
      }),
    );
    expect(none).toMatchObject({ status: 404, body: { code: "no_answer_ledger" } });
  });

  it("lets only a secretary answer, refuses bad input in Dutch, writes nothing then, and answers once", async () => {
    const { trail, delft } = await seeded();
    const params = { trailId: trail.id, positionId: delft.id };
    const path = `/trajecten/${trail.id}/antwoorden/${delft.id}`;
    const clerk = await clientFor("griffier.delft@h10.example");
    expect((await outcome(() => answerLoader({ request: get(clerk, path), params, context: {} }))).status).toBe(403);
    const clerkPost = await outcome(() =>
      answerAction({
        request: formPost(clerk, path, { text: "x".repeat(40), answeredOn: "2024-06-20" }),
        params,
        context: {},
      }),
    );
    expect(clerkPost.status).toBe(403);

    const secretary = await clientFor("secretaris@h10.example");
    const post = (fields: Record<string, string>, options: { csrf?: string | null } = {}) =>
      outcome(() => answerAction({ request: formPost(secretary, path, fields, options), params, context: {} }));
    const errors = async (fields: Record<string, string>) =>
      ((await post(fields)).body as { result: { error: Record<string, string[]> } }).result.error;
    expect(await errors({ text: "", answeredOn: "2024-06-20" })).toMatchObject({ text: ["validation.answerRequired"] });
    expect(await errors({ text: "Kort.", answeredOn: "2024-06-20" })).toMatchObject({
      text: ["validation.answerTooShort"],
    });
    expect(await errors({ text: "x".repeat(40), answeredOn: "20-06-2024" })).toMatchObject({
      answeredOn: expect.arrayContaining(["validation.dateInvalid"]),
    });
    // Before the council meeting of 13 June that gave it.
    expect(await errors({ text: "x".repeat(40), answeredOn: "2024-06-01" })).toMatchObject({
      answeredOn: ["validation.answerBeforeZienswijze"],
    });
    expect((await post({ text: "x".repeat(40), answeredOn: "2024-06-20" }, { csrf: null })).status).toBe(403);
    // Every message the form can show is in both languages.
    for (const key of ["answerRequired", "answerTooShort", "answerTooLong", "answerBeforeZienswijze"] as const) {
      expect(nl.validation[key]).toBeTruthy();
      expect(en.validation[key]).toBeTruthy();
    }
    expect(await prisma.zienswijzeAnswer.count({ where: { positionId: delft.id } })).toBe(0);

    const form = (await outcome(() => answerLoader({ request: get(secretary, path), params, context: {} }))).body as {
      formKey: string;
    };
    const fields = {
      text: "Het dagelijks bestuur beantwoordt voortaan elke zienswijze schriftelijk en zendt de antwoorden aan alle raden.",
      answeredOn: "2024-06-20",
      formKey: form.formKey,
    };
    const done = await post(fields);
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/trajecten/${trail.id}/antwoorden#z-${delft.id}`);
    // The same form sent again (a double click) answers once.
    expect((await post(fields)).status).toBe(302);
    expect(await prisma.zienswijzeAnswer.count({ where: { positionId: delft.id } })).toBe(1);
    expect(
      await prisma.event.count({
        where: { trailId: trail.id, type: { in: ["zienswijze.answered", "zienswijze.answer_revised"] } },
      }),
    ).toBe(2); // the seed's answer to Zoetermeer and this one
  });

  it("puts the answers in the clerk's inbox and the unanswered zienswijzen on the pipeline and the dashboard", async () => {
    const { trail } = await seeded();
    const clerk = await clientFor("griffier.zoetermeer@h10.example");
    const inbox = (await outcome(() => overviewLoader({ request: get(clerk, "/overzicht"), params: {}, context: {} })))
      .body as { answers: { rows: { trailId: string; excerpt: string }[] }; unanswered: unknown };
    expect(inbox.unanswered).toBeNull();
    expect(inbox.answers.rows.find((r) => r.trailId === trail.id)?.excerpt).toContain("stijging");

    const secretary = await clientFor("secretaris@h10.example");
    const pipeline = (
      await outcome(() => overviewLoader({ request: get(secretary, "/overzicht"), params: {}, context: {} }))
    ).body as { unanswered: { total: number; rows: { trail: string }[] }; answers: unknown };
    expect(pipeline.answers).toBeNull();
    expect(pipeline.unanswered.total).toBe(await prisma.position.count({ where: { awaitingAnswer: true } }));

    const alderman = await clientFor("wethouder.den-haag@h10.example");
    const dashboard = (
      await outcome(() => dashboardLoader({ request: get(alderman, "/dashboard"), params: {}, context: {} }))
    ).body as { unanswered: { total: number }; ownUnanswered: number };
    expect(dashboard.unanswered.total).toBe(pipeline.unanswered.total);
    // Den Haag's zienswijze on the amendment of the arrangement (seed) awaits the board's answer.
    expect(dashboard.ownUnanswered).toBe(
      await prisma.position.count({ where: { awaitingAnswer: true, municipality: { slug: "den-haag" } } }),
    );
    expect(dashboard.ownUnanswered).toBeGreaterThan(0);
  });
});
