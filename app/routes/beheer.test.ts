import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { getUser } from "~/utils/session.server";
import { clientFor, formPost, get, outcome, type Client } from "../../test/factories/request";
import { action as usersAction, loader as usersLoader } from "./beheer.gebruikers";
import { action as editUserAction, loader as editUserLoader } from "./beheer.gebruikers_.$userId";
import { action as inhabitantsAction } from "./beheer.inwoners";

const args = (request: Request) => ({ request, params: {}, context: {} });

describe("administration", () => {
  it("is closed to every role but the administrator", async () => {
    for (const email of ["secretaris@h10.example", "griffier.delft@h10.example", "wethouder.den-haag@h10.example"]) {
      const client = await clientFor(email);
      expect((await outcome(() => usersLoader(args(get(client, "/beheer/gebruikers"))))).status).toBe(403);
      const post = await outcome(() =>
        inhabitantsAction(
          args(formPost(client, "/beheer/inwoners", { municipalityId: "x", year: "2023", count: "1" })),
        ),
      );
      expect(post.status).toBe(403);
    }
  });

  it("sets an inhabitant figure for a year and records it in the audit trail", async () => {
    const admin = await clientFor("beheer@h10.example");
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const result = await outcome(() =>
      inhabitantsAction(
        args(
          formPost(admin, "/beheer/inwoners", {
            municipalityId: delft.id,
            year: "2023",
            count: "104575",
            source: "CBS",
          }),
        ),
      ),
    );
    expect(result.status).toBe(200);
    const figure = await prisma.inhabitantCount.findUniqueOrThrow({
      where: { municipalityId_year: { municipalityId: delft.id, year: 2023 } },
    });
    expect(figure.count).toBe(104575);
    const event = await prisma.event.findFirstOrThrow({ orderBy: { sequence: "desc" } });
    expect(event.type).toBe("inhabitants.set");
  });

  it("rejects a malformed inhabitant figure and writes nothing", async () => {
    const admin = await clientFor("beheer@h10.example");
    const westland = await prisma.municipality.findUniqueOrThrow({ where: { slug: "westland" } });
    const before = await prisma.inhabitantCount.count();
    for (const fields of [
      { municipalityId: westland.id, year: "2023", count: "-5" },
      { municipalityId: westland.id, year: "twee", count: "112000" },
      { municipalityId: westland.id, year: "2023", count: "1.5" },
      { municipalityId: "bestaat-niet", year: "2023", count: "112000" },
    ]) {
      const result = await outcome(() => inhabitantsAction(args(formPost(admin, "/beheer/inwoners", fields))));
      expect(result.status).toBe(400);
    }
    expect(await prisma.inhabitantCount.count()).toBe(before);
  });

  it("creates a clerk bound to a municipality, with a hashed password", async () => {
    const admin = await clientFor("beheer@h10.example");
    const rijswijk = await prisma.municipality.findUniqueOrThrow({ where: { slug: "rijswijk" } });
    const result = await outcome(() =>
      usersAction(
        args(
          formPost(admin, "/beheer/gebruikers", {
            intent: "create",
            name: "Plaatsvervangend griffier Rijswijk",
            email: "Plv.Griffier@Rijswijk.example",
            role: "CLERK",
            municipalityId: rijswijk.id,
            password: "een-lang-wachtwoord",
          }),
        ),
      ),
    );
    expect(result.status).toBe(200);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "plv.griffier@rijswijk.example" } });
    expect(user).toMatchObject({ role: "CLERK", municipalityId: rijswijk.id });
    expect(user.passwordHash).not.toContain("een-lang-wachtwoord");
    expect(await verifyPassword("een-lang-wachtwoord", user.passwordHash)).toBe(true);
  });

  it("refuses a clerk without a municipality, a duplicate address and a short password", async () => {
    const admin = await clientFor("beheer@h10.example");
    const before = await prisma.user.count();
    const cases: [Record<string, string>, string][] = [
      [
        {
          intent: "create",
          name: "Griffier",
          email: "nieuw@h10.example",
          role: "CLERK",
          municipalityId: "",
          password: "een-lang-wachtwoord",
        },
        "validation.municipalityRequiredForRole",
      ],
      [
        {
          intent: "create",
          name: "Dubbel",
          email: "griffier.delft@h10.example",
          role: "SECRETARY",
          municipalityId: "",
          password: "een-lang-wachtwoord",
        },
        "errorCodes.email_taken",
      ],
      [
        {
          intent: "create",
          name: "Kort",
          email: "kort@h10.example",
          role: "SECRETARY",
          municipalityId: "",
          password: "kort",
        },
        "validation.passwordTooShort",
      ],
      [
        {
          intent: "create",
          name: "Rol",
          email: "rol@h10.example",
          role: "KONING",
          municipalityId: "",
          password: "een-lang-wachtwoord",
        },
        "validation.roleRequired",
      ],
    ];
    for (const [fields, message] of cases) {
      const result = await outcome(() => usersAction(args(formPost(admin, "/beheer/gebruikers", fields))));
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.body)).toContain(message);
    }
    expect(await prisma.user.count()).toBe(before);
  });

  it("blocks a user, which ends their sessions", async () => {
    const admin = await clientFor("beheer@h10.example");
    const target = await clientFor("wethouder.zoetermeer@h10.example");
    expect(await prisma.session.count({ where: { userId: target.userId! } })).toBeGreaterThan(0);
    const result = await outcome(() =>
      usersAction(args(formPost(admin, "/beheer/gebruikers", { intent: "disable", userId: target.userId! }))),
    );
    expect(result.status).toBe(200);
    expect(await prisma.session.count({ where: { userId: target.userId! } })).toBe(0);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.userId! } })).disabledAt).not.toBeNull();
  });
});

