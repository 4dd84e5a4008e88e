import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { signInHttp, visitor, type HttpSession } from "../ops/http-client";
import { writeReport } from "../ops/report";
import { makeTokens, root } from "../ops/server-process";
import { serverStderrMark, serverStderrSince } from "./helpers";

/**
 * Hostile and malformed input to every form action and API endpoint of the
 * running production server: each answer must be a clear 4xx, and the
 * database must be exactly as before (every table's row count and the audit
 * trail's last event; sign-in attempts and sessions aside, which are the
 * sign-in page's own bookkeeping).
 */
const base = () => inject("baseUrl");
const dataDir = () => inject("e2eDataDir");
const password = () => inject("demoPassword");

function fingerprint(): string {
  const db = new Database(path.join(dataDir(), "h10.db"), { readonly: true });
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('Session', 'LoginAttempt', '_prisma_migrations') AND name NOT LIKE 'sqlite_%'",
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  const counts = tables.map((t) => `${t}:${(db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n}`);
  const last = db.prepare("SELECT MAX(sequence) AS s FROM Event").get() as { s: number };
  const changed = db.prepare("SELECT MAX(updatedAt) AS t FROM Trail").get() as { t: string };
  db.close();
  return `${counts.join(",")}|event:${last.s}|trail:${changed.t}`;
}

function ids() {
  const db = new Database(path.join(dataDir(), "h10.db"), { readonly: true });
  const one = <T>(sql: string) => db.prepare(sql).get() as T;
  const result = {
    amendment: one<{ id: string }>("SELECT id FROM Trail WHERE reference = 'H10-GR-2024'").id,
    exit: one<{ id: string }>("SELECT id FROM Trail WHERE reference = 'H10-UIT-VOORSCHOTEN'").id,
    document: one<{ id: string }>(
      "SELECT d.id FROM Document d JOIN Trail t ON t.id = d.trailId WHERE t.reference = 'H10-GR-2024'",
    ).id,
    denHaag: one<{ id: string }>("SELECT id FROM Municipality WHERE slug = 'den-haag'").id,
    delft: one<{ id: string }>("SELECT id FROM Municipality WHERE slug = 'delft'").id,
    denHaagPosition: one<{ id: string }>(
      "SELECT p.id FROM Position p JOIN Municipality m ON m.id = p.municipalityId WHERE m.slug = 'den-haag' ORDER BY p.loggedAt LIMIT 1",
    ).id,
  };
  db.close();
  return result;
}

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

      /** Every route with an action, with the user who may use it. */
      const forms: { file: string; url: string; who: Who; noFields?: boolean; signOut?: boolean }[] = [
        { file: "beheer.gebruikers.tsx", url: "/beheer/gebruikers", who: "beheer" },
        { file: "beheer.inwoners.tsx", url: "/beheer/inwoners", who: "beheer" },
        { file: "beheer.ondertekening.tsx", url: "/beheer/ondertekening", who: "beheer" },
        { file: "contracten.tsx", url: "/contracten", who: "secretaris" },
        { file: "documenten.$documentId.tsx", url: `/documenten/${id.document}`, who: "secretaris" },
        { file: "documenten.$documentId_.bewerken.tsx", url: `/documenten/${id.document}/bewerken`, who: "secretaris" },
        { file: "inloggen.tsx", url: "/inloggen", who: null },
        { file: "instellingen.tsx", url: "/instellingen", who: "griffier.delft" },
        { file: "meldingen.tsx", url: "/meldingen", who: "griffier.delft", noFields: true },
        { file: "taal.tsx", url: "/taal", who: "griffier.delft" },
        { file: "trajecten.$trailId.tsx", url: `/trajecten/${id.amendment}`, who: "secretaris" },
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
        { file: "trajecten.nieuw.tsx", url: "/trajecten/nieuw", who: "secretaris" },
        { file: "uitloggen.tsx", url: "/uitloggen", who: "griffier.delft", noFields: true, signOut: true },
        { file: "verdeelsleutels.tsx", url: "/verdeelsleutels", who: "secretaris" },
        { file: "vergaderingen.tsx", url: "/vergaderingen", who: "griffier.delft" },
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
});
