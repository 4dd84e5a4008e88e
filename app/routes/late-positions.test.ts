import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTrail, demoActors, sendSteps } from "../../test/factories/trail";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { action as logAction } from "./trajecten.$trailId_.standpunt.$municipalityId";
import { action as positionAction, loader as positionLoader } from "./trajecten.$trailId_.standpunten.$positionId";

/** A GR amendment whose draft Delft received on 15 January 2024: its eight weeks end on 11 March 2024. */
async function amendment() {
  const actors = await demoActors();
  const delft = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } })).id;
  const trail = await createTrail("GR_AMENDMENT", [delft]);
  const revision = await sendSteps(
    trail.id,
    0,
    [
      ["DRAFT_SENT", undefined, "2024-01-10"],
      ["DRAFT_RECEIVED", delft, "2024-01-15"],
    ],
    actors("secretaris"),
  );
  return { trailId: trail.id, delft, revision };
}

describe("the position form warns before a late zienswijze is saved (issue 16)", () => {
  it("answers a meeting after the deadline with the warning and writes nothing; saves it once confirmed", async () => {
    const { trailId, delft, revision } = await amendment();
    const clerk = await clientFor("griffier.delft@h10.example");
    const path = `/trajecten/${trailId}/standpunt/${delft}`;
    const fields = {
      revision: String(revision),
      bodyKind: "COUNCIL:ZIENSWIJZE",
      meetingDate: "2024-03-28",
      text: "De raad geeft een zienswijze.",
    };
    const written = () => Promise.all([prisma.position.count({ where: { trailId } }), prisma.event.count()]);
    const before = await written();
    const post = (extra: Record<string, string>) =>
      outcome(() =>
        logAction({
          request: formPost(clerk, path, { ...fields, ...extra }),
          params: { trailId, municipalityId: delft },
          context: {},
        }),
      );

    const warned = await post({});
    expect(warned.status).toBe(422);
    expect(warned.body).toMatchObject({ late: { dueOn: "2024-03-11" } });
    expect(await written()).toEqual(before);

    const saved = await post({ confirmLate: "on" });
    expect(saved.status).toBe(302);
    const position = await prisma.position.findFirstOrThrow({ where: { trailId } });
    expect(saved.headers.get("Location")).toBe(`/trajecten/${trailId}/standpunten/${position.id}?vastgelegd=standpunt`);
    // Where it lands says that it was logged, and by which body; a made-up notice says nothing.
    const page = async (query: string) =>
      (
        await outcome(() =>
          positionLoader({
            request: get(clerk, `/trajecten/${trailId}/standpunten/${position.id}${query}`),
            params: { trailId, positionId: position.id },
            context: {},
          }),
        )
      ).body as { notice: string | null; position: { body: string } };
    expect(await page("?vastgelegd=standpunt")).toMatchObject({ notice: "standpunt", position: { body: "COUNCIL" } });
    expect((await page("?vastgelegd=iets")).notice).toBeNull();
    expect((await page("")).notice).toBeNull();

    // The secretary must choose whether it counts; then the choice is stored.
    const secretary = await clientFor("secretaris@h10.example");
    const process = (extra: Record<string, string>) =>
      outcome(() =>
        positionAction({
          request: formPost(secretary, `/trajecten/${trailId}/standpunten/${position.id}`, {
            intent: "process",
            outcome: "NOT_ADOPTED",
            reason: "Na de termijn ontvangen.",
            location: "Nota van beantwoording, §1",
            ...extra,
          }),
          params: { trailId, positionId: position.id },
          context: {},
        }),
      );
    const unchosen = await process({});
    expect(unchosen.status).toBe(422);
    expect(JSON.stringify(unchosen.body)).toContain("workflowErrors.late_counts_required");
    expect(await prisma.processing.count({ where: { positionId: position.id } })).toBe(0);
    expect((await process({ lateCounts: "yes" })).status).toBe(200);
    expect(await prisma.processing.findUniqueOrThrow({ where: { positionId: position.id } })).toMatchObject({
      lateCounts: true,
    });
  });

  it("a meeting on the deadline's last day saves at once, without a warning", async () => {
    const { trailId, delft, revision } = await amendment();
    const clerk = await clientFor("griffier.delft@h10.example");
    const saved = await outcome(() =>
      logAction({
        request: formPost(clerk, `/trajecten/${trailId}/standpunt/${delft}`, {
          revision: String(revision),
          bodyKind: "COUNCIL:ZIENSWIJZE",
          meetingDate: "2024-03-11",
          text: "De raad geeft een zienswijze.",
        }),
        params: { trailId, municipalityId: delft },
        context: {},
      }),
    );
    expect(saved.status).toBe(302);
  });
});
