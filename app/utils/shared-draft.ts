/**
 * Shared drafts (gedeelde concepten) compared with the positions started from them: a council "joined" a draft
 * when its text is the draft's text (whitespace aside), and "changed" it otherwise, with the differences word by
 * word (the same word diff as the comparison of document revisions). Pure: the trail page and the oplegger share it.
 */
import { inlineWordDiff, type Segment } from "~/editor/compare";

/** A text with its runs of whitespace made one space and its ends trimmed. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export interface DraftUse {
  municipalityId: string;
  name: string;
  positionId: string;
  /** The position's text is the draft's text. */
  joined: boolean;
  /** The draft's text against the position's, word by word; empty when joined. */
  diff: Segment[];
}

interface DraftLike {
  id: string;
  text: string;
}

interface PositionLike {
  id: string;
  text: string;
  sharedDraftId: string | null;
  municipality: { id: string; name: string } | null;
  supersededBy: { id: string } | null;
}

/** Per draft, the councils whose current position started from it, by name: joined or changed, with the differences. */
export function draftUses(drafts: readonly DraftLike[], positions: readonly PositionLike[]): Map<string, DraftUse[]> {
  const uses = new Map<string, DraftUse[]>(drafts.map((d) => [d.id, []]));
  const byId = new Map(drafts.map((d) => [d.id, d]));
  for (const position of positions) {
    const draft = position.sharedDraftId ? byId.get(position.sharedDraftId) : undefined;
    if (!draft || !position.municipality || position.supersededBy) continue;
    const before = normaliseText(draft.text);
    const after = normaliseText(position.text);
    const joined = before === after;
    uses.get(draft.id)!.push({
      municipalityId: position.municipality.id,
      name: position.municipality.name,
      positionId: position.id,
      joined,
      diff: joined ? [] : inlineWordDiff(before, after),
    });
  }
  for (const list of uses.values()) list.sort((a, b) => a.name.localeCompare(b.name, "nl"));
  return uses;
}
