/**
 * Writes the diagram of every trail kind to docs/workflows/<kind>.svg (Dutch
 * labels), for the README. `npm run docs:diagrams`; a test checks that the
 * committed files match the machines.
 */
import fs from "node:fs";
import path from "node:path";
import nl from "../app/locales/nl.ts";
import { workflowSvg } from "./diagram.ts";
import { WORKFLOWS } from "./registry.ts";
import type { TrailKind } from "./shared/types.ts";

export const DIAGRAM_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../docs/workflows");

const lookup = (table: Record<string, string>, key: string) => table[key] ?? key;

export function documentationSvg(kind: TrailKind): string {
  return `${workflowSvg(WORKFLOWS[kind].machine, null, {
    state: (name) => lookup(nl.trailStates, name),
    event: (type) => lookup(nl.events, type),
    rule: (guard) => lookup(nl.rules, guard),
    current: nl.trail.currentStep,
    title: `Werkstroom ${nl.trailKinds[kind]}`,
  })}\n`;
}

export const diagramFile = (kind: TrailKind) => path.join(DIAGRAM_DIR, `${kind.toLowerCase().replace("_", "-")}.svg`);

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  fs.mkdirSync(DIAGRAM_DIR, { recursive: true });
  for (const kind of Object.keys(WORKFLOWS) as TrailKind[]) {
    fs.writeFileSync(diagramFile(kind), documentationSvg(kind));
    console.log(`wrote ${path.relative(process.cwd(), diagramFile(kind))}`);
  }
}
