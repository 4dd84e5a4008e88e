import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { blocksNamedIn, pruneUtrechtCss, UTRECHT_BLOCKS } from "./utrecht-css";

const require = createRequire(import.meta.url);

describe("the Utrecht stylesheet of the components in use", () => {
  it("names components by their classes, not by their design tokens", () => {
    const code = `className: clsx("utrecht-button", "utrecht-button--primary-action", "utrecht-table__row");
      style: "color: var(--utrecht-alert-color)"; "h10-utrecht-like"`;
    expect([...blocksNamedIn(code)].sort()).toEqual(["utrecht-button", "utrecht-table"]);
  });

  it("keeps the rules that can match a page of those components, and only those", () => {
    const css = `
      :root { --utrecht-button-color: blue; }
      h1 { margin: 0; }
      .utrecht-button, .utrecht-calendar__day { color: var(--utrecht-button-color); }
      .utrecht-calendar { display: grid; }
      .utrecht-rich-text .utrecht-button { margin: 0; }
      .utrecht-button:not(.utrecht-calendar__day) { padding: 1px; }
      :is(.utrecht-calendar, .utrecht-button) { border: 0; }
      @media (min-width: 40em) { .utrecht-calendar { gap: 1px; } }
      @media print { .utrecht-button { color: black; } }
      @keyframes utrecht-spin { from { rotate: 0; } to { rotate: 1turn; } }`;
    const pruned = pruneUtrechtCss(css, ["utrecht-button"]);
    expect(pruned).toContain("--utrecht-button-color: blue");
    expect(pruned).toContain("h1 { margin: 0; }");
    expect(pruned).toMatch(/\.utrecht-button \{ color: var\(--utrecht-button-color\)/);
    expect(pruned).not.toContain(".utrecht-calendar__day {");
    expect(pruned).not.toContain(".utrecht-calendar {");
    expect(pruned).not.toContain(".utrecht-rich-text");
    expect(pruned).toContain(".utrecht-button:not(.utrecht-calendar__day)");
    expect(pruned).toContain(":is(.utrecht-calendar, .utrecht-button)");
    expect(pruned).not.toContain("min-width: 40em");
    expect(pruned).toContain("@media print");
    expect(pruned).toContain("@keyframes utrecht-spin");
  });

  it("leaves the library's stylesheet under half its size, with every listed component's rules", () => {
    const css = fs.readFileSync(require.resolve("@utrecht/component-library-css/dist/index.css"), "utf8");
    const pruned = pruneUtrechtCss(css, UTRECHT_BLOCKS);
    expect(pruned.length).toBeLessThan(css.length / 2);
    for (const block of UTRECHT_BLOCKS)
      if (css.includes(`.${block} {`) || css.includes(`.${block}{`)) expect(pruned, block).toContain(`.${block} {`);
    expect(pruned).not.toContain(".utrecht-calendar");
    expect(pruned).not.toContain(".utrecht-rich-text");
  });
});
