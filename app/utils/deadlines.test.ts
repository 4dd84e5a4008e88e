import { describe, expect, it } from "vitest";
import { atwRestDay, deadlineStatus } from "./deadlines";

describe("deadline status", () => {
  it("is met when the step happened on or before the due date", () => {
    expect(deadlineStatus("2024-03-11", "2024-03-07", "2024-04-01")).toBe("met");
    expect(deadlineStatus("2024-03-11", "2024-03-11", "2024-04-01")).toBe("met");
  });
  it("is late, not met, when the step happened after the due date (issue 16, Legal 1)", () => {
    expect(deadlineStatus("2024-03-11", "2024-03-28", "2024-04-01")).toBe("late");
    expect(deadlineStatus("2024-03-11", "2024-03-12", "2024-03-12")).toBe("late");
  });
  it("is overdue from the day after the due date", () => {
    expect(deadlineStatus("2024-03-11", null, "2024-03-11")).toBe("dueSoon");
    expect(deadlineStatus("2024-03-11", null, "2024-03-12")).toBe("overdue");
  });
  it("is due soon within fourteen days, open before that", () => {
    expect(deadlineStatus("2018-03-01", null, "2018-02-15")).toBe("dueSoon");
    expect(deadlineStatus("2018-03-01", null, "2018-02-14")).toBe("open");
  });
  it("never makes an effective date overdue: it is scheduled, then in effect (issue 16, Legal 5)", () => {
    expect(deadlineStatus("2024-01-01", null, "2026-12-02", "exitEffective")).toBe("inEffect");
    expect(deadlineStatus("2024-01-01", null, "2024-01-01", "exitEffective")).toBe("inEffect");
    expect(deadlineStatus("2024-01-01", null, "2023-12-31", "exitEffective")).toBe("scheduled");
    // A deadline of another kind on the same date still alarms.
    expect(deadlineStatus("2024-01-01", null, "2026-12-02", "exitNotice")).toBe("overdue");
  });
  it("names the rest day an extended term ended on", () => {
    expect(atwRestDay("2024-04-01")).toBe("tweedePaasdag");
    expect(atwRestDay("2024-03-09")).toBe("saturday");
    expect(atwRestDay("2024-03-10")).toBe("sunday");
  });
});
