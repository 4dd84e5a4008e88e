import { beforeAll, describe, expect, it } from "vitest";
import { OPEN_RESOURCES } from "~/models/open-data.server";
import { addAnnex } from "~/models/annex.server";
import { recordBoardVote } from "~/models/board-vote.server";
import { rotateCalendarToken } from "~/models/calendar-feed.server";
import { logPosition } from "~/models/position.server";
import { fromDateInputValue } from "~/utils/format";
import { countQueries, prisma } from "~/utils/db.server";
import { delftClerkToken } from "../../test/factories/api";
import { onPostgres, underLimit, wholeTableReads } from "../../test/factories/query-plan";
import { clientFor, get, type Client } from "../../test/factories/request";
import { routeAddress, type RouteModule } from "../../test/factories/routes";
import { demoActors } from "../../test/factories/trail";

/*
 * Issue 17: no page's cost grows with the history. Every route's loader is run as the users who see it, on the
 * seeded trails (each kind and stage) and with the filters its forms send, and every SELECT it sends is explained
 * on this engine: none may read a whole table that grows with the trails (wholeTableReads). A list, count or
 * aggregate without an index its plan uses fails here on both engines, before it shows at 10,000 trails.
 */

const modules = import.meta.glob<RouteModule>(["./*.ts", "./*.tsx", "!./*.test.ts", "!./*.test.tsx"]);

const ROLES = ["secretaris", "griffier.delft", "wethouder.delft", "beheer"] as const;

/** The filters and pages a route's forms and links add to its address, beside the bare address. */
const VARIANTS: Record<string, string[]> = {
  "./overzicht.tsx": [
    "?deadline=week",
    "?deadline=overdue&kind=GR_AMENDMENT",
    "?state=zienswijzeTerm",
    "?status=recentlyClosed",
    "?page=2&inboxPage=2&unprocessedPage=2&overduePage=2",
  ],
  "./trajecten._index.tsx": ["?kind=VISION", "?page=2"],
  "./zoeken.tsx": [
    "?q=zienswijze",
    "?q=zienswijze+delft",
    "?q=zienswijze&kind=position&page=2",
    "?q=begroting&state=closed",
  ],
  "./vergaderingen.tsx": ["?periode=verleden"],
  // The seed's councils lack some signatories: the letters are made once the user confirms that.
  "./documenten.$documentId_.brieven[.pdf].tsx": ["?confirm=on"],
  "./documenten.$documentId_.brieven[.zip].tsx": ["?confirm=on"],
};

/**
 * Pages of a list in an index's order whose filter passes most rows, so the walk stops soon after its page. Each
 * was read and judged; a read not named here fails the test until it has an index or is judged too. The bench
 * (bench/scale.ts) measures these pages at 10,000 trails.
 */