describe("editing a user", () => {
  const edit = (client: Client, userId: string, fields: Record<string, string>) =>
    outcome(() =>
      editUserAction({
        ...args(formPost(client, `/beheer/gebruikers/${userId}`, { intent: "edit", ...fields })),
        params: { userId },
      }),
    );

  it("saves a new role and municipality through the form, and ends the user's sessions", async () => {
    const admin = await clientFor("beheer@h10.example");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "wethouder.delft@h10.example" } });
    const theirs = await clientFor(user.email);
    const page = await outcome(() =>
      editUserLoader({ ...args(get(admin, `/beheer/gebruikers/${user.id}`)), params: { userId: user.id } }),
    );
    expect((page.body as { user: { email: string } }).user.email).toBe(user.email);
    const westland = await prisma.municipality.findUniqueOrThrow({ where: { slug: "westland" } });
    const result = await edit(admin, user.id, {
      name: user.name,
      email: user.email,
      role: "CLERK",
      municipalityId: westland.id,
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ saved: true, sessionsEnded: true });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      role: "CLERK",
      municipalityId: westland.id,
    });
    expect(await getUser(get(theirs, "/regio"))).toBeNull();
  });

  it("answers a duplicate address, a missing municipality and an unknown user with a clear error, writing nothing", async () => {
    const admin = await clientFor("beheer@h10.example");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "griffier.zoetermeer@h10.example" } });
    const events = await prisma.event.count();
    const taken = await edit(admin, user.id, {
      name: user.name,
      email: "SECRETARIS@h10.example",
      role: "CLERK",
      municipalityId: user.municipalityId!,
    });
    expect(taken.status).toBe(400);
    expect(JSON.stringify(taken.body)).toContain("errorCodes.email_taken");
    const noMunicipality = await edit(admin, user.id, { name: user.name, email: user.email, role: "CLERK" });
    expect(noMunicipality.status).toBe(400);
    expect(JSON.stringify(noMunicipality.body)).toContain("validation.municipalityRequiredForRole");
    expect((await edit(admin, "bestaat-niet", { name: "x", email: "x@h10.example", role: "ADMIN" })).status).toBe(404);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
    expect(await prisma.event.count()).toBe(events);
  });

  it("is closed to every role but the administrator", async () => {
    const secretary = await clientFor("secretaris@h10.example");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "griffier.delft@h10.example" } });
    const result = await edit(secretary, user.id, { name: "x", email: user.email, role: "ADMIN" });
    expect(result.status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("CLERK");
  });

  it("refuses to block or demote the last active administrator", async () => {
    const admin = await clientFor("beheer@h10.example");
    const self = await prisma.user.findUniqueOrThrow({ where: { email: "beheer@h10.example" } });
    const demoted = await edit(admin, self.id, { name: self.name, email: self.email, role: "SECRETARY" });
    expect(demoted.status).toBe(400);
    expect(JSON.stringify(demoted.body)).toContain("errorCodes.last_admin");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: self.id } })).role).toBe("ADMIN");
  });
});

