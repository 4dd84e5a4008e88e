/**
 * One letter per participating council from a document of the trail: the
 * per-municipality fields filled (its name, its council, its inhabitants, its
 * share of a regional cost once issue 7's figures exist) and signed by its own
 * burgemeester and gemeentesecretaris.
 */
import type { MunicipalityField, SerializedDocument } from "~/editor/document-json";
import { prisma } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";

export interface CouncilLetter {
  municipalityId: string;
  municipality: string;
  fields: Record<MunicipalityField, string>;
  mayorName: string | null;
  secretaryName: string | null;
}

/** The revision to send (given, or the last sent, or the latest) and a letter per participating council. */
export async function councilLetters(documentId: string, revisionNumber?: number) {
  const document = await prisma.document.findUnique({
    where: { id: documentId },
    include: {
      trail: { include: { participants: { include: { municipality: { include: { inhabitantCounts: { orderBy: { year: "desc" }, take: 1 } } } } } } },
      revisions: { orderBy: { number: "desc" }, select: { number: true, frozenAt: true } },
    },
  });
  if (!document || !document.revisions.length) return null;
  const number = revisionNumber ?? (document.revisions.find((r) => r.frozenAt) ?? document.revisions[0]!).number;
  const revision = await prisma.documentRevision.findUnique({ where: { documentId_number: { documentId, number } } });
  if (!revision) return null;
  // Every council that takes part in the trail gets its letter.
  const letters: CouncilLetter[] = document.trail.participants
    .map((p) => p.municipality)
    .sort((a, b) => a.name.localeCompare(b.name, "nl"))
    .map((m) => ({
      municipalityId: m.id,
      municipality: m.name,
      fields: {
        name: m.name,
        council: `de gemeenteraad van ${m.name}`,
        inhabitants: m.inhabitantCounts[0] ? formatNumber(m.inhabitantCounts[0].count) : "[inwonertal onbekend]",
        // The regional amounts and their allocation arrive with the money issue (7).
        share: "[aandeel nog niet vastgesteld]",
      },
      mayorName: m.mayorName,
      secretaryName: m.secretaryName,
    }));
  return {
    document: { id: document.id, title: document.title, kind: document.kind },
    trail: { id: document.trail.id, title: document.trail.title, reference: document.trail.reference },
    revision: { number: revision.number, sent: revision.frozenAt !== null },
    content: JSON.parse(revision.content) as SerializedDocument,
    letters,
  };
}

export type CouncilLetters = NonNullable<Awaited<ReturnType<typeof councilLetters>>>;
