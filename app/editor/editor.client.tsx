/**
 * The document editor (browser only: Remix leaves *.client files out of the
 * server build, and only the editing page imports this module, so read-only
 * pages send no editor code). The toolbar is one tab stop; arrow keys move
 * between its buttons (WAI-ARIA toolbar pattern).
 */
import { $createLinkNode, TOGGLE_LINK_COMMAND } from "@lexical/link";
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from "@lexical/list";
import { LexicalComposer } from "@lexical/react/LexicalComposer";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { HistoryPlugin } from "@lexical/react/LexicalHistoryPlugin";
import { LinkPlugin } from "@lexical/react/LexicalLinkPlugin";
import { ListPlugin } from "@lexical/react/LexicalListPlugin";
import { OnChangePlugin } from "@lexical/react/LexicalOnChangePlugin";
import { RichTextPlugin } from "@lexical/react/LexicalRichTextPlugin";
import { TablePlugin } from "@lexical/react/LexicalTablePlugin";
import { $createHeadingNode } from "@lexical/rich-text";
import { $setBlocksType } from "@lexical/selection";
import {
  $deleteTableColumnAtSelection,
  $deleteTableRowAtSelection,
  $getTableCellNodeFromLexicalNode,
  $insertTableColumnAtSelection,
  $insertTableRowAtSelection,
  $isTableRowNode,
  INSERT_TABLE_COMMAND,
} from "@lexical/table";
import {
  $createParagraphNode,
  $createTextNode,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  COMMAND_PRIORITY_CRITICAL,
  FORMAT_TEXT_COMMAND,
  KEY_TAB_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type EditorState,
  type ElementNode,
} from "lexical";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { MUNICIPALITY_FIELDS, type MunicipalityField } from "./document-json";
import { $createDecisionPointNode, $createFootnoteNode, $createMunicipalityFieldNode, DOCUMENT_NODES } from "./nodes";
import { FIELD_PLACEHOLDERS } from "./templates";

const THEME = {
  paragraph: "h10-editor__paragraph",
  heading: { h1: "h10-editor__h1", h2: "h10-editor__h2", h3: "h10-editor__h3" },
  list: {
    ul: "h10-editor__ul",
    ol: "h10-editor__ol",
    listitem: "h10-editor__li",
    nested: { listitem: "h10-editor__nested" },
  },
  link: "utrecht-link",
  table: "h10-editor__table",
  tableCell: "h10-editor__cell",
  tableCellHeader: "h10-editor__cell--header",
  text: { bold: "h10-bold", italic: "h10-italic", underline: "h10-underline", superscript: "h10-sup" },
};

/** The table cell the selection is in, if any. */
function $selectedCell() {
  const selection = $getSelection();
  return $isRangeSelection(selection) ? $getTableCellNodeFromLexicalNode(selection.anchor.getNode()) : null;
}

/**
 * Tab in a table's last cell adds a row and moves into it, instead of
 * leaving the table (and the editor); elsewhere in a table Tab and Shift+Tab
 * move between cells (TablePlugin's own handler).
 */
function TableTabPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_TAB_COMMAND,
        (event) => {
          if (event.shiftKey) return false;
          const selection = $getSelection();
          if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
          const cell = $selectedCell();
          const row = cell?.getParent();
          if (!cell || !$isTableRowNode(row) || row.getNextSibling() || cell.getNextSibling()) return false;
          event.preventDefault();
          const added = $insertTableRowAtSelection(true);
          added?.getFirstChild<ElementNode>()?.selectStart();
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
    [editor],
  );
  return null;
}

/** Whether the selection is in a table, to offer the table's row and column buttons. */
function useInTable(): boolean {
  const [editor] = useLexicalComposerContext();
  const [inTable, setInTable] = useState(false);
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        // Focus moving to the toolbar leaves the editor's selection as it was.
        editorState.read(() => setInTable($selectedCell() !== null));
      }),
    [editor],
  );
  return inTable;
}

/** Only http(s), mailto and in-app links, as the renderer allows. */
function validUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:|\/(?!\/))/i.test(url.trim());
}

function ToolbarButton({
  label,
  onClick,
  pressed,
  children,
}: {
  label: string;
  onClick: () => void;
  pressed?: boolean;
  children?: ReactNode;
}) {
  return (
    <button
      type="button"
      className="utrecht-button utrecht-button--subtle h10-toolbar__button"
      aria-label={label}
      aria-pressed={pressed}
      onClick={onClick}
      tabIndex={-1}
    >
      {children ?? label}
    </button>
  );
}

type Dialog = null | "link" | "footnote" | "field";

