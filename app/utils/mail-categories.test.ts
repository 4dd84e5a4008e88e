import { describe, expect, it } from "vitest";
import nl from "~/locales/nl";
import { MAIL_KINDS } from "./mail-categories";
import { notificationKey } from "./notification-text";

describe("the kinds of notification a user sets e-mail for", () => {
  it("are every kind with a text of its own: a new kind without an e-mail preference fails here", () => {
    // The texts of a step that also set or moved a deadline are that step's kind (trailStep), not kinds of their own.
    const variants = new Set([
      notificationKey("trailStep", { dueOn: "2024-03-06" }),
      notificationKey("trailStep", { dueOn: "2024-03-13", from: "2024-03-06" }),
      notificationKey("trailStep", { dueOn: "2023-01-01", deadline: "exitEffective" }),
      notificationKey("deadlineSet", { dueOn: "2023-01-01", deadline: "exitEffective" }),
    ]);
    const kinds = Object.keys(nl.notifications).filter((key) => !variants.has(`notifications.${key}`));
    expect([...MAIL_KINDS].sort()).toEqual(kinds.sort());
    expect(variants.size).toBe(4);
  });
});
