/**
 * Upgrades of stored contexts that more than one kind of trail shares (each kind's module names its own, by the
 * version they upgrade from: TrailKindModule.contextUpgrades).
 */

/**
 * Version 1 -> 2 of the vision and the procurement strategy: the document is prepared before it goes to the
 * councils, and each council's receipt is kept. A trail already past sending keeps its state; a council that
 * answered has received the document then.
 */
export function receiptsFromAnswers(stored: Record<string, unknown>): Record<string, unknown> {
  const context = { ...stored };
  context.sentOn ??= null;
  if (!context.received) {
    const answers = (context.input ?? {}) as Record<string, string | { on: string }>;
    context.received = Object.fromEntries(
      Object.entries(answers).map(([id, answer]) => [id, typeof answer === "string" ? answer : answer.on]),
    );
  }
  return context;
}
