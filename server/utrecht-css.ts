/**
 * NL Design System's stylesheet (@utrecht/component-library-css) styles all of its 106 components; the app renders
 * about 30. The browser's build keeps the rules of those (UTRECHT_BLOCKS): a selector goes when it needs a class of a
 * component the app never renders (`.utrecht-rich-text .utrecht-button`); one that needs no such class stays (the
 * root's design tokens, a class only inside :not()). The build checks the list against what it bundled (vite.config.ts), so a component taken into use
 * without being added here fails the build instead of losing its styles.
 */
import postcss, { type AtRule, type Container } from "postcss";

/** The components (BEM blocks) the app renders, by their class: the build fails on one missing here. */
export const UTRECHT_BLOCKS: readonly string[] = [
  "utrecht-action-group",
  "utrecht-alert",
  "utrecht-body",
  "utrecht-button",
  "utrecht-button-group",
  "utrecht-button-link",
  "utrecht-checkbox",
  "utrecht-combobox",
  "utrecht-document",
  "utrecht-form-field",
  "utrecht-form-field-description",
  "utrecht-form-field-error-message",
  "utrecht-form-fieldset",
  "utrecht-form-label",
  "utrecht-heading-1",
  "utrecht-heading-2",
  "utrecht-heading-3",
  "utrecht-link",
  "utrecht-listbox",
  "utrecht-ordered-list",
  "utrecht-paragraph",
  "utrecht-radio-button",
  "utrecht-root",
  "utrecht-search-bar",
  "utrecht-select",
  "utrecht-skip-link",
  "utrecht-table",
  "utrecht-textarea",
  "utrecht-textbox",
  "utrecht-unordered-list",
];

/** The component of a class: `utrecht-button--primary-action` and `utrecht-table__row` belong to their block. */
export function blockOf(className: string): string {
  return className.replace(/(--|__).*$/, "");
}

/** The components whose classes a piece of code names (not design tokens: `--utrecht-button-color` is no class). */
export function blocksNamedIn(code: string): Set<string> {
  return new Set([...code.matchAll(/(?<![\w-])utrecht-[a-z0-9]+(?:[-_]{1,2}[a-z0-9]+)*/g)].map((m) => blockOf(m[0])));
}

/** The rules of the stylesheet that can apply to a page made of the given components. */
export function pruneUtrechtCss(css: string, blocks: Iterable<string>): string {
  const used = new Set(blocks);
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    const parent = rule.parent as AtRule | undefined;
    if (parent?.type === "atrule" && /keyframes$/i.test(parent.name)) return;
    const kept = rule.selectors.filter((selector) => {
      // A class outside parentheses must be on the page for the selector to match; one in :not(), :is(), :where() or
      // :has() need not, so those are not counted.
      let required = selector;
      while (/\([^()]*\)/.test(required)) required = required.replace(/\([^()]*\)/g, "");
      return [...required.matchAll(/\.(utrecht-[\w-]+)/g)].every((m) => used.has(blockOf(m[1]!)));
    });
    if (!kept.length) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  // At-rules (@media, @supports) whose rules all went, innermost first.
  const removeEmpty = (container: Container) => {
    container.each((node) => {
      if (node.type !== "atrule" || !node.nodes) return;
      removeEmpty(node);
      if (!node.nodes.some((child) => child.type !== "comment")) node.remove();
    });
  };
  removeEmpty(root);
  return root.toString();
}