const REVIEWED: { route: string; statement: RegExp; why: string }[] = [
  {
    route: "./dashboard.tsx",
    statement: /^SELECT .* FROM FinancialItem LEFT JOIN Trail AS j0 /,
    why: "the alderman's open trails with a shared amount, found from the amounts: few trails carry amounts",
  },
  {
    route: "./open.$.ts",
    statement: /^SELECT .* FROM CouncilMeeting WHERE EXISTS\(SELECT t0\.meetingId FROM AgendaItem /,
    why: "the open data's meetings with an accepted item, by date (a page stops after 50)",
  },
  {
    route: "./open.$.ts",
    statement: /^SELECT .* FROM AgendaItem WHERE AgendaItem\.status = .* ORDER BY AgendaItem\.createdAt /,
    why: "the open data's accepted agenda items, by date: most items are accepted",
  },
  {
    route: "./open.$.ts",
    statement: /^SELECT .* FROM PositionItem LEFT JOIN Position /,
    why: "the open data's amendments and motions of councils' decisions in force: nearly all",
  },
  {
    route: "./open.$.ts",
    statement: /^SELECT .* FROM ZienswijzeAnswer LEFT JOIN Position /,
    why: "the open data's answers to zienswijzen in force: nearly all",
  },
  {
    route: "./openbaar._index.tsx",
    statement: /^SELECT .* FROM Trail WHERE EXISTS\(SELECT t0\.trailId FROM Publication /,
    why: "the public site's trails with a published document, newest first",
  },
];

/** The judged walk a read of a route is (its statement without the engines' quotes and schema), if any. */
const reviewedAs = (route: string, read: string) => {
  const statement = read
    .slice(read.indexOf(" in SELECT ") + 4)
    .replace(/[`"]/g, "")
    .replace(/\b(main|public)\./g, "");
  return REVIEWED.find((r) => r.route === route && r.statement.test(statement));
};

/**
 * Routes whose loader answers no signed-in user with a page here, and why. Every other route must answer 2xx or 3xx
 * at least once in the sweep, so that its statements were those of the page and not of a refusal.
 */
const REFUSING = new Map([
  ["./e-mail.afmelden.tsx", "an unsubscribe link needs a signed token from an e-mail"],
  ["./$.tsx", "an address no page has: always 404"],
  ["./api.v1.$.ts", "the API's addresses that do not exist"],
  ["./openbaar.documenten.$publicationId_.bijlagen.$attachmentId.ts", "the seed publishes no annex"],
  ["./trajecten.$trailId_.gs-brief[.pdf].tsx", "the letter to Gedeputeerde Staten follows an adopted budget: none is"],
]);

interface Seeded {
  /** The seeded trails, each with its first position and answer to fill a route's params. */
  trails: { id: string; reference: string; positionId?: string; answerId?: string }[];
  values: Record<string, string>;
  apiToken: string;
  calendarToken: string;
}

let seeded: Seeded;
const clients = new Map<string, Client>();

beforeAll(async () => {
  const trails = (
    await prisma.trail.findMany({
      where: { reference: { startsWith: "H10-" } },
      select: {
        id: true,
        reference: true,
        positions: { select: { id: true }, take: 1 },
        zienswijzeAnswers: { select: { id: true }, take: 1 },
      },
      orderBy: { reference: "asc" },
    })
  ).map(({ positions, zienswijzeAnswers, ...trail }) => ({
    ...trail,
    positionId: positions[0]?.id,
    answerId: zienswijzeAnswers[0]?.id,
  }));
  const first = async <T extends { id: string }>(row: Promise<T | null>) => (await row)?.id ?? "bestaat-niet";
  const values: Record<string, string> = {
    // A document sent to the councils: its letters exist.
    documentId: await first(
      prisma.document.findFirst({ where: { revisions: { some: { frozenAt: { not: null } } } }, select: { id: true } }),
    ),
    municipalityId: await first(prisma.municipality.findFirst({ where: { slug: "delft" }, select: { id: true } })),
    publicationId: await first(prisma.publication.findFirst({ select: { id: true } })),
    proposalId: await first(prisma.proposedPosition.findFirst({ select: { id: true } })),
    userId: await first(
      prisma.user.findFirst({ where: { email: "griffier.delft@h10.example" }, select: { id: true } }),
    ),
    file: "sitemapindex-diwoo-infocat008.xml",
  };
  const actors = await demoActors();
  const secretary = actors("secretaris");
  const amendment = trails.find((t) => t.reference === "H10-GR-2024")!.id;
  // The seed has no vote of the board: one on the GR amendment, so that the votes pages read ballots.
  const board = await prisma.municipality.findMany({ where: { participationTo: null }, select: { id: true } });
  const vote = await recordBoardVote(
    amendment,
    {
      subject: "Vaststelling ontwerpwijziging GR",
      heldOn: "2024-04-04",
      rule: "QUALIFIED",
      inhabitantsYear: 2022,
      ballots: [{ member: "Voorzitter", choice: "FOR", municipalityIds: board.map((m) => m.id) }],
    },
    secretary,
  );
  if (!vote.ok) throw new Error(JSON.stringify(vote));
  // Nor has it a council meeting or an annex: Delft's council decides on the GR amendment from its agenda, and the
  // amendment gets an annex.
  const meeting = await prisma.councilMeeting.create({
    data: { municipalityId: values.municipalityId!, bodyKind: "COUNCIL", date: fromDateInputValue("2024-03-07") },
  });
  const item = await prisma.agendaItem.create({
    data: {
      meetingId: meeting.id,
      number: 1,
      title: "Wijziging GR Jeugd",
      trailId: amendment,
      status: "ACCEPTED",
      proposedById: secretary.id,
    },
  });
  const { revision } = await prisma.trail.findUniqueOrThrow({ where: { id: amendment }, select: { revision: true } });
  const decided = await logPosition(
    {
      trailId: amendment,
      expectedRevision: revision,
      municipalityId: values.municipalityId!,
      body: "COUNCIL",
      kind: "ZIENSWIJZE",
      text: "De raad van Delft vraagt de rol van de raden bij de begroting te versterken.",
      meetingDate: "2024-03-07",
      agendaItemId: item.id,
      confirmLate: true,
    },
    secretary,
  );
  if (!decided.ok) throw new Error(JSON.stringify(decided));
  const annex = await addAnnex(
    { kind: "trail", trailId: amendment },
    { name: "advies.pdf", bytes: new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") },
    { title: "Advies" },
    secretary,
  );
  if (!annex.ok) throw new Error(JSON.stringify(annex));
  // A notification of the secretary's on the amendment, for the page that opens one.
  const notification = await prisma.notification.create({
    data: { userId: secretary.id, trailId: amendment, kind: "trailStep", values: "{}" },
  });
  Object.assign(values, {
    meetingId: meeting.id,
    attachmentId: annex.annexId,
    annexId: annex.annexId,
    notificationId: notification.id,
  });
  seeded = {
    trails,
    values,
    apiToken: await delftClerkToken(),
    calendarToken: await rotateCalendarToken(secretary),
  };
  for (const role of ROLES) clients.set(role, await clientFor(`${role}@h10.example`));
});

/**
 * The SELECTs a loader sends, its answer's body read to the end (a feed streams its pages as it is read), and the
 * answer's status (a thrown error other than an answer fails the test).
 */
async function statementsOf(route: RouteModule, request: Request, params: Record<string, string>) {
  return countQueries(async () => {
    let answer: unknown;
    try {
      answer = await route.loader!({ request, params, context: {} });
    } catch (thrown) {
      if (!(thrown instanceof Response) && !isDataWithStatus(thrown)) throw thrown;
      answer = thrown;
    }
    if (answer instanceof Response) {
      await answer.arrayBuffer();
      return answer.status;
    }
    return isDataWithStatus(answer) ? (answer.init?.status ?? 200) : 200;
  });
}

/** Remix's data() result, thrown or returned: `{ type: "DataWithResponseInit", data, init }`. */
function isDataWithStatus(value: unknown): value is { init?: { status?: number } } {
  return typeof value === "object" && value !== null && (value as { type?: string }).type === "DataWithResponseInit";
}

describe("every page's statements (issue 17)", () => {
  it(
    "read no table that grows with the trails whole, for every role, trail and filter",
    { timeout: 240_000 },
    async () => {
      const reads: Record<string, string[]> = {};
      const answered = new Map<string, number[]>();
      const judged = new Set<(typeof REVIEWED)[number]>();
      const check = async (label: string, route: RouteModule, request: Request, params: Record<string, string>) => {
        const file = label.split(" ")[0]!;
        const captured = await statementsOf(route, request, params);
        answered.set(file, [...(answered.get(file) ?? []), captured.result]);
        const found = (await wholeTableReads(captured, { postgresSeqScansOnly: true })).filter((read) => {
          const walk = reviewedAs(file, read);
          if (walk) judged.add(walk);
          return !walk;
        });
        if (found.length) reads[label] = [...new Set(found.map((r) => r.slice(0, 400)))];
      };
      const files = Object.keys(modules).sort();
      for (const file of files) {
        const route = await modules[file]!();
        if (!route.loader) continue;
        const isApi = file.startsWith("./api.");
        const isOpenData = file === "./open.$.ts";
        const hasTrail = file.includes("$trailId");
        const trails = hasTrail ? seeded.trails : [null];
        for (const trail of trails) {
          const value = (key: string) =>
            ({
              trailId: trail?.id,
              positionId: trail?.positionId,
              answerId: trail?.answerId,
              trail: "H10-GR-2024",
              token: seeded.calendarToken,
            })[key] ??
            seeded.values[key] ??
            "bestaat-niet";
          const splats = isOpenData ? ["", ...OPEN_RESOURCES] : isApi ? ["bestaat-niet"] : [""];
          for (const splat of splats) {
            const { path, params } = routeAddress(file, (key) => (key === "*" ? splat : value(key)));
            for (const query of ["", ...(VARIANTS[file] ?? [])]) {
              const url = new URL(path + query, "http://localhost");
              // The API with a bearer token, the rest signed in.
              if (isApi) {
                const request = new Request(url, { headers: { Authorization: `Bearer ${seeded.apiToken}` } });
                await check(`${file} ${path}${query} (token)`, route, request, params);
                continue;
              }
              // A trail's own page differs per role (each sees their own steps); its other pages show all alike.
              const roles =
                file === "./trajecten.$trailId.tsx"
                  ? (["secretaris", "griffier.delft"] as const)
                  : hasTrail
                    ? (["secretaris"] as const)
                    : ROLES;
              for (const role of roles)
                await check(
                  `${file} ${path}${query} (${role})`,
                  route,
                  get(clients.get(role)!, url.pathname + url.search),
                  params,
                );
            }
          }
        }
      }
      // The sweep reached the pages: every route answered with a page (or a redirect) at least once, but those that
      // refuse every signed-in user here.
      const refusedOnly = [...answered]
        .filter(([file, statuses]) => !REFUSING.has(file) && statuses.every((status) => status >= 400))
        .map(([file, statuses]) => `${file}: ${[...new Set(statuses)].join(", ")}`);
      expect(refusedOnly).toEqual([]);
      expect(answered.size).toBeGreaterThan(60);
      expect(reads).toEqual({});
      // Each judged walk is still read by its route: one no page sends any more goes from the list. (On SQLite, where
      // they were judged: on the test's few rows PostgreSQL walks some of them along another index.)
      if (!onPostgres()) expect(REVIEWED.filter((walk) => !judged.has(walk)).map((walk) => walk.why)).toEqual([]);
    },
  );
});

describe("an index walk under a LIMIT (PostgreSQL's plans)", () => {
  it("stops after its page through an incremental sort, not through a sort of everything", () => {
    // The dashboard's open trails, newest first (startedAt desc, id asc), as PostgreSQL planned them in a fresh
    // clone's run: the startedAt index walked backwards, each group of one startedAt sorted by id.
    const walk = [
      "Limit  (cost=0.20..6.35 rows=5 width=166)",
      "  ->  Incremental Sort  (cost=0.20..57.98 rows=47 width=166)",
      '        Sort Key: "startedAt" DESC, id',
      '        Presorted Key: "startedAt"',
      '        ->  Index Scan Backward using "Trail_startedAt_id_idx" on "Trail"  (cost=0.14..47.41 rows=47 width=166)',
      '              Filter: ("closedAt" IS NULL)',
    ];
    expect(underLimit(walk, 4)).toBe(true);
    const sorted = [
      "Limit  (cost=50.1..50.2 rows=5 width=166)",
      "  ->  Sort  (cost=50.1..50.3 rows=47 width=166)",
      "        Sort Key: title",
      '        ->  Index Scan using "Trail_startedAt_id_idx" on "Trail"  (cost=0.14..47.41 rows=47 width=166)',
    ];
    expect(underLimit(sorted, 3)).toBe(false);
    expect(underLimit(walk.slice(1), 3)).toBe(false);
  });
});