describe("importing inhabitant figures from a CBS CSV", () => {
  const sample = readFileSync(new URL("../../test/fixtures/cbs-bevolking-2024.csv", import.meta.url));
  const upload = (client: Client, bytes: Uint8Array) => {
    const body = new FormData();
    body.set("csrf", client.csrf);
    body.set("file", new File([bytes as BlobPart], "bevolking.csv", { type: "text/csv" }));
    return new Request("http://127.0.0.1/beheer/inwoners", {
      method: "POST",
      headers: { Cookie: client.cookie },
      body,
    });
  };

  it("previews an uploaded file, then writes what the file says when confirmed, not what the form claims", async () => {
    const admin = await clientFor("beheer@h10.example");
    const preview = await outcome(() => inhabitantsAction(args(upload(admin, sample))));
    expect(preview.status).toBe(200);
    const state = (preview.body as { cbs: { csv: string; preview: { rows: unknown[] }; written: null } }).cbs;
    expect(state.preview.rows).toHaveLength(10);
    expect(state.written).toBeNull();
    expect(await prisma.inhabitantCount.count({ where: { year: 2024 } })).toBe(0);

    // The confirmation carries only the file: a figure slipped into the form is not read.
    const confirmed = await outcome(() =>
      inhabitantsAction(
        args(
          formPost(admin, "/beheer/inwoners", {
            intent: "cbs-confirm",
            csv: state.csv,
            source: "CBS",
            "rows[0].newCount": "1",
          }),
        ),
      ),
    );
    expect(confirmed.status).toBe(200);
    expect((confirmed.body as { cbs: { written: number } }).cbs.written).toBe(10);
    const delft = await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } });
    const figure = await prisma.inhabitantCount.findUniqueOrThrow({
      where: { municipalityId_year: { municipalityId: delft.id, year: 2024 } },
    });
    expect(figure).toMatchObject({ count: 105_296, source: "CBS" });
  });

  it("confirms nothing when the file sent back has a bad line, and refuses a file too large", async () => {
    const admin = await clientFor("beheer@h10.example");
    const events = await prisma.event.count();
    const bad = `"Regio's";"Regiocode";"Perioden";"Bevolking op 1 januari (aantal)"\n"Delft";"GM0503";"2025";"106.000"\n"Westland";"GM1783";"2025";"veel"`;
    const refused = await outcome(() =>
      inhabitantsAction(args(formPost(admin, "/beheer/inwoners", { intent: "cbs-confirm", csv: bad }))),
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('"problem":"count_invalid"');
    expect(await prisma.inhabitantCount.count({ where: { year: 2025 } })).toBe(0);
    expect(await prisma.event.count()).toBe(events);

    const large = new Uint8Array(300 * 1024).fill(0x41);
    const tooLarge = await outcome(() => inhabitantsAction(args(upload(admin, large))));
    expect(tooLarge.status).toBe(413);
    expect((tooLarge.body as { cbsError: string }).cbsError).toBe("csv_too_large");
    const pasted = await outcome(() =>
      inhabitantsAction(
        args(formPost(admin, "/beheer/inwoners", { intent: "cbs-preview", csv: "A".repeat(300 * 1024) })),
      ),
    );
    expect(pasted.status).toBe(413);
  });

  it("is closed to every role but the administrator", async () => {
    const clerk = await clientFor("griffier.delft@h10.example");
    const result = await outcome(() => inhabitantsAction(args(upload(clerk, sample))));
    expect(result.status).toBe(403);
  });
});
