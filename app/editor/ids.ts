/** A fresh decision point id (`bp-` and ten base-36 characters); it stays with the point through every revision. */
export function newDecisionPointId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return `bp-${Array.from(bytes, (b) => (b % 36).toString(36)).join("")}`;
}
