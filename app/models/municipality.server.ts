import { prisma } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions";
import { appendEvent } from "./event.server";

/** The municipalities of the region with their inhabitant figures, newest year first. */
export function listMunicipalities() {
  return prisma.municipality.findMany({
    orderBy: { name: "asc" },
    include: { inhabitantCounts: { orderBy: { year: "desc" } } },
  });
}

export function listMunicipalityOptions() {
  return prisma.municipality.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** Whether a municipality takes part in the arrangement on a given day. */
export function participatesOn(
  municipality: { participationFrom: Date; participationTo: Date | null },
  day: Date,
): boolean {
  return (
    municipality.participationFrom <= day &&
    (municipality.participationTo === null || day < municipality.participationTo)
  );
}

export interface InhabitantFigure {
  municipalityId: string;
  year: number;
  count: number;
  source: string | null;
}

/** Sets the inhabitants of one municipality for one year (1 January), recording the change. */
export async function setInhabitantCount(input: InhabitantFigure, actor: Actor): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const municipality = await tx.municipality.findUnique({
      where: { id: input.municipalityId },
      select: { id: true },
    });
    if (!municipality) return false;
    const previous = await tx.inhabitantCount.findUnique({
      where: { municipalityId_year: { municipalityId: input.municipalityId, year: input.year } },
    });
    await tx.inhabitantCount.upsert({
      where: { municipalityId_year: { municipalityId: input.municipalityId, year: input.year } },
      create: input,
      update: { count: input.count, source: input.source },
    });
    await appendEvent(tx, {
      type: "inhabitants.set",
      actor,
      payload: { ...input, previousCount: previous?.count ?? null },
    });
    return true;
  });
}

/** The signatories of a municipality's letters; empty names are cleared. */
export async function setSignatories(
  input: { municipalityId: string; mayorName: string | null; secretaryName: string | null },
  actor: Actor,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.municipality.updateMany({
      where: { id: input.municipalityId },
      data: { mayorName: input.mayorName || null, secretaryName: input.secretaryName || null },
    });
    if (!count) return false;
    await appendEvent(tx, { type: "municipality.signatories_set", actor, payload: input });
    return true;
  });
}
