/**
 * A trail's status brief as a tagged PDF: cover, table of contents (with
 * bookmarks), the approval matrix, the main steps, open deadlines, the
 * positions with their processing, and the money with each council's share. Laid out once: the contents page is
 * reserved, and filled in when every section's page is known.
 */
import { writeAnnexTable } from "./annexes.server";
import { dutch } from "~/locales/lookup";
import nl from "~/locales/nl";
import type { TrailBrief } from "~/models/brief.server";
import type { MatrixCell } from "~/utils/approval-matrix";
import { atwRestDay } from "~/utils/deadlines";
import { eventDay, eventSentence } from "~/utils/event-sentence";
import { amountText, basisLabel, basisText, notAllocatedText } from "~/utils/finance-text";
import { formatDate, formatDateTime, formatMoney } from "~/utils/format";
import { positionWord } from "~/utils/words";
import { PAGE, PdfWriter, type Cell } from "./writer.server";

const LABELS = { page: (n: number, of: number) => `Pagina ${n} van ${of}`, generatedAt: "Gemaakt op" };

/**
 * The state a cell writes out in words, as the trail page's matrix shows it beside the text: only a state that
 * calls for attention, and only where nothing else in the cell says it already (a deadline's own status, a late
 * position's note, a refusal's label). Every other state is said by the cell's text alone ("Ontvangen",
 * "Nog te verwerken"), once.
 */
function stateWord(cell: MatrixCell, showDeadline: boolean): string | null {
  switch (cell.state) {
    case "overdue":
    case "dueSoon":
      return showDeadline && cell.deadline?.status === cell.state ? null : nl.matrix.state[cell.state];
    case "late":
      return cell.note ? null : nl.matrix.state.late;
    default:
      return null;
  }
}

/** A matrix cell's text: its label, then its date and each remark on a line of its own; the deadline once a row. */
function cellText(cell: MatrixCell, showDeadline = true): string {
  const word = stateWord(cell, showDeadline);
  const lines = [`${dutch(cell.label)}${word ? ` (${word})` : ""}`];
  if (cell.date) lines.push(formatDate(cell.date));
  if (cell.withheld?.ground)
    lines.push(dutch("matrix.withheldGround", { ground: dutch(`grounds.${cell.withheld.ground}`) }));
  if (cell.note) lines.push(dutch(cell.note));
  if (cell.deadline && showDeadline) {
    lines.push(
      `${nl.matrix.due} ${formatDate(cell.deadline.dueOn)} (${dutch(`deadlineStatus.${cell.deadline.status}`)})`,
    );
    if (cell.deadline.extendedFrom)
      lines.push(dutch("deadline.extendedShort", { from: formatDate(cell.deadline.extendedFrom) }));
  }
  return lines.join("\n");
}

/** Where the Algemene termijnenwet moved a term's end, cited. */
function extendedText(extendedFrom: string, dueOn: string): string {
  return dutch("deadline.extended", {
    from: formatDate(extendedFrom),
    day: dutch(`atw.days.${atwRestDay(extendedFrom)}`),
    date: formatDate(dueOn),
  });
}

/** A step of the timeline as the trail page writes it, in Dutch: who did what for which council, and when. */
function stepSentence(event: TrailBrief["timeline"][number]): string {
  return eventSentence(event, (key, values) => dutch(key, values), "nl");
}

const tNl = (key: string, values: Record<string, unknown> = {}) =>
  dutch(key, values as Record<string, string | number>);

/** The amounts, and for each shared amount every municipality's share with its basis and the total. */
function writeFinances(writer: PdfWriter, items: TrailBrief["finances"]) {
  if (!items.length) {
    writer.paragraph("Voor dit traject zijn (nog) geen financiële gevolgen vastgelegd.");
    return;
  }
  writer.table(
    [nl.finance.label, nl.finance.kind, nl.finance.year, nl.finance.amount, nl.finance.key],
    items.map((item) => [
      item.label,
      nl.finance.kinds[item.kind],
      String(item.year),
      amountText(item.cents, tNl, "nl"),
      item.key?.name ?? nl.finance.notShared,
    ]),
    { widths: [0.34, 0.12, 0.1, 0.2, 0.24], rowHeaders: true, caption: nl.finance.itemsCaption },
  );
  for (const item of items) {
    if (!item.allocation || !item.key) continue;
    const caption = tNl("finance.sharesCaption", {
      label: item.label,
      amount: amountText(item.cents, tNl, "nl"),
      kind: nl.finance.kinds[item.kind],
      year: item.year,
      key: item.key.name,
    });
    if (!item.allocation.ok) {
      writer.paragraph([{ text: `${caption}: `, bold: true }, { text: notAllocatedText(item.allocation, tNl) }]);
      continue;
    }
    const shares = item.allocation.shares;
    writer.paragraph([{ text: caption, bold: true }]);
    writer.table(
      [nl.region.municipality, basisLabel(item, tNl), nl.finance.share],
      [
        ...shares.map((s) => [s.municipality, basisText(item, s.basis, tNl, "nl"), formatMoney(s.cents, "nl")]),
        [
          nl.finance.total,
          "",
          formatMoney(
            shares.reduce((sum, s) => sum + s.cents, 0),
            "nl",
          ),
        ],
      ],
      { widths: [0.4, 0.3, 0.3], rowHeaders: true, caption },
    );
  }
  if (items.some((item) => item.allocation?.ok)) writer.paragraph([{ text: nl.finance.rule, italic: true }]);
}

