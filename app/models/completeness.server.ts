/**
 * The completeness monitor: per council, the decisions it was expected to take (it takes part in the open trail,
 * and a deadline of its own for that decision has passed unmet) of which nothing was logged and nothing imported
 * from its own system (ori-import.server.ts) that waits or was confirmed. Counted and paged in SQL: the deadlines
 * along Deadline(metAt, dueAt, id), or Deadline(municipalityId, metAt, dueAt) for one council, and each checked
 * against Position(trailId) and ProposedPosition(trailId, municipalityId, status).
 */
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { LIST_PAGE_SIZE, pageWithin, type ListPageOf } from "~/utils/paging";
import { MILESTONE_KINDS } from "~workflows/deadlines";

/** The conditions every missing decision meets; `d` is the deadline. */
function missingWhere(before: Date, municipalityId: string | null) {
  return Prisma.sql`d."metAt" IS NULL
      AND d."dueAt" < ${before}
      AND d."kind" NOT IN (${Prisma.join([...MILESTONE_KINDS])})
      AND ${municipalityId ? Prisma.sql`d."municipalityId" = ${municipalityId}` : Prisma.sql`d."municipalityId" IS NOT NULL`}
      AND EXISTS (SELECT 1 FROM "Trail" t WHERE t."id" = d."trailId" AND t."closedAt" IS NULL)
      AND EXISTS (SELECT 1 FROM "TrailParticipant" tp
                  WHERE tp."trailId" = d."trailId" AND tp."municipalityId" = d."municipalityId")
      AND NOT EXISTS (SELECT 1 FROM "Position" p
                      WHERE p."trailId" = d."trailId" AND p."municipalityId" = d."municipalityId")
      AND NOT EXISTS (SELECT 1 FROM "ProposedPosition" pp
                      WHERE pp."trailId" = d."trailId" AND pp."municipalityId" = d."municipalityId"
                        AND pp."status" IN ('PROPOSED', 'CONFIRMED'))`;
}

/** The counts per council (for the monitor's table), one grouped query. */
export function missingCountsQuery(before: Date, municipalityId: string | null) {
  return Prisma.sql`SELECT d."municipalityId" AS "municipalityId", COUNT(*) AS "count"
    FROM "Deadline" d
    WHERE ${missingWhere(before, municipalityId)}
    GROUP BY d."municipalityId"`;
}

/** One page of missing decisions, longest overdue first. */
export function missingPageQuery(before: Date, municipalityId: string | null, skip: number, take: number) {
  return Prisma.sql`SELECT d."id", d."trailId", d."municipalityId", d."kind", d."label", d."dueAt"
    FROM "Deadline" d
    WHERE ${missingWhere(before, municipalityId)}
    ORDER BY d."metAt", d."dueAt", d."id"
    LIMIT ${take} OFFSET ${skip}`;
}

export interface MissingDecision {
  deadlineId: string;
  trailId: string;
  trailTitle: string;
  municipalityId: string;
  municipality: string;
  kind: string;
  label: string;
  dueOn: string;
}

/**
 * The monitor for a day: every council's count (or only the given council's) and one page of its missing
 * decisions, longest overdue first.
 */
export async function completeness(
  options: { municipalityId?: string | null; today?: string; page?: number; pageSize?: number } = {},
): Promise<ListPageOf<MissingDecision> & { councils: { municipalityId: string; name: string; count: number }[] }> {
  const today = options.today ?? toDateInputValue(new Date());
  const before = fromDateInputValue(today);
  const municipalityId = options.municipalityId ?? null;
  const pageSize = options.pageSize ?? LIST_PAGE_SIZE;
  const [counts, municipalities] = await Promise.all([
    prisma.$queryRaw<{ municipalityId: string; count: number | bigint }[]>(missingCountsQuery(before, municipalityId)),
    prisma.municipality.findMany({
      where: municipalityId ? { id: municipalityId } : {},
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  const countOf = new Map(counts.map((c) => [c.municipalityId, Number(c.count)]));
  const total = [...countOf.values()].reduce((a, b) => a + b, 0);
  const { page, pages, skip } = pageWithin(total, options.page ?? 1, pageSize);
  const rows = total
    ? await prisma.$queryRaw<
        { id: string; trailId: string; municipalityId: string; kind: string; label: string; dueAt: Date | string }[]
      >(missingPageQuery(before, municipalityId, skip, pageSize))
    : [];
  const trails = new Map(
    (
      await prisma.trail.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.trailId))] } },
        select: { id: true, title: true },
      })
    ).map((t) => [t.id, t.title]),
  );
  const names = new Map(municipalities.map((m) => [m.id, m.name]));
  return {
    councils: municipalities.map((m) => ({ municipalityId: m.id, name: m.name, count: countOf.get(m.id) ?? 0 })),
    total,
    page,
    pages,
    rows: rows.map((r) => ({
      deadlineId: r.id,
      trailId: r.trailId,
      trailTitle: trails.get(r.trailId) ?? "",
      municipalityId: r.municipalityId,
      municipality: names.get(r.municipalityId) ?? "",
      kind: r.kind,
      label: r.label,
      dueOn: toDateInputValue(new Date(r.dueAt)),
    })),
  };
}
