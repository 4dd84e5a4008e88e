import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { postChunked, signInHttp, visitor, type HttpSession, type StreamedAnswer } from "../ops/http-client";
import { filled, MB, multipart } from "../factories/bodies";
import { writeReport } from "../ops/report";
import { makeTokens, root } from "../ops/server-process";
import { baseUrl, demoPassword, e2eDataDir, serverPid, serverStderrMark, serverStderrSince } from "./helpers";

/**
 * Hostile and malformed input to every form action and API endpoint of the
 * running production server: each answer must be a clear 4xx, and the
 * database must be exactly as before (every table's row count and the audit
 * trail's last event; sign-in attempts and sessions aside, which are the
 * sign-in page's own bookkeeping).
 */
const base = baseUrl;
const dataDir = e2eDataDir;
const password = demoPassword;

function fingerprint(): string {
  const db = new Database(path.join(dataDir(), "h10.db"), { readonly: true });
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('Session', 'LoginAttempt', '_prisma_migrations') AND name NOT LIKE 'sqlite_%'",
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  const counts = tables.map((t) => {
    const where = t === "Event" ? " WHERE type NOT LIKE 'security.%'" : "";
    return `${t}:${(db.prepare(`SELECT COUNT(*) AS n FROM "${t}"${where}`).get() as { n: number }).n}`;
  });
  // Sign-ins and their refusals are security events of the audit trail: bookkeeping, like the sessions.
  const last = db.prepare("SELECT MAX(sequence) AS s FROM Event WHERE type NOT LIKE 'security.%'").get() as {
    s: number;
  };
  const changed = db.prepare("SELECT MAX(updatedAt) AS t FROM Trail").get() as { t: string };
  db.close();
  return `${counts.join(",")}|event:${last.s}|trail:${changed.t}`;
}

function ids() {
  const db = new Database(path.join(dataDir(), "h10.db"), { readonly: true });
  const one = <T>(sql: string) => db.prepare(sql).get() as T;
  const result = {
    amendment: one<{ id: string }>("SELECT id FROM Trail WHERE reference = 'H10-GR-2024'").id,
    amendmentRevision: one<{ revision: number }>("SELECT revision FROM Trail WHERE reference = 'H10-GR-2024'").revision,
    exit: one<{ id: string }>("SELECT id FROM Trail WHERE reference = 'H10-UIT-VOORSCHOTEN'").id,
    budget: one<{ id: string }>("SELECT id FROM Trail WHERE reference = 'H10-BEGR-2025'").id,
    document: one<{ id: string }>(
      "SELECT d.id FROM Document d JOIN Trail t ON t.id = d.trailId WHERE t.reference = 'H10-GR-2024'",
    ).id,
    denHaag: one<{ id: string }>("SELECT id FROM Municipality WHERE slug = 'den-haag'").id,
    amendmentPublication: one<{ id: string }>(
      "SELECT p.id FROM Publication p JOIN Trail t ON t.id = p.trailId WHERE t.reference = 'H10-GR-2024' AND p.kind = 'revision'",
    ).id,
    delft: one<{ id: string }>("SELECT id FROM Municipality WHERE slug = 'delft'").id,
    alderman: one<{ id: string }>("SELECT id FROM User WHERE email = 'wethouder.zoetermeer@h10.example'").id,
    delftBudgetZienswijze: one<{ id: string }>(
      "SELECT p.id FROM Position p JOIN Municipality m ON m.id = p.municipalityId JOIN Trail t ON t.id = p.trailId WHERE m.slug = 'delft' AND t.reference = 'H10-BEGR-2025' AND p.kind = 'ZIENSWIJZE'",
    ).id,
    delftProposal: one<{ id: string }>(
      "SELECT id FROM ProposedPosition WHERE sourceId = 'motion:ibabs:gemeente:delft:voorbeeld-zienswijze-gr-2024'",
    ).id,
    denHaagPosition: one<{ id: string }>(
      "SELECT p.id FROM Position p JOIN Municipality m ON m.id = p.municipalityId WHERE m.slug = 'den-haag' ORDER BY p.loggedAt LIMIT 1",
    ).id,
  };
  db.close();
  return result;
}

