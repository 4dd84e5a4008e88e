import { describe, expect, it } from "vitest";
import { deadlineStatus } from "./deadlines";

describe("deadline status", () => {
  it("is met once the step happened, whatever the date", () => {
    expect(deadlineStatus("2024-03-11", "2024-03-20", "2024-04-01")).toBe("met");
  });
  it("is overdue from the day after the due date", () => {
    expect(deadlineStatus("2024-03-11", null, "2024-03-11")).toBe("dueSoon");
    expect(deadlineStatus("2024-03-11", null, "2024-03-12")).toBe("overdue");
  });
  it("is due soon within fourteen days, open before that", () => {
    expect(deadlineStatus("2018-03-01", null, "2018-02-15")).toBe("dueSoon");
    expect(deadlineStatus("2018-03-01", null, "2018-02-14")).toBe("open");
  });
});
