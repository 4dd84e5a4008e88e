import { expect } from "vitest";
import { openTrailsByStage, tally } from "~/models/tally.server";
import { prisma } from "~/utils/db.server";

/** What the running counts must equal: the rows counted in SQL. */
async function countedRows() {
  const [stages, processing, answer, answerOf] = await Promise.all([
    prisma.trail.groupBy({ by: ["kind", "state"], where: { closedAt: null }, _count: { _all: true } }),
    prisma.position.count({ where: { awaitingProcessing: true } }),
    prisma.position.count({ where: { awaitingAnswer: true } }),
    prisma.position.groupBy({
      by: ["municipalityId"],
      where: { awaitingAnswer: true, municipalityId: { not: null } },
      _count: { _all: true },
    }),
  ]);
  return {
    stages: stages
      .map((g) => ({ kind: g.kind, state: g.state, count: g._count._all }))
      .sort((a, b) => `${a.kind}:${a.state}`.localeCompare(`${b.kind}:${b.state}`)),
    processing,
    answer,
    answerOf: Object.fromEntries(answerOf.map((g) => [g.municipalityId!, g._count._all])),
  };
}

/** The running counts (tally.server.ts), each checked against the rows it counts. */
export async function expectTalliesMatchRows() {
  const rows = await countedRows();
  const councils = await prisma.municipality.findMany({ select: { id: true } });
  const answerOf = Object.fromEntries(
    (await Promise.all(councils.map(async (c) => [c.id, await tally("awaitingAnswerOf", c.id)] as const))).filter(
      ([, n]) => n !== 0,
    ),
  );
  const stages = (await openTrailsByStage()).sort((a, b) =>
    `${a.kind}:${a.state}`.localeCompare(`${b.kind}:${b.state}`),
  );
  expect({
    stages,
    processing: await tally("awaitingProcessing"),
    answer: await tally("awaitingAnswer"),
    answerOf,
  }).toEqual(rows);
  return rows;
}