function layout(brief: TrailBrief, generatedAt: Date): PdfWriter {
  const { trail } = brief;
  const writer = new PdfWriter({
    title: `Statusbrief: ${trail.title}`,
    subject: `${dutch(`trailKinds.${trail.kind}`)} ${trail.reference}`,
    header: `Statusbrief ${trail.reference} — ${trail.title}`,
    generatedAt,
    labels: LABELS,
  });

  // Cover.
  writer.heading(1, `Statusbrief: ${trail.title}`);
  writer.paragraph([{ text: "Soort traject: ", bold: true }, { text: dutch(`trailKinds.${trail.kind}`) }]);
  writer.paragraph([{ text: "Kenmerk: ", bold: true }, { text: trail.reference }]);
  writer.paragraph([{ text: "Gestart op: ", bold: true }, { text: formatDate(trail.startedOn) }]);
  writer.paragraph([
    { text: `Stand op ${formatDate(brief.today)}: `, bold: true },
    { text: dutch(`trailStates.${trail.state}`) },
  ]);
  if (trail.summary) writer.paragraph(trail.summary);
  writer.paragraph([{ text: `Gemaakt op ${formatDateTime(generatedAt)}.`, italic: true }]);

  // Table of contents on its own page.
  writer.newPage();
  const sections = [
    "Goedkeuring per gemeente",
    "Verloop van het traject",
    "Open termijnen",
    "Standpunten en hun verwerking",
    "Financiën",
    nl.annexes.title,
  ];
  writer.heading(2, "Inhoud");
  // The entries are written once the sections' pages are known (the pages are buffered).
  const toc = writer.section("TOC");
  const tocPlace = { page: writer.doc.bufferedPageRange().count - 1, y: writer.doc.y };

  writer.newPage();
  writer.heading(2, sections[0]!);
  const matrixHeader = [nl.region.municipality, ...Object.values(nl.matrix.columns)];
  const matrixRows = brief.matrix.map((row) => [
    row.name,
    // A deadline shows once a row, as on the trail page: with the state when the state has it, else with the receipt.
    cellText(row.received, row.received.deadline?.dueOn !== row.position.deadline?.dueOn),
    cellText(row.college),
    cellText(row.committee),
    cellText(row.council),
    cellText(row.position),
    cellText(row.processed),
  ]);
  writer.table(matrixHeader, matrixRows, {
    // Short names and "Nog niets" take little room; a label with its date and deadline gets more.
    widths: writer.fittedWidths(matrixHeader, matrixRows, { rowHeaders: true, size: 8 }),
    rowHeaders: true,
    caption: nl.matrix.title,
    size: 8,
  });

  // The heading stays with the table's header and first rows.
  writer.ensureSpace(120);
  writer.heading(2, sections[1]!);
  // Dated as on the trail page: the day the step took place, and apart from it who logged it and when.
  const stepsHeader = [nl.pdf.date, nl.pdf.step, nl.pdf.recorded];
  const steps = brief.timeline.map((e) => {
    const day = eventDay(e);
    return [
      day ? formatDate(day) : "—",
      stepSentence(e),
      e.actor ? `${e.actor.name}\n${formatDateTime(e.at)}` : formatDateTime(e.at),
    ];
  });
  writer.table(stepsHeader, steps, { widths: writer.fittedWidths(stepsHeader, steps), caption: sections[1] });

  writer.heading(2, sections[2]!);
  if (brief.openDeadlines.length) {
    writer.table(
      ["Termijn", "Gemeente", "Uiterlijk", "Stand", "Grondslag"],
      brief.openDeadlines.map((d) => [
        d.kind === "target" ? d.label : dutch(`deadlineKinds.${d.kind}`),
        d.municipality ?? "Regio",
        d.extendedFrom ? `${formatDate(d.dueOn)}. ${extendedText(d.extendedFrom, d.dueOn)}` : formatDate(d.dueOn),
        dutch(`deadlineStatus.${d.status}`),
        d.basis ?? "—",
      ]),
      { widths: [0.26, 0.18, 0.18, 0.14, 0.24], caption: sections[2] },
    );
  } else writer.paragraph("Er zijn geen open termijnen.");

  writer.heading(2, sections[3]!);
  if (!brief.positions.length) writer.paragraph("Er zijn nog geen standpunten vastgelegd.");
  for (const p of brief.positions) {
    const section = writer.section("Sect");
    writer.heading(
      3,
      `${p.municipality} — ${dutch(positionWord(p.bodyKind, p.kind))}${p.meetingDate ? ` (${formatDate(p.meetingDate)})` : ""}`,
      section,
    );
    if (p.lateAfter)
      writer.paragraph(
        [
          { text: `${nl.position.lateTitle} `, bold: true },
          {
            text: dutch("position.lateRecorded", {
              date: p.meetingDate ? formatDate(p.meetingDate) : "",
              dueOn: formatDate(p.lateAfter),
            }),
          },
        ],
        section,
      );
    writer.paragraph(p.text, section);
    const facts: Cell[] = [];
    if (p.votes) facts.push(`${p.votes.for} voor, ${p.votes.against} tegen, ${p.votes.abstained} onthouden`);
    if (facts.length) writer.paragraph([{ text: "Stemming: ", bold: true }, { text: String(facts[0]) }], section);
    if (p.legalGround)
      writer.paragraph(
        [
          { text: "Grond (Wgr art. 1 lid 4): ", bold: true },
          { text: `${dutch(`grounds.${p.legalGround}`)}. Motivering: zie de tekst hierboven.` },
        ],
        section,
      );
    if (p.forTheRecord) writer.paragraph(dutch("position.recordedAfterClose"), section);
    writer.paragraph(
      p.processing
        ? [
            { text: "Verwerking: ", bold: true },
            {
              text: `${nl.outcomes[p.processing.outcome as keyof typeof nl.outcomes]} — ${p.processing.location}. ${p.processing.reason}${
                p.processing.lateCounts === null
                  ? ""
                  : ` ${p.processing.lateCounts ? nl.matrix.lateCounts : nl.matrix.lateNotCounted}.`
              }`,
            },
          ]
        : [
            { text: "Verwerking: ", bold: true },
            {
              text:
                p.processingState === "closedUnprocessed"
                  ? dutch("matrix.closedUnprocessed")
                  : p.processingState === "notNeeded"
                    ? dutch("matrix.nothingToProcess")
                    : "nog niet verwerkt",
            },
          ],
      section,
    );
    writer.endSection(section);
  }

  writer.heading(2, sections[4]!);
  writeFinances(writer, brief.finances);

  writer.heading(2, sections[5]!);
  if (!brief.annexes.trail.length && !brief.annexes.documents.length) writer.paragraph(dutch("annexes.none"));
  if (brief.annexes.trail.length) {
    writer.heading(3, dutch("annexes.ofTrail"));
    writeAnnexTable(writer, brief.annexes.trail, dutch("annexes.ofTrail"));
  }
  for (const document of brief.annexes.documents) {
    const title = dutch("annexes.ofDocument", { title: document.title, revision: document.revision });
    writer.heading(3, title);
    writeAnnexTable(writer, document.annexes, title);
  }

  const pages = new Map(writer.sections.filter((x) => x.level === 2).map((x) => [x.title, x.page + 1]));
  writer.doc.switchToPage(tocPlace.page);
  writer.doc.y = tocPlace.y;
  for (const title of sections) {
    toc.add(
      writer.doc.struct("TOCI", {}, () => {
        const y = writer.doc.y;
        writer.doc
          .font("regular")
          .fontSize(10)
          .text(title, PAGE.margin.left, y, { width: writer.contentWidth * 0.75, lineBreak: false });
        writer.doc.text(`pagina ${pages.get(title) ?? "—"}`, PAGE.margin.left + writer.contentWidth * 0.75, y, {
          width: writer.contentWidth * 0.25,
          align: "right",
          lineBreak: false,
        });
        writer.doc.x = PAGE.margin.left;
        writer.doc.y = y + 16;
      }),
    );
  }
  writer.endSection(toc);
  return writer;
}

/** The brief as PDF bytes. */
export function renderTrailBriefPdf(brief: TrailBrief, generatedAt = new Date()): Promise<Buffer> {
  return layout(brief, generatedAt).finish();
}