function Toolbar() {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [value, setValue] = useState("");
  const [fieldChoice, setFieldChoice] = useState<MunicipalityField>("name");
  /** Why the link in the field was not inserted (a javascript: address, say). */
  const [linkMessage, setLinkMessage] = useState<string | null>(null);
  const inTable = useInTable();
  // The table's buttons come and go with the selection: the toolbar keeps one tab stop, and on a phone,
  // where the toolbar is one row that scrolls sideways, it scrolls them into view.
  useEffect(() => {
    const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>(".h10-toolbar__button") ?? []);
    if (buttons.length && !buttons.some((b) => b.tabIndex === 0)) buttons[0]!.tabIndex = 0;
    const group = ref.current?.querySelector(".h10-toolbar__group");
    const toolbar = ref.current;
    if (group instanceof HTMLElement && toolbar && toolbar.scrollWidth > toolbar.clientWidth)
      toolbar.scrollTo({ left: group.offsetLeft - toolbar.offsetLeft - 8 });
  }, [inTable]);
  const tableEdit = (edit: () => void) =>
    editor.update(() => {
      if ($selectedCell()) edit();
    });

  // Roving focus: one tab stop for the toolbar, arrow keys within it.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>(".h10-toolbar__button") ?? []);
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index === -1) return;
    const next =
      event.key === "ArrowRight"
        ? index + 1
        : event.key === "ArrowLeft"
          ? index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? buttons.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const target = buttons[(next + buttons.length) % buttons.length]!;
    buttons.forEach((b) => (b.tabIndex = -1));
    target.tabIndex = 0;
    target.focus();
  };

  const block = (make: () => ReturnType<typeof $createParagraphNode> | ReturnType<typeof $createHeadingNode>) =>
    editor.update(() => {
      const selection = $getSelection();
      if ($isRangeSelection(selection)) $setBlocksType(selection, make);
    });

  const insertDecisionPoint = () =>
    editor.update(() => {
      const selection = $getSelection();
      if ($isRangeSelection(selection)) $setBlocksType(selection, () => $createDecisionPointNode());
    });

  const confirm = () => {
    if (dialog === "link" && !validUrl(value)) {
      // Not silently dropped: the field stays open and says why.
      setLinkMessage(t("formsFeedback.linkRejected"));
      return;
    }
    setLinkMessage(null);
    if (dialog === "link" && validUrl(value)) {
      editor.update(() => {
        const selection = $getSelection();
        if ($isRangeSelection(selection) && selection.isCollapsed()) {
          const link = $createLinkNode(value.trim());
          link.append($createTextNode(value.trim()));
          $insertNodes([link]);
        }
      });
      editor.dispatchCommand(TOGGLE_LINK_COMMAND, value.trim());
    }
    if (dialog === "footnote" && value.trim()) editor.update(() => $insertNodes([$createFootnoteNode(value.trim())]));
    if (dialog === "field")
      editor.update(() => $insertNodes([$createMunicipalityFieldNode(fieldChoice, FIELD_PLACEHOLDERS[fieldChoice])]));
    setDialog(null);
    setValue("");
    editor.focus();
  };

  return (
    <>
      <div
        className="h10-toolbar"
        role="toolbar"
        aria-label={t("documents.toolbar")}
        aria-controls="document-editor"
        ref={ref}
        onKeyDown={onKeyDown}
      >
        <ToolbarButton label={t("documents.undo")} onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)} />
        <ToolbarButton label={t("documents.redo")} onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)} />
        <ToolbarButton label={t("documents.bold")} onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, "bold")}>
          <strong>{t("documents.bold")}</strong>
        </ToolbarButton>
        <ToolbarButton
          label={t("documents.italic")}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, "italic")}
        >
          <em>{t("documents.italic")}</em>
        </ToolbarButton>
        <ToolbarButton label={t("documents.paragraph")} onClick={() => block(() => $createParagraphNode())} />
        <ToolbarButton label={t("documents.heading1")} onClick={() => block(() => $createHeadingNode("h1"))} />
        <ToolbarButton label={t("documents.heading2")} onClick={() => block(() => $createHeadingNode("h2"))} />
        <ToolbarButton label={t("documents.heading3")} onClick={() => block(() => $createHeadingNode("h3"))} />
        <ToolbarButton
          label={t("documents.bulletList")}
          onClick={() => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined)}
        />
        <ToolbarButton
          label={t("documents.numberedList")}
          onClick={() => editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined)}
        />
        <ToolbarButton
          label={t("documents.table")}
          onClick={() =>
            editor.dispatchCommand(INSERT_TABLE_COMMAND, {
              rows: "3",
              columns: "3",
              includeHeaders: { rows: true, columns: false },
            })
          }
        />
        {inTable ? (
          <div className="h10-toolbar__group" role="group" aria-label={t("formsFeedback.tableMenu")}>
            <ToolbarButton
              label={t("formsFeedback.rowAbove")}
              onClick={() => tableEdit(() => $insertTableRowAtSelection(false))}
            />
            <ToolbarButton
              label={t("formsFeedback.rowBelow")}
              onClick={() => tableEdit(() => $insertTableRowAtSelection(true))}
            />
            <ToolbarButton
              label={t("formsFeedback.columnLeft")}
              onClick={() => tableEdit(() => $insertTableColumnAtSelection(false))}
            />
            <ToolbarButton
              label={t("formsFeedback.columnRight")}
              onClick={() => tableEdit(() => $insertTableColumnAtSelection(true))}
            />
            <ToolbarButton label={t("formsFeedback.deleteRow")} onClick={() => tableEdit($deleteTableRowAtSelection)} />
            <ToolbarButton
              label={t("formsFeedback.deleteColumn")}
              onClick={() => tableEdit($deleteTableColumnAtSelection)}
            />
          </div>
        ) : null}
        <ToolbarButton label={t("documents.link")} onClick={() => setDialog("link")} />
        <ToolbarButton label={t("documents.footnote")} onClick={() => setDialog("footnote")} />
        <ToolbarButton label={t("documents.field")} onClick={() => setDialog("field")} />
        <ToolbarButton label={t("documents.decisionPoint")} onClick={insertDecisionPoint} />
      </div>
      {dialog ? (
        <div className="h10-toolbar__dialog" role="group" aria-label={t(`documents.${dialog}`)}>
          {dialog === "field" ? (
            <>
              <label className="utrecht-form-label" htmlFor="editor-field">
                {t("documents.field")}
              </label>
              <select
                id="editor-field"
                className="utrecht-select"
                value={fieldChoice}
                onChange={(e) => setFieldChoice(e.target.value as MunicipalityField)}
              >
                {MUNICIPALITY_FIELDS.map((f) => (
                  <option key={f} value={f}>
                    {t(`documents.fieldNames.${f}`)}
                  </option>
                ))}
              </select>
            </>
          ) : (
            <>
              <label className="utrecht-form-label" htmlFor="editor-dialog-input">
                {dialog === "link" ? t("documents.linkUrl") : t("documents.footnoteText")}
              </label>
              <input
                id="editor-dialog-input"
                className="utrecht-textbox"
                value={value}
                aria-invalid={linkMessage ? true : undefined}
                aria-describedby={linkMessage ? "editor-dialog-message" : undefined}
                // The dialog's only field takes the focus when it opens (the WAI-ARIA dialog pattern).
                // eslint-disable-next-line jsx-a11y/no-autofocus
                autoFocus
                onChange={(e) => {
                  setValue(e.target.value);
                  setLinkMessage(null);
                }}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    confirm();
                  }
                }}
              />
            </>
          )}
          {/* Always present, so the message is announced when it appears. */}
          <p id="editor-dialog-message" className="h10-toolbar__message" role="alert">
            {dialog === "link" ? linkMessage : null}
          </p>
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={confirm}>
            {t("documents.insert")}
          </button>
          <button
            type="button"
            className="utrecht-button utrecht-button--subtle"
            onClick={() => {
              setDialog(null);
              setLinkMessage(null);
            }}
          >
            {t("documents.cancel")}
          </button>
        </div>
      ) : null}
    </>
  );
}

