import { beforeAll, describe, expect, it } from "vitest";
import { OPEN_RESOURCES } from "~/models/open-data.server";
import { recordBoardVote } from "~/models/board-vote.server";
import { rotateCalendarToken } from "~/models/calendar-feed.server";
import { countQueries, prisma } from "~/utils/db.server";
import { delftClerkToken } from "../../test/factories/api";
import { wholeTableReads } from "../../test/factories/query-plan";
import { clientFor, get, type Client } from "../../test/factories/request";
import { demoActors } from "../../test/factories/trail";

/*
 * Issue 17: no page's cost grows with the history. Every route's loader is run as the users who see it, on the
 * seeded trails (each kind and stage) and with the filters its forms send, and every SELECT it sends is explained
 * on this engine: none may read a whole table that grows with the trails (wholeTableReads). A list, count or
 * aggregate without an index its plan uses fails here on both engines, before it shows at 10,000 trails.
 */

type RouteModule = {
  loader?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
};

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
};

/**
 * Pages of a list in an index's order whose filter passes most rows, so the walk stops soon after its page. Each
 * was read and judged; a read not named here fails the test until it has an index or is judged too. The bench
 * (bench/scale.ts) measures these pages at 10,000 trails.
 */
const REVIEWED: { statement: RegExp; why: string }[] = [
  {
    statement: /^SELECT .* FROM FinancialItem LEFT JOIN Trail AS j0 /,
    why: "the dashboard's open trails with a shared amount, found from the amounts: few trails carry amounts",
  },
  {
    statement: /^SELECT .* FROM CouncilMeeting WHERE EXISTS\(SELECT t0\.meetingId FROM AgendaItem /,
    why: "the open data's meetings with an accepted item, by date (a page stops after 50)",
  },
  {
    statement: /^SELECT .* FROM AgendaItem WHERE AgendaItem\.status = .* ORDER BY AgendaItem\.createdAt /,
    why: "the open data's accepted agenda items, by date: most items are accepted",
  },
  {
    statement: /^SELECT .* FROM PositionItem LEFT JOIN Position /,
    why: "the open data's amendments and motions of councils' decisions in force: nearly all",
  },
  {
    statement: /^SELECT .* FROM ZienswijzeAnswer LEFT JOIN Position /,
    why: "the open data's answers to zienswijzen in force: nearly all",
  },
  {
    statement: /^SELECT .* FROM Trail WHERE EXISTS\(SELECT t0\.trailId FROM Publication /,
    why: "the public site's trails with a published document, newest first",
  },
];

/** Whether a read is one of the judged walks (its statement without the engines' quotes and schema). */
const reviewed = (read: string) => {
  const statement = read
    .slice(read.indexOf(" in SELECT ") + 4)
    .replace(/[`"]/g, "")
    .replace(/\b(main|public)\./g, "");
  return REVIEWED.some((r) => r.statement.test(statement));
};

interface Seeded {
  trails: { id: string; reference: string }[];
  values: Record<string, string>;
  apiToken: string;
  calendarToken: string;
}

let seeded: Seeded;
const clients = new Map<string, Client>();

beforeAll(async () => {
  const trails = await prisma.trail.findMany({
    where: { reference: { startsWith: "H10-" } },
    select: { id: true, reference: true },
    orderBy: { reference: "asc" },
  });
  const first = async <T extends { id: string }>(row: Promise<T | null>) => (await row)?.id ?? "bestaat-niet";
  const values = {
    documentId: await first(prisma.document.findFirst({ select: { id: true } })),
    municipalityId: await first(prisma.municipality.findFirst({ where: { slug: "delft" }, select: { id: true } })),
    publicationId: await first(prisma.publication.findFirst({ select: { id: true } })),
    attachmentId: await first(prisma.attachment.findFirst({ select: { id: true } })),
    annexId: await first(prisma.attachment.findFirst({ select: { id: true } })),
    meetingId: await first(prisma.councilMeeting.findFirst({ select: { id: true } })),
    proposalId: await first(prisma.proposedPosition.findFirst({ select: { id: true } })),
    userId: await first(
      prisma.user.findFirst({ where: { email: "griffier.delft@h10.example" }, select: { id: true } }),
    ),
    file: "sitemapindex-diwoo-infocat008.xml",
  };
  const actors = await demoActors();
  // The seed has no vote of the board: one on the GR amendment, so that the votes pages read ballots.
  const board = await prisma.municipality.findMany({ where: { participationTo: null }, select: { id: true } });
  const vote = await recordBoardVote(
    trails.find((t) => t.reference === "H10-GR-2024")!.id,
    {
      subject: "Vaststelling ontwerpwijziging GR",
      heldOn: "2024-04-04",
      rule: "QUALIFIED",
      inhabitantsYear: 2022,
      ballots: [{ member: "Voorzitter", choice: "FOR", municipalityIds: board.map((m) => m.id) }],
    },
    actors("secretaris"),
  );
  if (!vote.ok) throw new Error(JSON.stringify(vote));
  seeded = {
    trails,
    values,
    apiToken: await delftClerkToken(),
    calendarToken: await rotateCalendarToken(actors("secretaris")),
  };
  for (const role of ROLES) clients.set(role, await clientFor(`${role}@h10.example`));
});

/** The address of a flat route file with its params filled in, and the params. */
function addressOf(file: string, value: (name: string) => string) {
  const name = file.replace(/^\.\//, "").replace(/\.tsx?$/, "");
  const params: Record<string, string> = {};
  const segments = name
    .replace(/\[\.\]/g, "\u0000")
    .replace(/\[(\.\w+)\]/g, (_, ext: string) => ext.replace(".", "\u0000"))
    .split(".")
    .map((segment) => segment.replaceAll("\u0000", "."))
    .filter((segment) => segment !== "_index")
    .map((segment) => {
      const bare = segment.replace(/_$/, "");
      const param = /^\$(\w*)(.*)$/.exec(bare);
      if (!param) return bare;
      const key = param[1] || "*";
      params[key] = value(key);
      return params[key] + param[2];
    });
  return { path: `/${segments.join("/")}`, params };
}

/** The SELECTs a loader sends, its answer's body read to the end (a feed streams its pages as it is read). */
async function statementsOf(route: RouteModule, request: Request, params: Record<string, string>) {
  return countQueries(async () => {
    let answer: unknown;
    try {
      answer = await route.loader!({ request, params, context: {} });
    } catch (thrown) {
      answer = thrown;
    }
    if (answer instanceof Response) await answer.arrayBuffer();
  });
}

describe("every page's statements (issue 17)", () => {
  it(
    "read no table that grows with the trails whole, for every role, trail and filter",
    { timeout: 240_000 },
    async () => {
      const reads: Record<string, string[]> = {};
      let explained = 0;
      const check = async (label: string, route: RouteModule, request: Request, params: Record<string, string>) => {
        const captured = await statementsOf(route, request, params);
        explained += captured.statements.length;
        const found = (await wholeTableReads(captured)).filter((read) => !reviewed(read));
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
          const positions = trail
            ? await prisma.position.findMany({ where: { trailId: trail.id }, select: { id: true }, take: 1 })
            : [];
          const answers = trail
            ? await prisma.zienswijzeAnswer.findMany({ where: { trailId: trail.id }, select: { id: true }, take: 1 })
            : [];
          const value = (key: string) =>
            key === "trailId"
              ? trail!.id
              : key === "positionId"
                ? (positions[0]?.id ?? "bestaat-niet")
                : key === "answerId"
                  ? (answers[0]?.id ?? "bestaat-niet")
                  : key === "trail"
                    ? "H10-GR-2024"
                    : key === "token"
                      ? seeded.calendarToken
                      : (seeded.values[key] ?? "bestaat-niet");
          const splats = isOpenData ? ["", ...OPEN_RESOURCES] : isApi ? ["bestaat-niet"] : [""];
          for (const splat of splats) {
            const { path, params } = addressOf(file, (key) => (key === "*" ? splat : value(key)));
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
      // The sweep reached the pages: thousands of statements, not a handful of refusals.
      expect(explained).toBeGreaterThan(1000);
      expect(reads).toEqual({});
    },
  );
});
