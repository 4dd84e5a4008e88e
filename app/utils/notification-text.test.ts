import { describe, expect, it } from "vitest";
import { translate } from "~/locales/lookup";
import { notificationKey, shownNotificationValues } from "./notification-text";

const text = (kind: string, values: Record<string, string>, language = "nl") =>
  translate(
    language,
    notificationKey(kind, values),
    shownNotificationValues(values, (key) => translate(language, key), language),
  );

describe("a notification of a deadline set", () => {
  it("says a response term runs until its day", () => {
    const values = { trail: "Wijziging GR", by: "B. Secretaris", deadline: "zienswijze", dueOn: "2024-03-06" };
    expect(text("deadlineSet", { ...values, municipality: "Rijswijk" })).toBe(
      "Wijziging GR: Zienswijze op het ontwerp (Rijswijk) loopt tot 6 maart 2024 (door B. Secretaris)",
    );
    expect(text("trailStep", { ...values, step: "DRAFT_SENT" }, "en")).toMatch(/; .* runs until 6 March 2024$/);
  });

  it("gives a date, such as an exit taking effect, as the day it falls on, not as a term that runs until it", () => {
    const values = {
      trail: "Uittreding Voorschoten",
      by: "B. Secretaris",
      deadline: "exitEffective",
      municipality: "Voorschoten",
      dueOn: "2023-01-01",
    };
    expect(text("deadlineSet", values)).toBe(
      "Uittreding Voorschoten: Uittreding gaat in (Voorschoten) op 1 januari 2023 (door B. Secretaris)",
    );
    expect(text("deadlineSet", values, "en")).toMatch(/\(Voorschoten\) on 1 January 2023 \(by B\. Secretaris\)$/);
    const step = text("trailStep", { ...values, step: "COLLEGE_DECIDED" });
    expect(step).toMatch(/; Uittreding gaat in \(Voorschoten\): 1 januari 2023$/);
    expect(step).not.toContain("loopt tot");
  });
});