/** The server process's resident memory in bytes. */
function serverRss(): number {
  const status = fs.readFileSync(`/proc/${serverPid()}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
}

/** Sends a request and watches the server's memory meanwhile: the answer and the highest growth of its RSS. */
async function watched(send: () => Promise<StreamedAnswer>): Promise<StreamedAnswer & { rssGrowth: number }> {
  const before = serverRss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, serverRss())), 20);
  try {
    const answer = await send();
    peak = Math.max(peak, serverRss());
    return { ...answer, rssGrowth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

/** An unsubscribe token of the right form whose signature this server did not make. */
const FORGED_UNSUBSCRIBE = `${"c".repeat(25)}.trailStep.${"A".repeat(43)}`;

type Who = "secretaris" | "beheer" | "griffier.den-haag" | "griffier.delft" | null;

async function post(session: HttpSession | null, url: string, body: BodyInit, headers: Record<string, string> = {}) {
  const response = await fetch(`${base()}${url}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...(session ? { Cookie: session.cookie } : {}),
      ...headers,
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

describe("bad input to every form action and API endpoint", () => {
  it(
    "answers every malformed or hostile request with a clear 4xx and writes nothing",
    { timeout: 300_000 },
    async () => {
      const stderr = serverStderrMark();
      const id = ids();
      const sessions = new Map<Who, HttpSession>();
      for (const who of ["secretaris", "beheer", "griffier.den-haag", "griffier.delft"] as const)
        sessions.set(who, await signInHttp(base(), `${who}@h10.example`, password()));
      const anonymous = await visitor(base());
      // A meeting of Delft's council, for its agenda page's form.
      const delftClerk = sessions.get("griffier.delft")!;
      const added = await post(
        delftClerk,
        "/vergaderingen",
        new URLSearchParams({
          csrf: delftClerk.csrf,
          intent: "add",
          bodyKind: "COMMITTEE",
          // Within the ten years ahead a meeting date may lie.
          date: new Date(Date.now() + 123 * 86_400_000).toISOString().slice(0, 10),
        }).toString(),
      );
      expect(added).toBe(200);
      const meetingDb = new Database(path.join(dataDir(), "h10.db"), { readonly: true });
      const meeting = (
        meetingDb.prepare("SELECT id FROM CouncilMeeting ORDER BY rowid DESC LIMIT 1").get() as { id: string }
      ).id;
      meetingDb.close();

      /** Every route with an action, with the user who may use it. */
      const forms: { file: string; url: string; who: Who; noFields?: boolean; signOut?: boolean }[] = [
        { file: "beheer.gebruikers.tsx", url: "/beheer/gebruikers", who: "beheer" },
        { file: "beheer.gebruikers_.$userId.tsx", url: `/beheer/gebruikers/${id.alderman}`, who: "beheer" },
        { file: "beheer.inwoners.tsx", url: "/beheer/inwoners", who: "beheer" },
        { file: "beheer.ondertekening.tsx", url: "/beheer/ondertekening", who: "beheer" },
        { file: "beheer.raadsinformatie.tsx", url: "/beheer/raadsinformatie", who: "beheer" },
        { file: "voorstellen_.$proposalId.tsx", url: `/voorstellen/${id.delftProposal}`, who: "griffier.delft" },
        { file: "contracten.tsx", url: "/contracten", who: "secretaris" },
        { file: "documenten.$documentId.tsx", url: `/documenten/${id.document}`, who: "secretaris" },
        { file: "documenten.$documentId_.bewerken.tsx", url: `/documenten/${id.document}/bewerken`, who: "secretaris" },
        // The one-click unsubscribe of e-mails: a signed token in the address instead of a session (here a forged one).
        { file: "e-mail.afmelden.tsx", url: `/e-mail/afmelden?t=${FORGED_UNSUBSCRIBE}`, who: null },
        { file: "inloggen.tsx", url: "/inloggen", who: null },
        { file: "inloggen_.code.tsx", url: "/inloggen/code", who: null },
        { file: "instellingen.tsx", url: "/instellingen", who: "griffier.delft" },
        {
          file: "instellingen_.tweestapsverificatie.tsx",
          url: "/instellingen/tweestapsverificatie",
          who: "griffier.delft",
        },
        { file: "instellingen_.wachtwoord.tsx", url: "/instellingen/wachtwoord", who: "griffier.delft" },
        { file: "meldingen.tsx", url: "/meldingen", who: "griffier.delft", noFields: true },
        // An address no page has: a post to it is 404 too.
        { file: "$.tsx", url: "/bestaat-niet", who: "griffier.delft", noFields: true },
        { file: "taal.tsx", url: "/taal", who: "griffier.delft" },
        { file: "trajecten.$trailId.tsx", url: `/trajecten/${id.amendment}`, who: "secretaris" },
        {
          file: "trajecten.$trailId_.concepten.tsx",
          url: `/trajecten/${id.amendment}/concepten`,
          who: "griffier.delft",
        },
        {
          file: "trajecten.$trailId_.documenten.nieuw.tsx",
          url: `/trajecten/${id.amendment}/documenten/nieuw`,
          who: "secretaris",
        },
        { file: "trajecten.$trailId_.financien.tsx", url: `/trajecten/${id.amendment}/financien`, who: "secretaris" },
        {
          file: "trajecten.$trailId_.oplegger.tsx",
          url: `/trajecten/${id.amendment}/oplegger`,
          who: "secretaris",
          noFields: true,
        },
        {
          file: "trajecten.$trailId_.standpunt.$municipalityId.tsx",
          url: `/trajecten/${id.amendment}/standpunt/${id.denHaag}`,
          who: "griffier.den-haag",
        },
        {
          file: "trajecten.$trailId_.standpunten.$positionId.tsx",
          url: `/trajecten/${id.amendment}/standpunten/${id.denHaagPosition}`,
          who: "griffier.den-haag",
        },
        { file: "trajecten.$trailId_.stemmingen.tsx", url: `/trajecten/${id.amendment}/stemmingen`, who: "secretaris" },
        { file: "trajecten.$trailId_.uittreding.tsx", url: `/trajecten/${id.exit}/uittreding`, who: "secretaris" },
        {
          file: "trajecten.$trailId_.antwoorden_.$positionId.tsx",
          url: `/trajecten/${id.budget}/antwoorden/${id.delftBudgetZienswijze}`,
          who: "secretaris",
        },
        {
          file: "trajecten.$trailId_.volgend-jaar.tsx",
          url: `/trajecten/${id.budget}/volgend-jaar`,
          who: "secretaris",
        },
        { file: "trajecten.nieuw.tsx", url: "/trajecten/nieuw", who: "secretaris" },
        { file: "uitloggen.tsx", url: "/uitloggen", who: "griffier.delft", noFields: true, signOut: true },
        { file: "verdeelsleutels.tsx", url: "/verdeelsleutels", who: "secretaris" },
        { file: "vergaderingen.tsx", url: "/vergaderingen", who: "griffier.delft" },
        { file: "vergaderingen_.$meetingId.tsx", url: `/vergaderingen/${meeting}`, who: "griffier.delft" },
        { file: "trajecten.$trailId_.agenda.tsx", url: `/trajecten/${id.amendment}/agenda`, who: "secretaris" },
        {
          file: "trajecten.$trailId_.publicaties.tsx",
          url: `/trajecten/${id.amendment}/publicaties`,
          who: "secretaris",
        },
        {
          file: "trajecten.$trailId_.publicaties_.$publicationId.tsx",
          url: `/trajecten/${id.amendment}/publicaties/${id.amendmentPublication}`,
          who: "secretaris",
        },
      ];
      // The table covers every route that has an action, so a new one cannot be forgotten.
      const withAction = fs
        .readdirSync(path.join(root, "app/routes"))
        .filter(
          (f) =>
            !f.includes(".test.") &&
            !f.startsWith("api.") &&
            fs.readFileSync(path.join(root, "app/routes", f), "utf8").includes("export async function action"),
        );
      expect(forms.map((f) => f.file).sort()).toEqual(withAction.sort());

      const tried: { what: string; status: number }[] = [];
      const expect4xx = async (what: string, send: () => Promise<number>) => {
        const before = fingerprint();
        const started = Date.now();
        const status = await send();
        if (process.env.H10_DEBUG) console.log(what, status, Date.now() - started);
        tried.push({ what, status });
        expect(status, what).toBeGreaterThanOrEqual(400);
        expect(status, what).toBeLessThan(500);
        expect(fingerprint(), `${what} wrote something`).toBe(before);
      };
      const huge = "x".repeat(300_000);
      const script = "<script>alert(document.cookie)</script>";
      const hostileFieldSets: Record<string, string>[] = [
        {},
        {
          intent: script,
          name: script,
          label: script,
          year: "twee",
          count: "-1",
          amount: "1e999",
          kind: script,
          municipalityId: "../../etc/passwd",
          trailId: "' OR 1=1 --",
        },
        { intent: "add", label: huge, title: huge, text: huge, name: huge, subject: huge, reason: huge, note: huge },
        {
          intent: "save",
          id: id.delft,
          method: "EVERYTHING",
          firstTermEndsOn: "31-12-2030",
          heldOn: "2024-02-30",
          dueOn: "gisteren",
          on: "morgen",
          lng: "fr",
        },
        {
          "ballots[0].municipalityIds": script,
          "entries[999999999].value": "1",
          unknownField: "waarde",
          __proto__: "x",
          constructor: "y",
        },
      ];

      for (const form of forms) {
        const session = form.who ? sessions.get(form.who)! : anonymous;
        const fields = (extra: Record<string, string>) =>
          new URLSearchParams({ csrf: session.csrf, ...extra }).toString();
        await expect4xx(`${form.url}: no CSRF token`, () =>
          post(session, form.url, new URLSearchParams({ intent: "add" }).toString()),
        );
        await expect4xx(`${form.url}: forged CSRF token`, () =>
          post(session, form.url, new URLSearchParams({ csrf: "A".repeat(43), intent: "add" }).toString()),
        );
        await expect4xx(`${form.url}: body of 5 MB`, () =>
          post(session, form.url, `csrf=${session.csrf}&text=${"y".repeat(5 * 1024 * 1024)}`),
        );
        await expect4xx(`${form.url}: invalid UTF-8`, () =>
          post(
            session,
            form.url,
            Buffer.concat([Buffer.from(`csrf=${session.csrf}&label=`), Buffer.from([0xff, 0xfe, 0xc3])]),
          ),
        );
        await expect4xx(`${form.url}: percent-encoded invalid UTF-8`, () =>
          post(session, form.url, `csrf=${session.csrf}&label=%FF%FE`),
        );
        // Posted from another site: refused whether the token is valid or not.
        await expect4xx(`${form.url}: Origin of another site`, () =>
          post(session, form.url, fields({ intent: "add" }), { Origin: "http://evil.example" }),
        );
        await expect4xx(`${form.url}: Sec-Fetch-Site cross-site`, () =>
          post(session, form.url, fields({ intent: "add" }), { "Sec-Fetch-Site": "cross-site" }),
        );
        await expect4xx(`${form.url}: JSON instead of a form`, () =>
          post(session, form.url, JSON.stringify({ csrf: session.csrf }), { "Content-Type": "application/json" }),
        );
        // Signing out without a session is no error: it ends on the sign-in page either way.
        if (form.who && !form.signOut) {
          // A session that has ended (signed out elsewhere), and no session at all.
          await expect4xx(`${form.url}: expired session`, () =>
            post(
              { ...anonymous, cookie: `${anonymous.cookie}; __session=${"e".repeat(40)}` },
              form.url,
              fields({ intent: "add" }),
            ),
          );
          await expect4xx(`${form.url}: no session`, () =>
            post(anonymous, form.url, new URLSearchParams({ csrf: anonymous.csrf, intent: "add" }).toString()),
          );
        }
        if (!form.noFields) {
          for (const [i, set] of hostileFieldSets.entries())
            await expect4xx(`${form.url}: hostile fields ${i}`, () => post(session, form.url, fields(set)));
        }
      }

      // The provider's one-click post with a forged token or none: 400, nothing switched off.
      for (const token of [FORGED_UNSUBSCRIBE, ""])
        await expect4xx(`one-click unsubscribe with token "${token}"`, () =>
          post(null, `/e-mail/afmelden?t=${token}`, "List-Unsubscribe=One-Click"),
        );

      // Another municipality's objects.
      const delft = sessions.get("griffier.delft")!;
      await expect4xx("Delft's clerk logs a position for Den Haag", () =>
        post(
          delft,
          `/trajecten/${id.amendment}/standpunt/${id.denHaag}`,
          new URLSearchParams({
            csrf: delft.csrf,
            body: "COUNCIL",
            kind: "ZIENSWIJZE",
            text: "Namens Den Haag",
            meetingDate: "2024-03-07",
          }).toString(),
        ),
      );
      await expect4xx("Delft's clerk corrects Den Haag's position", () =>
        post(
          delft,
          `/trajecten/${id.amendment}/standpunten/${id.denHaagPosition}`,
          new URLSearchParams({ csrf: delft.csrf, intent: "correct", reason: "Onjuist", text: "Anders" }).toString(),
        ),
      );

      // Dates out of their plausible range (app/utils/date-range.ts): before 2000 (0024 was stored as 1924),
      // 9999-12-31, years ahead, or long before the trail began (the seeded amendment started on 1 September 2023).
      const secretary = sessions.get("secretaris")!;
      const denHaagClerk = sessions.get("griffier.den-haag")!;
      const form = (session: HttpSession, fields: Record<string, string>) =>
        new URLSearchParams({ csrf: session.csrf, ...fields }).toString();
      for (const meetingDate of ["0024-03-07", "9999-12-31", "2099-03-07", "2020-03-07"]) {
        await expect4xx(`a position with meeting date ${meetingDate}`, () =>
          post(
            denHaagClerk,
            `/trajecten/${id.amendment}/standpunt/${id.denHaag}`,
            form(denHaagClerk, {
              revision: String(id.amendmentRevision),
              bodyKind: "COUNCIL:MOTION",
              text: "Motie",
              meetingDate,
            }),
          ),
        );
      }
      await expect4xx("a correction with meeting date 0099-01-01", () =>
        post(
          denHaagClerk,
          `/trajecten/${id.amendment}/standpunten/${id.denHaagPosition}`,
          form(denHaagClerk, { intent: "correct", reason: "Typfout", text: "Anders", meetingDate: "0099-01-01" }),
        ),
      );
      for (const [what, fields] of [
        ["a target date of 9999-12-31", { intent: "target", label: "Streefdatum", dueOn: "9999-12-31" }],
        ["a target date of 2010", { intent: "target", label: "Streefdatum", dueOn: "2010-01-01" }],
      ] as const) {
        await expect4xx(what, () => post(secretary, `/trajecten/${id.amendment}`, form(secretary, fields)));
      }
      for (const on of ["2099-01-01", "9999-12-31"]) {
        await expect4xx(`Delft's council giving no zienswijze on ${on}`, () =>
          post(
            delft,
            `/trajecten/${id.amendment}`,
            form(delft, {
              intent: "event",
              type: "NO_ZIENSWIJZE",
              municipalityId: id.delft,
              revision: String(id.amendmentRevision),
              on,
            }),
          ),
        );
      }
      await expect4xx("a trail starting in 0017", () =>
        post(
          secretary,
          "/trajecten/nieuw",
          form(secretary, { kind: "VISION", title: "Regiovisie", reference: "DATUM-0017", startedOn: "0017-05-30" }),
        ),
      );
      await expect4xx("a council meeting in 2099", () =>
        post(delft, "/vergaderingen", form(delft, { intent: "add", bodyKind: "COUNCIL", date: "2099-03-05" })),
      );

      // Hostile documents: a 100,000-deep attribute (was a 500, a stack overflow) and one over 1 MB.
      const depth = 100_000;
      const deep = `{"root":{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","text":"x","format":0,"extra":${"[".repeat(depth)}${"]".repeat(depth)}}]}]}}`;
      const paragraph = (text: string) => ({
        type: "paragraph",
        children: [{ type: "text", text, format: 0 }],
      });
      const large = JSON.stringify({
        root: { type: "root", children: Array.from({ length: 12 }, () => paragraph("x".repeat(90_000))) },
      });
      for (const [what, content, status] of [
        ["a 100,000-deep document", deep, 400],
        ["a document over 1 MB", large, 413],
      ] as const) {
        await expect4xx(what, async () => {
          const answer = await post(
            secretary,
            `/documenten/${id.document}/bewerken`,
            form(secretary, { intent: "save", baseRevision: "1", content }),
          );
          expect(answer, what).toBe(status);
          return answer;
        });
      }

      // A clerk generating the oplegger (a route without a page).
      await expect4xx("Den Haag's clerk generates the oplegger", () =>
        post(
          sessions.get("griffier.den-haag")!,
          `/trajecten/${id.amendment}/oplegger`,
          new URLSearchParams({ csrf: sessions.get("griffier.den-haag")!.csrf }).toString(),
        ),
      );

      // A file name that climbs out of the attachments folder, with content that is no PDF.
      const denHaag = sessions.get("griffier.den-haag")!;
      const upload = new FormData();
      upload.set("csrf", denHaag.csrf);
      upload.set("intent", "attach");
      upload.set(
        "file",
        new File([new TextEncoder().encode("#!/bin/sh\nrm -rf /\n")], "../../../../tmp/h10-uitbraak.pdf", {
          type: "application/pdf",
        }),
      );
      await expect4xx("an upload named ../../../../tmp/h10-uitbraak.pdf", async () => {
        const response = await fetch(`${base()}/trajecten/${id.amendment}/standpunten/${id.denHaagPosition}`, {
          method: "POST",
          redirect: "manual",
          headers: { Cookie: denHaag.cookie },
          body: upload,
        });
        await response.arrayBuffer();
        return response.status;
      });
      expect(fs.existsSync("/tmp/h10-uitbraak.pdf")).toBe(false);
      for (const traversal of [
        "/bijlagen/..%2F..%2Fh10.db",
        "/bijlagen/../../h10.db",
        "/documenten/..%2F..%2Fsession-secret",
      ]) {
        const response = await fetch(`${base()}${traversal}`, { headers: { Cookie: denHaag.cookie } });
        expect(response.status, traversal).toBe(404);
        expect(await response.text()).not.toMatch(/SQLite format|^[A-Za-z0-9_-]{43}$/);
      }

      // The JSON API.
      const seeded = makeTokens(dataDir());
      const api = (token: string | null, body: BodyInit, type = "application/json") =>
        post(null, `/api/v1/trails/${id.amendment}/positions`, body, {
          "Content-Type": type,
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        });
      const valid = {
        expectedRevision: 0,
        municipalityId: id.delft,
        body: "COUNCIL",
        kind: "MOTION",
        text: "Motie",
        meetingDate: "2024-03-07",
      };
      const delftToken = seeded.tokens.delft!;
      const apiCases: [string, () => Promise<number>][] = [
        ["API: no token", () => api(null, JSON.stringify(valid))],
        ["API: unknown token", () => api("h10_onbekend", JSON.stringify(valid))],
        ["API: malformed JSON", () => api(delftToken, "{ municipalityId: ")],
        ["API: invalid UTF-8", () => api(delftToken, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]))],
        [
          "API: wrong types",
          () => api(delftToken, JSON.stringify({ ...valid, expectedRevision: "nul", votes: "veel" })),
        ],
        ["API: missing fields", () => api(delftToken, JSON.stringify({ text: "Motie" }))],
        ["API: unknown field", () => api(delftToken, JSON.stringify({ ...valid, approvedBy: "iedereen" }))],
        ["API: huge string", () => api(delftToken, JSON.stringify({ ...valid, text: huge }))],
        ["API: body of 5 MB", () => api(delftToken, JSON.stringify({ ...valid, text: "z".repeat(5 * 1024 * 1024) }))],
        ["API: script in an id", () => api(delftToken, JSON.stringify({ ...valid, municipalityId: script }))],
        ["API: another municipality", () => api(delftToken, JSON.stringify({ ...valid, municipalityId: id.denHaag }))],
        [
          "API: form instead of JSON",
          () => api(delftToken, new URLSearchParams({ text: "Motie" }).toString(), "application/x-www-form-urlencoded"),
        ],
        ["API: array body", () => api(delftToken, JSON.stringify([valid]))],
        ...["2099-03-07", "0024-03-07", "9999-12-31", "2020-03-07"].map(
          (meetingDate) =>
            [
              `API: meeting date ${meetingDate}`,
              () => api(delftToken, JSON.stringify({ ...valid, expectedRevision: id.amendmentRevision, meetingDate })),
            ] as [string, () => Promise<number>],
        ),
      ];
      for (const [what, send] of apiCases) await expect4xx(what, send);

      writeReport("bad input", {
        inputsTried: tried.length,
        rejectedWith4xx: tried.filter((t) => t.status >= 400 && t.status < 500).length,
        formActions: forms.length,
        statuses: [...new Set(tried.map((t) => t.status))].sort().join(", "),
      });
      // A client's mistake is answered, not logged as the server's: no stack trace on stderr.
      expect(await serverStderrSince(stderr)).not.toMatch(/^\s+at |Unexpected Server Error|ErrorResponseImpl/m);
    },
  );

  it(
    "refuses bodies over a limit, chunked or not, with a clear 4xx before reading them, and writes nothing",
    { timeout: 300_000 },
    async () => {
      const id = ids();
      const denHaag = await signInHttp(base(), "griffier.den-haag@h10.example", password());
      const delft = await signInHttp(base(), "griffier.delft@h10.example", password());
      const token = makeTokens(dataDir()).tokens.delft!;
      const position = `${base()}/trajecten/${id.amendment}/standpunten/${id.denHaagPosition}`;
      const boundary = "----h10-grens-4f1c9a";
      const upload = (session: HttpSession) => ({
        Cookie: session.cookie,
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
      });
      const twelveFiles = (session: HttpSession) =>
        multipart(boundary, [
          { name: "csrf", value: session.csrf },
          ...Array.from({ length: 12 }, (_, i) => ({ name: "file", file: `bijlage-${i + 1}.pdf`, size: 9 * MB })),
        ]);
      const cases: {
        what: string;
        send: () => Promise<StreamedAnswer>;
        status: number;
        /** The error's stable code (JSON), or its Dutch message (the error page). */
        says: string;
        /** The most the client may have sent when the answer came: what the server read, plus the sockets' buffers. */
        maxSent: number;
        /** A small body may all have come before the answer: then the connection may stay. */
        small?: true;
      }[] = [
        {
          what: "Den Haag's clerk: 12 files of 9 MB, chunked, to his own position",
          send: () => postChunked(position, upload(denHaag), twelveFiles(denHaag)),
          status: 413,
          says: "te veel onderdelen",
          maxSent: 32 * MB,
        },
        {
          what: "Delft's clerk: 12 files of 9 MB, chunked, to Den Haag's position",
          send: () => postChunked(position, upload(delft), twelveFiles(delft)),
          status: 403,
          says: "U mag voor dit orgaan geen bijlage toevoegen.",
          maxSent: 16 * MB,
        },
        {
          what: "a multipart part header of 40 MB that never ends, chunked",
          send: () =>
            postChunked(
              position,
              upload(denHaag),
              filled(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\nX-Vulling: `, 40 * MB),
            ),
          status: 413,
          says: "Het formulier is te groot.",
          maxSent: 32 * MB,
        },
        {
          what: "a multipart form of 200 fields and a file",
          send: () =>
            postChunked(
              position,
              upload(denHaag),
              multipart(boundary, [
                { name: "csrf", value: denHaag.csrf },
                ...Array.from({ length: 200 }, () => ({ name: "intent", value: "attach" })),
                { name: "file", file: "raadsbesluit.pdf", size: 1000 },
              ]),
            ),
          status: 413,
          says: "te veel onderdelen",
          maxSent: 16 * MB,
          small: true,
        },
        {
          what: "a file of 9 MB before the CSRF token",
          send: () =>
            postChunked(
              position,
              upload(denHaag),
              multipart(boundary, [
                { name: "file", file: "raadsbesluit.pdf", size: 9 * MB },
                { name: "csrf", value: denHaag.csrf },
              ]),
            ),
          status: 403,
          says: "Het formulier is verlopen of komt niet van deze site.",
          maxSent: 16 * MB,
        },
        {
          what: "a chunked urlencoded form of 20 MB",
          send: () =>
            postChunked(
              position,
              { Cookie: denHaag.cookie, "Content-Type": "application/x-www-form-urlencoded" },
              filled(`csrf=${denHaag.csrf}&intent=item&text=`, 20 * MB),
            ),
          status: 413,
          says: "Het formulier is te groot.",
          maxSent: 32 * MB,
        },
        {
          what: "API: chunked JSON of 20 MB",
          send: () =>
            postChunked(
              `${base()}/api/v1/trails/${id.amendment}/positions`,
              { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
              filled('{"text":"', 20 * MB),
            ),
          status: 413,
          says: '"code":"body_too_large"',
          maxSent: 32 * MB,
        },
      ];
      const figures: Record<string, string> = {};
      for (const c of cases) {
        const before = fingerprint();
        const answer = await watched(c.send).catch((error: Error) => error);
        // A reset connection instead of an answer (every case is tried and reported, passing or not).
        expect.soft(answer, `${c.what}: no answer`).not.toBeInstanceOf(Error);
        if (answer instanceof Error) {
          figures[c.what] = `no answer: ${answer.message}`;
          continue;
        }
        figures[c.what] =
          `${answer.status} after ${answer.ms} ms, ${(answer.bytesSent / MB).toFixed(1)} MB sent, ` +
          `server RSS +${(answer.rssGrowth / MB).toFixed(0)} MB`;
        if (process.env.H10_DEBUG) console.log(c.what, figures[c.what]);
        expect.soft(answer.status, c.what).toBe(c.status);
        expect.soft(answer.body, c.what).toContain(c.says);
        expect.soft(answer.bytesSent, `${c.what}: the server read on`).toBeLessThan(c.maxSent);
        // The server read no further: it says so, and closes the connection once the answer is out.
        if (!c.small) expect.soft(answer.headers.connection, c.what).toBe("close");
        expect.soft(answer.ms, c.what).toBeLessThan(10_000);
        expect.soft(answer.rssGrowth, `${c.what}: server memory`).toBeLessThan(48 * MB);
        expect.soft(fingerprint(), `${c.what} wrote something`).toBe(before);
      }
      writeReport("oversized bodies", figures);
    },
  );
  it("never redirects off the site, and serves files named with any characters", { timeout: 120_000 }, async () => {
    const here = new URL(base()).origin;
    const targets = [
      "/\t/evil.example/x",
      "/\t\\evil.example",
      "//evil.example/x",
      "/\\evil.example/x",
      "https://evil.example/x",
      "javascript:alert(1)",
      "/\u3000/x",
      "/%2F%2Fevil.example",
      "\r\n/evil",
    ];
    const stayOnSite = (what: string, location: string | null) => {
      expect(location, what).not.toBeNull();
      expect(new URL(location!, base()).origin, `${what} → ${location}`).toBe(here);
      expect(location!, what).toMatch(/^\/(?![/\\])/);
      expect(location!, what).not.toMatch(/[\t\r\n\\]/);
    };
    for (const redirectTo of targets) {
      // After sign-in (a clerk who is not limited by the other tests).
      const session = await visitor(base());
      const signedIn = await fetch(`${base()}/inloggen`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: session.cookie },
        body: new URLSearchParams({
          csrf: session.csrf,
          email: "griffier.westland@h10.example",
          password: password(),
          redirectTo,
        }),
      });
      expect(signedIn.status, JSON.stringify(redirectTo)).toBe(302);
      stayOnSite(`sign-in with ${JSON.stringify(redirectTo)}`, signedIn.headers.get("Location"));
      // After a language switch.
      const switched = await fetch(`${base()}/taal`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: session.cookie },
        body: new URLSearchParams({ csrf: session.csrf, lng: "en", redirectTo }),
      });
      expect(switched.status, JSON.stringify(redirectTo)).toBe(302);
      stayOnSite(`language switch with ${JSON.stringify(redirectTo)}`, switched.headers.get("Location"));
    }

    // Word names files with an en dash; others use €, ĳ or Greek. They upload and download (RFC 6266).
    const id = ids();
    const denHaag = await signInHttp(base(), "griffier.den-haag@h10.example", password());
    for (const name of ["Zienswijze – raad Den Haag.pdf", "€uro ĳ Ω.pdf"]) {
      const upload = new FormData();
      upload.set("csrf", denHaag.csrf);
      upload.set("intent", "attach");
      upload.set("file", new File([new TextEncoder().encode(`%PDF-1.4\n% ${name}\n%%EOF\n`)], name));
      const stored = await fetch(`${base()}/trajecten/${id.amendment}/standpunten/${id.denHaagPosition}`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: denHaag.cookie },
        body: upload,
      });
      expect(stored.status, name).toBeLessThan(400);
      await stored.arrayBuffer();
      const db = new Database(path.join(dataDir(), "h10.db"), { readonly: true });
      const row = db.prepare("SELECT id FROM Attachment WHERE fileName = ? ORDER BY rowid DESC").get(name) as
        { id: string } | undefined;
      db.close();
      expect(row, name).toBeDefined();
      const download = await fetch(`${base()}/bijlagen/${row!.id}`, { headers: { Cookie: denHaag.cookie } });
      expect(download.status, name).toBe(200);
      const disposition = download.headers.get("Content-Disposition")!;
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
      expect(disposition).toMatch(/filename="[\x20-\x7e]+"/);
      expect(Buffer.from(await download.arrayBuffer()).toString("latin1")).toMatch(/^%PDF-1\.4/);
    }
  });
});
