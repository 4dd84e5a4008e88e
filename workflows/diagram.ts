/**
 * Draws a trail kind's workflow as SVG from the machine definition itself:
 * one box per top-level state, one arrow per transition, laid out by dagre.
 * Events that keep the trail in its state (a council's zienswijze, a consent)
 * are listed inside the box. The current state is drawn heavier and marked in
 * words, never by colour alone. Pure: no DOM, no I/O.
 */
import dagre from "@dagrejs/dagre";
import type { AnyStateMachine, AnyStateNode } from "xstate";

export interface DiagramLabels {
  state(name: string): string;
  event(type: string): string;
  /** Shown under the current state's name, e.g. "huidige stap". */
  current: string;
  /** Label of a transition taken automatically when a rule (a named guard) is met. */
  rule(guard: string): string;
  title: string;
}

interface Edge {
  from: string;
  to: string;
  label: string;
}

const BOX_WIDTH = 230;
const LINE = 16;
const FONT = "system-ui, 'Segoe UI', Roboto, Arial, sans-serif";

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Splits a label into lines that fit the box (about 30 characters). */
function wrap(text: string, width = 30): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function guardName(guard: unknown): string {
  if (typeof guard === "string") return guard;
  if (guard && typeof guard === "object" && "type" in guard) return String((guard as { type: unknown }).type);
  return "";
}

function transitionsOf(node: AnyStateNode): { event: string; guard: string; targets: string[] }[] {
  const result: { event: string; guard: string; targets: string[] }[] = [];
  for (const [event, definitions] of node.transitions) {
    for (const definition of definitions) {
      result.push({
        event,
        guard: guardName(definition.guard),
        targets: (definition.target ?? []).map((t: AnyStateNode) => t.key),
      });
    }
  }
  for (const definition of node.always ?? []) {
    result.push({
      event: "",
      guard: guardName(definition.guard),
      targets: (definition.target ?? []).map((t: AnyStateNode) => t.key),
    });
  }
  return result;
}

export function workflowSvg(machine: AnyStateMachine, currentState: string | null, labels: DiagramLabels): string {
  const states = Object.values(machine.root.states) as AnyStateNode[];
  const edges: Edge[] = [];
  const inner = new Map<string, string[]>();
  for (const node of states) {
    const stay: string[] = [];
    for (const { event, guard, targets } of transitionsOf(node)) {
      if (targets.length === 0 || (targets.length === 1 && targets[0] === node.key)) {
        if (event && !stay.includes(labels.event(event))) stay.push(labels.event(event));
        continue;
      }
      for (const target of targets)
        edges.push({ from: node.key, to: target, label: event ? labels.event(event) : labels.rule(guard) });
    }
    inner.set(node.key, stay);
  }

  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: "TB", nodesep: 40, ranksep: 56, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  const boxLines = new Map<string, { title: string[]; body: string[] }>();
  for (const node of states) {
    const title = wrap(labels.state(node.key));
    if (node.key === currentState) title.push(`(${labels.current})`);
    const body = (inner.get(node.key) ?? []).flatMap((label) => wrap(`• ${label}`, 32));
    boxLines.set(node.key, { title, body });
    const height = 20 + (title.length + body.length) * LINE + (body.length ? 6 : 0);
    graph.setNode(node.key, { width: BOX_WIDTH, height });
  }
  edges.forEach((edge, index) => {
    const lines = wrap(edge.label, 26);
    graph.setEdge(edge.from, edge.to, { width: 170, height: lines.length * 14 + 4, labelpos: "c", lines }, `e${index}`);
  });
  dagre.layout(graph);

  const { width = 0, height = 0 } = graph.graph();
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" role="img" aria-labelledby="title">`,
    `<title id="title">${escapeXml(labels.title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
  );
  for (const id of graph.edges()) {
    const edge = graph.edge(id) as { points: { x: number; y: number }[]; x: number; y: number; lines: string[] };
    const path = edge.points.map((p, i) => `${i ? "L" : "M"} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(" ");
    parts.push(`<path d="${path}" fill="none" stroke="#333" stroke-width="1.5" marker-end="url(#arrow)"/>`);
    const top = edge.y - (edge.lines.length * 14) / 2 + 11;
    parts.push(
      `<text x="${edge.x.toFixed(1)}" y="${top.toFixed(1)}" font-family="${FONT}" font-size="12" fill="#1a1a1a" text-anchor="middle" paint-order="stroke" stroke="#fff" stroke-width="4">` +
        edge.lines
          .map((l, i) => `<tspan x="${edge.x.toFixed(1)}" dy="${i ? 14 : 0}">${escapeXml(l)}</tspan>`)
          .join("") +
        `</text>`,
    );
  }
  for (const key of graph.nodes()) {
    const node = graph.node(key) as { x: number; y: number; width: number; height: number };
    const lines = boxLines.get(key)!;
    const current = key === currentState;
    const final = (machine.root.states[key] as AnyStateNode).type === "final";
    const x = node.x - node.width / 2;
    const y = node.y - node.height / 2;
    parts.push(
      `<g data-state="${escapeXml(key)}"${current ? ' data-current="true"' : ""}>`,
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${node.width}" height="${node.height}" rx="${final ? 18 : 6}" fill="${current ? "#dbe8f5" : "#fff"}" stroke="${current ? "#133756" : "#555"}" stroke-width="${current ? 4 : 1.5}"${final ? ' stroke-dasharray="0"' : ""}/>`,
    );
    let lineY = y + 22;
    for (const line of lines.title) {
      parts.push(
        `<text x="${node.x.toFixed(1)}" y="${lineY.toFixed(1)}" font-family="${FONT}" font-size="13" font-weight="700" fill="#1a1a1a" text-anchor="middle">${escapeXml(line)}</text>`,
      );
      lineY += LINE;
    }
    if (lines.body.length) lineY += 4;
    for (const line of lines.body) {
      parts.push(
        `<text x="${(x + 10).toFixed(1)}" y="${lineY.toFixed(1)}" font-family="${FONT}" font-size="12" fill="#333">${escapeXml(line)}</text>`,
      );
      lineY += LINE;
    }
    parts.push(`</g>`);
  }
  parts.push(`</svg>`);
  return parts.join("\n");
}
