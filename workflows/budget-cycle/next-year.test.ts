import { describe, expect, it } from "vitest";
import { weekday } from "../shared/dates";
import { nextCycleReference, nextCycleTitle, proposedAbMeeting, withNextYear } from "./next-year";

describe("next year's cycle, proposed from this one", () => {
  it("moves the budget year on in the title, reference and summary, and leaves other years alone", () => {
    expect(nextCycleTitle("Begroting 2025 GR Servicebureau Jeugdhulp Haaglanden", 2025)).toBe(
      "Begroting 2026 GR Servicebureau Jeugdhulp Haaglanden",
    );
    expect(nextCycleReference("H10-BEGR-2025", 2025)).toBe("H10-BEGR-2026");
    expect(withNextYear("De begrotingscyclus 2025 (€ 3.091.150 in 2021; zie 20250 en 12025)", 2025)).toBe(
      "De begrotingscyclus 2026 (€ 3.091.150 in 2021; zie 20250 en 12025)",
    );
    expect(withNextYear("Jaarlijkse begroting", 2025)).toBeNull();
    // A title or reference without the year gets it added.
    expect(nextCycleTitle("Begroting GR Jeugd", 2025)).toBe("Begroting GR Jeugd (2026)");
    expect(nextCycleReference("H10-BEGR", 2025)).toBe("H10-BEGR-2026");
  });

  it("proposes the AB meeting a year later on a working day, within the year", () => {
    // Thursday 4 July 2024: Friday 4 July 2025 is a working day.
    expect(proposedAbMeeting("2024-07-04")).toBe("2025-07-04");
    // Sunday 5 July 2026 moves on to Monday.
    expect(proposedAbMeeting("2025-07-05")).toBe("2026-07-06");
    expect(weekday("2026-07-06")).toBe(1);
    // 29 February has no day a year later: 28 February.
    expect(proposedAbMeeting("2024-02-29")).toBe("2025-02-28");
    // Bevrijdingsdag (5 May) is a holiday of the Algemene termijnenwet.
    expect(proposedAbMeeting("2024-05-05")).toBe("2025-05-06");
    // Christmas on a Friday, then the weekend: the Monday after.
    expect(proposedAbMeeting("2025-12-25")).toBe("2026-12-28");
    // Saturday 31 December 2022: moving on leaves the year, so the Friday before.
    expect(proposedAbMeeting("2021-12-31")).toBe("2022-12-30");
  });
});
