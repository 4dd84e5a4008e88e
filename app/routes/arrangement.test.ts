import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { clientFor, formPost, get, outcome } from "../../test/factories/request";
import { action as contractsAction, loader as contractsLoader } from "./contracten";
import { action as votesAction } from "./trajecten.$trailId_.stemmingen";
import { action as exitAction, loader as exitLoader } from "./trajecten.$trailId_.uittreding";

const trailOf = (reference: string) => prisma.trail.findUniqueOrThrow({ where: { reference } });

describe("the arrangement's pages on the server", () => {
  it("refuse posts from anyone but a secretary, and write nothing", async () => {
    const exit = await trailOf("H10-UIT-VOORSCHOTEN");
    const amendment = await trailOf("H10-GR-2024");
    const before = await Promise.all([prisma.contract.count(), prisma.boardVote.count(), prisma.event.count()]);
    for (const email of ["griffier.voorschoten@h10.example", "wethouder.den-haag@h10.example", "beheer@h10.example"]) {
      const client = await clientFor(email);
      expect(
        (
          await outcome(() =>
            exitAction({
              request: formPost(client, "/x", { annual: "1", multiple: "3" }),
              params: { trailId: exit.id },
              context: {},
            }),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await outcome(() =>
            votesAction({
              request: formPost(client, "/x", { subject: "X" }),
              params: { trailId: amendment.id },
              context: {},
            }),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await outcome(() =>
            contractsAction({
              request: formPost(client, "/contracten", {
                intent: "save",
                name: "X",
                firstTermEndsOn: "2030-01-01",
                extensionCount: "0",
                extensionMonths: "12",
              }),
              params: {},
              context: {},
            }),
          )
        ).status,
      ).toBe(403);
    }
    expect(await Promise.all([prisma.contract.count(), prisma.boardVote.count(), prisma.event.count()])).toEqual(
      before,
    );
  });

  it("refuse bad input with 400 and Dutch messages, and write nothing", async () => {
    const secretary = await clientFor("secretaris@h10.example");
    const exit = await trailOf("H10-UIT-VOORSCHOTEN");
    const amendment = await trailOf("H10-GR-2024");
    const before = await Promise.all([
      prisma.contract.count(),
      prisma.boardVote.count(),
      prisma.exitEstimate.findUnique({ where: { trailId: exit.id } }),
    ]);
    const exitPost = (fields: Record<string, string>) =>
      outcome(() =>
        exitAction({ request: formPost(secretary, "/x", fields), params: { trailId: exit.id }, context: {} }),
      );
    expect((await exitPost({ annual: "veel", multiple: "3" })).status).toBe(400);
    expect((await exitPost({ annual: "71.000", multiple: "drie" })).status).toBe(400);
    expect(
      (
        await outcome(() =>
          exitAction({
            request: formPost(secretary, "/x", { annual: "1", multiple: "3" }),
            params: { trailId: amendment.id },
            context: {},
          }),
        )
      ).status,
    ).toBe(404);

    const vote = (fields: Record<string, string>) =>
      outcome(() =>
        votesAction({ request: formPost(secretary, "/x", fields), params: { trailId: amendment.id }, context: {} }),
      );
    const base = {
      subject: "Begroting",
      heldOn: "2024-04-10",
      rule: "SIMPLE",
      inhabitantsYear: "2022",
      "ballots[0].member": "Bestuurslid H1",
      "ballots[0].choice": "FOR",
    };
    const noMunicipality = await vote(base);
    expect(noMunicipality.status).toBe(400);
    expect(
      (noMunicipality.body as { result: { error: Record<string, string[]> } }).result.error[
        "ballots[0].municipalityIds"
      ],
    ).toEqual(["validation.representsRequired"]);
    expect((await vote({ ...base, "ballots[0].municipalityIds": "bestaat-niet" })).status).toBe(400);
    expect((await vote({ ...base, rule: "UNANIMOUS", "ballots[0].municipalityIds": "x" })).status).toBe(400);
    expect((await vote({ ...base, heldOn: "2024-02-30", "ballots[0].municipalityIds": "x" })).status).toBe(400);

    const contract = (fields: Record<string, string>) =>
      outcome(() =>
        contractsAction({
          request: formPost(secretary, "/contracten", {
            intent: "save",
            extensionCount: "0",
            extensionMonths: "12",
            ...fields,
          }),
          params: {},
          context: {},
        }),
      );
    expect((await contract({ name: "Nieuw", firstTermEndsOn: "31-12-2030" })).status).toBe(400);
    expect((await contract({ name: "Nieuw", firstTermEndsOn: "2030-12-31", extensionCount: "-1" })).status).toBe(400);
    const clash = await contract({ name: "Crisisinterventieteam", firstTermEndsOn: "2030-12-31" });
    expect((clash.body as { result: { error: Record<string, string[]> } }).result.error.name).toEqual([
      "contracts.errors.contract_name_taken",
    ]);
    expect(
      await Promise.all([
        prisma.contract.count(),
        prisma.boardVote.count(),
        prisma.exitEstimate.findUnique({ where: { trailId: exit.id } }),
      ]),
    ).toEqual(before);
  });

  it("the exit page is only for exit trails, and the register reads for everyone", async () => {
    const clerk = await clientFor("griffier.delft@h10.example");
    const amendment = await trailOf("H10-GR-2024");
    expect(
      (await outcome(() => exitLoader({ request: get(clerk, "/x"), params: { trailId: amendment.id }, context: {} })))
        .status,
    ).toBe(404);
    const register = await outcome(() =>
      contractsLoader({ request: get(clerk, "/contracten"), params: {}, context: {} }),
    );
    expect(register.status).toBe(200);
    expect((register.body as { contracts: unknown[]; mayEdit: boolean }).contracts).toHaveLength(5);
    expect((register.body as { mayEdit: boolean }).mayEdit).toBe(false);
  });
});
