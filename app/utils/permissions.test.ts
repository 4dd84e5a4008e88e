import { describe, expect, it } from "vitest";
import { canAdminister, canRecordReceipt, roleNeedsMunicipality } from "./permissions";

const delft = "m-delft";
const denHaag = "m-den-haag";

describe("who may write what", () => {
  it("lets a clerk write only for their own municipality", () => {
    const clerk = { id: "u1", role: "CLERK" as const, municipalityId: delft };
    expect(canRecordReceipt(clerk, delft)).toBe(true);
    expect(canRecordReceipt(clerk, denHaag)).toBe(false);
  });

  it("lets a secretary record for any council, and not an alderman or administrator", () => {
    expect(canRecordReceipt({ id: "s", role: "SECRETARY", municipalityId: null }, denHaag)).toBe(true);
    expect(canRecordReceipt({ id: "a", role: "ALDERMAN", municipalityId: delft }, delft)).toBe(false);
    expect(canRecordReceipt({ id: "b", role: "ADMIN", municipalityId: null }, delft)).toBe(false);
  });

  it("binds clerks and aldermen to a municipality and reserves administration for administrators", () => {
    expect(roleNeedsMunicipality("CLERK")).toBe(true);
    expect(roleNeedsMunicipality("ALDERMAN")).toBe(true);
    expect(roleNeedsMunicipality("SECRETARY")).toBe(false);
    expect(canAdminister({ id: "b", role: "ADMIN", municipalityId: null })).toBe(true);
    expect(canAdminister({ id: "s", role: "SECRETARY", municipalityId: null })).toBe(false);
  });
});