export function DocumentEditor(props: { initialContent: string; label: string; onChange: (json: string) => void }) {
  const { t } = useTranslation();
  const wrapper = useRef<HTMLDivElement>(null);
  // The first toolbar button is the toolbar's one tab stop.
  useEffect(() => {
    const first = wrapper.current?.querySelector<HTMLButtonElement>(".h10-toolbar__button");
    if (first && !wrapper.current?.querySelector('.h10-toolbar__button[tabindex="0"]')) first.tabIndex = 0;
  }, []);
  return (
    // Alt+F10 moves from the text to the toolbar (as in other editors): from inside a table, where Tab moves between cells.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div
      className="h10-editor"
      ref={wrapper}
      onKeyDown={(event) => {
        if (!(event.altKey && event.key === "F10")) return;
        event.preventDefault();
        wrapper.current?.querySelector<HTMLButtonElement>('.h10-toolbar__button[tabindex="0"]')?.focus();
      }}
    >
      <LexicalComposer
        initialConfig={{
          namespace: "h10-document",
          nodes: DOCUMENT_NODES,
          theme: THEME,
          editorState: props.initialContent,
          onError: (error: Error) => {
            throw error;
          },
        }}
      >
        <Toolbar />
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              id="document-editor"
              className="h10-editor__content"
              aria-label={props.label}
              aria-multiline
              aria-keyshortcuts="Alt+F10"
            />
          }
          placeholder={<span className="h10-editor__placeholder">{t("documents.editorLabel")}</span>}
          ErrorBoundary={LexicalErrorBoundary}
        />
        <HistoryPlugin />
        <ListPlugin />
        <LinkPlugin validateUrl={validUrl} />
        <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} />
        <TableTabPlugin />
        <OnChangePlugin
          ignoreSelectionChange
          onChange={(state: EditorState) => props.onChange(JSON.stringify(state.toJSON()))}
        />
      </LexicalComposer>
    </div>
  );
}
