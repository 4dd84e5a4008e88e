import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eventFields, WORKFLOWS } from "./registry";
import { TRAIL_KINDS } from "./shared/types";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** The values of `enum TrailKind { … }` in a Prisma schema. */
function prismaEnum(schema: string): string[] {
  const text = fs.readFileSync(path.join(root, schema), "utf8");
  const body = /enum TrailKind \{([^}]*)\}/.exec(text)?.[1] ?? "";
  return body
    .split("\n")
    .map((line) => line.replace(/\/\/.*$/, "").trim())
    .filter(Boolean);
}

describe("the kinds of trail", () => {
  it("are one list: the registry's workflows and both databases' enums say the same", () => {
    expect(Object.keys(WORKFLOWS).sort()).toEqual([...TRAIL_KINDS].sort());
    expect(prismaEnum("prisma/schema.prisma")).toEqual([...TRAIL_KINDS]);
    expect(prismaEnum("prisma/postgresql/schema.prisma")).toEqual([...TRAIL_KINDS]);
  });

  it("name each step's form fields from the step's payload schema", () => {
    expect(eventFields("GR_AMENDMENT", "DRAFT_RECEIVED")).toEqual(["on"]);
    expect(eventFields("EXIT", "CONSENT_WITHHELD")).toEqual(["on", "ground", "reason"]);
    expect(eventFields("EXIT", "COLLEGE_DECIDED")).toContain("wishedExitOn");
    expect(eventFields("BUDGET_CYCLE", "AB_MEETING_MOVED")).toEqual(["abMeetingOn"]);
    // A step of another kind, or none at all: no fields.
    expect(eventFields("VISION", "CONSENT_WITHHELD")).toEqual([]);
    expect(eventFields("VISION", "NO_SUCH_STEP")).toEqual([]);
  });
});
