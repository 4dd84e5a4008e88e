import { describe, expect, it } from "vitest";
import { canStartTrail, roleNeedsMunicipality } from "./permissions";

const delft = "m-delft";
const denHaag = "m-den-haag";

describe("who may write what", () => {
  it("lets only a secretary start a trail", () => {
    expect(canStartTrail({ id: "s", role: "SECRETARY", municipalityId: null })).toBe(true);
    expect(canStartTrail({ id: "c", role: "CLERK", municipalityId: delft })).toBe(false);
    expect(canStartTrail({ id: "a", role: "ALDERMAN", municipalityId: denHaag })).toBe(false);
  });

  it("binds clerks and aldermen to a municipality", () => {
    expect(roleNeedsMunicipality("CLERK")).toBe(true);
    expect(roleNeedsMunicipality("ALDERMAN")).toBe(true);
    expect(roleNeedsMunicipality("SECRETARY")).toBe(false);
    expect(roleNeedsMunicipality("ADMIN")).toBe(false);
  });
});

describe("target dates", () => {
  it("are set by secretaries only", async () => {
    const { canSetTargetDate } = await import("./permissions");
    expect(canSetTargetDate({ id: "s", role: "SECRETARY", municipalityId: null })).toBe(true);
    expect(canSetTargetDate({ id: "w", role: "ALDERMAN", municipalityId: "m" })).toBe(false);
  });
});
