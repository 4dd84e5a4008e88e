/**
 * One letter per participating council from a document of the trail: the
 * per-municipality fields filled (its name, its council, its inhabitants, its
 * share of the trail's regional amounts) and signed by its own burgemeester
 * and gemeentesecretaris.
 */
import type { MunicipalityField, SerializedDocument } from "~/editor/document-json";
import { prisma } from "~/utils/db.server";
import { dutch } from "~/locales/lookup";
import { contributionSentence, ownShareText, sharesOf, unsharedOf } from "~/utils/finance-text";
import { formatNumber, toDateInputValue } from "~/utils/format";
import { revisionAnnexes, type Annex } from "./annex.server";
import { readBlob, safeFileName } from "./attachment.server";
import { budgetContributions } from "./contribution.server";
import { trailFinances, type FinanceItemView } from "./finance.server";

export interface CouncilLetter {
  municipalityId: string;
  municipality: string;
  fields: Record<MunicipalityField, string>;
  mayorName: string | null;
  secretaryName: string | null;
  /** This council's share of each of the trail's shared amounts. */
  shares: { item: FinanceItemView; cents: number }[];
  /** The amounts not shared yet, with why: "pm" in the letter, never left out. */
  unshared: { item: FinanceItemView; reason: string }[];
  /** A budget cycle's letter: "Uw bijdrage voor 2025 is € X (2024: € Y, +Z %).", with this council's figures. */
  contribution: string | null;
}

const tNl = (key: string, values: Record<string, unknown> = {}) =>
  dutch(key, values as Record<string, string | number>);

/** The revision to send (given, or the last sent, or the latest) and a letter per participating council. */
export async function councilLetters(documentId: string, revisionNumber?: number) {
  const document = await prisma.document.findUnique({
    where: { id: documentId },
    include: {
      trail: {
        include: {
          participants: {
            include: { municipality: { include: { inhabitantCounts: { orderBy: { year: "desc" }, take: 1 } } } },
          },
        },
      },
      revisions: { orderBy: { number: "desc" }, select: { id: true, number: true, frozenAt: true } },
    },
  });
  if (!document || !document.revisions.length) return null;
  const number = revisionNumber ?? lettersRevisionOf(document.revisions).number;
  const revision = await prisma.documentRevision.findUnique({ where: { documentId_number: { documentId, number } } });
  if (!revision) return null;
  const { items } = await trailFinances(document.trail.id);
  const annexes = await revisionAnnexes(revision.id);
  const contributions = await budgetContributions(document.trail.id);
  const contributionOf = (municipalityId: string) => {
    const row = contributions?.rows.find((r) => r.municipalityId === municipalityId);
    return row ? contributionSentence(contributions!.budgetYear, row, tNl, "nl") : null;
  };
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
        share: ownShareText(items, m.id, tNl, "nl") ?? "[aandeel nog niet vastgesteld]",
      },
      mayorName: m.mayorName,
      secretaryName: m.secretaryName,
      shares: sharesOf(items, m.id),
      unshared: unsharedOf(items, tNl),
      contribution: contributionOf(m.id),
    }));
  return {
    document: { id: document.id, title: document.title, kind: document.kind },
    trail: { id: document.trail.id, title: document.trail.title, reference: document.trail.reference },
    /** `sentOn`: the day it went to the councils (YYYY-MM-DD), the letters' date; null while unsent. */
    revision: {
      number: revision.number,
      sent: revision.frozenAt !== null,
      sentOn: revision.frozenAt ? toDateInputValue(revision.frozenAt) : null,
    },
    content: JSON.parse(revision.content) as SerializedDocument,
    letters,
    /** The revision's annexes, which every letter lists (and the zip may carry). */
    annexes,
  };
}

/** The revision letters go out with: the last one sent to the councils, else the latest (revisions newest first). */
export function lettersRevisionOf<R extends { frozenAt: Date | null }>(revisions: readonly R[]): R {
  return revisions.find((r) => r.frozenAt) ?? revisions[0]!;
}

/**
 * The annexes' files for the zip of letters, each under "Bijlagen/" with a name that is safe (no path, no
 * control characters) and unique in the zip ("advies.pdf", "advies (2).pdf"), checked against their hashes.
 */
export function annexFilesForZip(annexes: readonly Pick<Annex, "fileName" | "sha256">[]) {
  const used = new Set<string>();
  return annexes.map((annex) => {
    const name = safeFileName(annex.fileName);
    const dot = name.lastIndexOf(".");
    const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    let unique = name;
    for (let n = 2; used.has(unique.toLowerCase()); n++) unique = `${stem} (${n})${extension}`;
    used.add(unique.toLowerCase());
    return { name: `Bijlagen/${unique}`, bytes: readBlob(annex.sha256) };
  });
}

export type CouncilLetters = NonNullable<Awaited<ReturnType<typeof councilLetters>>>;

/** The councils whose letter would be signed "[naam nog in te voeren]": a burgemeester's or secretary's name missing. */
export function lettersWithoutSignatory(
  letters: Pick<CouncilLetter, "municipality" | "mayorName" | "secretaryName">[],
) {
  return letters
    .filter((l) => !l.mayorName || !l.secretaryName)
    .map((l) => ({ municipality: l.municipality, mayor: !l.mayorName, secretary: !l.secretaryName }));
}

/** The participating councils of a document's trail that lack a signatory's name, for the warning before letters go out. */
export async function missingSignatories(documentId: string) {
  const document = await prisma.document.findUnique({
    where: { id: documentId },
    select: {
      trail: {
        select: {
          participants: {
            select: { municipality: { select: { name: true, mayorName: true, secretaryName: true } } },
          },
        },
      },
    },
  });
  if (!document) return [];
  return lettersWithoutSignatory(
    document.trail.participants
      .map(({ municipality: m }) => ({ municipality: m.name, mayorName: m.mayorName, secretaryName: m.secretaryName }))
      .sort((a, b) => a.municipality.localeCompare(b.municipality, "nl")),
  );
}

/**
 * Letters are only made with a "[naam nog in te voeren]" signatory when the
 * user confirmed it (`?confirm=on`, the box on the document page); otherwise
 * a 409 names the councils and nothing is made.
 */
export function requireSignatoriesOrConfirmation(set: CouncilLetters, request: Request): Response | null {
  const missing = lettersWithoutSignatory(set.letters);
  if (!missing.length || new URL(request.url).searchParams.get("confirm") === "on") return null;
  return Response.json(
    {
      code: "signatories_missing",
      message: `Bij ${missing.map((m) => m.municipality).join(", ")} ontbreekt nog de naam van een ondertekenaar; hun brief zou "[naam nog in te voeren]" dragen. Vul de namen in bij Beheer › Ondertekening, of bevestig op de documentpagina dat u de brieven toch maakt.`,
      municipalities: missing.map((m) => m.municipality),
    },
    { status: 409, headers: { "Cache-Control": "no-store" } },
  );
}
