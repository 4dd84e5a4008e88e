import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { escapeXml, workflowSvg } from "./diagram";
import { grAmendmentMachine } from "./gr-amendment/machine";
import { WORKFLOWS } from "./registry";
import { diagramFile, documentationSvg } from "./render-diagrams";
import type { TrailKind } from "./shared/types";

const labels = {
  state: (s: string) => `S:${s}`,
  event: (e: string) => `E:${e}`,
  rule: (g: string) => `R:${g}`,
  current: "huidige stap",
  title: "Werkstroom <test>",
};

describe("workflow diagrams drawn from the machines", () => {
  it("draws every state and every transition, and marks the current state in words", () => {
    const svg = workflowSvg(grAmendmentMachine, "consentRequested", labels);
    for (const state of Object.keys(grAmendmentMachine.root.states)) expect(svg).toContain(`data-state="${state}"`);
    expect(svg).toContain("E:DRAFT_SENT");
    expect(svg).toContain("R:consentRuleMet");
    // Steps per municipality are listed inside their state.
    expect(svg).toContain("• E:CONSENT_WITHHELD");
    expect(svg).toMatch(/data-state="consentRequested" data-current="true"/);
    expect(svg).toContain("(huidige stap)");
    expect(svg.match(/data-current/g)).toHaveLength(1);
    expect(svg).toContain('<title id="title">Werkstroom &lt;test&gt;</title>');
  });

  it("escapes text so no label can inject markup", () => {
    expect(escapeXml(`<script>alert("x")</script> & 'y'`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
    );
  });

  it("keeps the diagrams in docs/workflows in step with the machines", () => {
    for (const kind of Object.keys(WORKFLOWS) as TrailKind[]) {
      expect(fs.readFileSync(diagramFile(kind), "utf8"), `${diagramFile(kind)}: run npm run docs:diagrams`).toBe(
        documentationSvg(kind),
      );
    }
  });
});
