import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { Alert, Heading1, Heading2, Paragraph } from "@utrecht/component-library-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { DocumentEditor } from "~/editor/editor.client";
import { FIELD_PLACEHOLDERS } from "~/editor/templates";
import { parseDocument, type DocumentProblem, type SerializedDocument } from "~/editor/document-json";
import { dutch } from "~/locales/lookup";
import { autosaveDraft, getDocument, getDraft, saveRevision } from "~/models/document.server";
import { renderDocumentHtml } from "~/render/html.server";
import { SaveDocumentSchema } from "~/schemas/document";
import { readForm } from "~/utils/csrf.server";
import { formatDateTime } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { actorOf, requireRole } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";
import { SubmitButton } from "~/components/submit-button";

export const meta = pageTitle<typeof loader>("documentEdit", (data, t) => ({
  title: data?.title ?? t("titles.documentFallback"),
}));

/** Policy secretaries write the documents (mayEditDocuments checks the same in the model). */
const requireEditor = (request: Request) => requireRole(request, ["SECRETARY"]);

/**
 * What the editor is given: the stored text passed through the same check as
 * a save, so that attributes a document saved before the check kept (a text
 * node's `style`, which Lexical applies as inline CSS) never reach the editor.
 */
function forEditor(content: string): string {
  const parsed = parseDocument(content);
  return parsed.ok ? parsed.json : content;
}

/** A refused document: its stable code and the Dutch message; a document too large is 413. */
function refused(code: DocumentProblem["code"]) {
  return data(
    {
      intent: "invalid" as const,
      problem: code,
      message: dutch("documents.invalid", { problem: dutch(`documentProblems.${code}`) }),
    },
    { status: code === "document_too_large" ? 413 : 400 },
  );
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEditor(request);
  const loaded = await getDocument(params.documentId ?? "");
  if (!loaded) throw httpError(404, "document_not_found", "Dit document bestaat niet.");
  const draft = await getDraft(loaded.document.id, user.id);
  return {
    id: loaded.document.id,
    title: loaded.document.title,
    trail: loaded.document.trail,
    latestRevision: loaded.revision.number,
    baseRevision: draft?.baseRevision ?? loaded.revision.number,
    content: forEditor(draft?.content ?? loaded.revision.content),
    draftRestored: draft ? draft.baseRevision : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireEditor(request);
  const submission = parseWithZod(await readForm(request), { schema: SaveDocumentSchema });
  if (submission.status !== "success") return refused("document_invalid_json");
  const { intent, baseRevision, content, note } = submission.value;
  const documentId = params.documentId ?? "";
  if (intent === "autosave") {
    const result = await autosaveDraft({ documentId, baseRevision, content }, actorOf(user));
    if (!result.ok) {
      if ("problem" in result && result.problem) return refused(result.problem.code);
      return data({ intent: "invalid" as const, problem: result.code, message: "" }, { status: result.status });
    }
    return data({ intent: "autosaved" as const, at: new Date().toISOString() });
  }
  const result = await saveRevision({ documentId, baseRevision, content, note }, actorOf(user));
  if (result.ok) return redirect(`/documenten/${documentId}?revisie=${result.revision}`);
  if (result.code === "revision_conflict") {
    const theirs = JSON.parse(result.currentContent) as SerializedDocument;
    return data(
      {
        intent: "conflict" as const,
        currentRevision: result.currentRevision,
        theirsHtml: renderDocumentHtml(theirs, { fieldPlaceholder: (f) => FIELD_PLACEHOLDERS[f] }),
        mine: result.draftContent,
      },
      { status: 409 },
    );
  }
  if (result.code === "document_invalid") return refused(result.problem.code);
  throw httpError(result.status, result.code, "Dit document bestaat niet.");
}

/** Autosave after a quiet moment, as the author's draft. */
const AUTOSAVE_DELAY_MS = 4_000;

export default function EditDocumentPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const autosave = useFetcher<typeof action>();
  const conflict = actionData?.intent === "conflict" ? actionData : null;
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  // After a conflict the editor shows the author's own text, now based on the newer revision.
  const baseRevision = conflict ? conflict.currentRevision : d.baseRevision;
  const initial = conflict ? conflict.mine : d.content;
  const [content, setContent] = useState(initial);
  useEffect(() => setContent(initial), [initial]);

  const csrfRef = useRef<HTMLFormElement>(null);
  const lastSaved = useRef(initial);
  useEffect(() => {
    if (!hydrated || content === lastSaved.current) return;
    const timer = setTimeout(() => {
      const csrf = new FormData(csrfRef.current ?? undefined).get("csrf");
      lastSaved.current = content;
      autosave.submit(
        { intent: "autosave", baseRevision: String(baseRevision), content, csrf: String(csrf ?? "") },
        { method: "post" },
      );
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [content, hydrated, baseRevision, autosave]);

  // Leaving before the quiet moment (a link, closing the tab) would lose what was typed since the last autosave: the
  // draft is sent then, as the autosave posts it. A link leaves this page but not the app, so a plain request
  // finishes; a closing page gets a beacon, which the browser delivers after it has gone.
  const csrfToken = (useRouteLoaderData("root") as { csrfToken?: string } | undefined)?.csrfToken ?? "";
  const unsaved = useRef({ content, baseRevision, csrfToken });
  unsaved.current = { content, baseRevision, csrfToken };
  useEffect(() => {
    if (!hydrated) return;
    const url = `/documenten/${d.id}/bewerken.data`;
    const flush = (closing: boolean) => {
      const { content, baseRevision, csrfToken } = unsaved.current;
      if (content === lastSaved.current) return;
      lastSaved.current = content;
      const body = new URLSearchParams({
        intent: "autosave",
        baseRevision: String(baseRevision),
        content,
        csrf: csrfToken,
      });
      if (closing && navigator.sendBeacon(url, body)) return;
      void fetch(url, { method: "POST", body, credentials: "same-origin" }).catch(() => undefined);
    };
    const onHide = () => flush(true);
    window.addEventListener("pagehide", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      flush(false);
    };
  }, [hydrated, d.id]);

  const autosaved = autosave.data?.intent === "autosaved" ? autosave.data.at : null;
  const problem =
    actionData?.intent === "invalid"
      ? actionData.problem
      : autosave.data?.intent === "invalid"
        ? autosave.data.problem
        : null;
  return (
    <>
      <Paragraph>
        <Link className="utrecht-link" to={`/trajecten/${d.trail.id}`}>
          {d.trail.title}
        </Link>{" "}
        ·{" "}
        <Link className="utrecht-link" to={`/documenten/${d.id}`}>
          {t("documents.latest", { number: d.latestRevision })}
        </Link>
      </Paragraph>
      <Heading1>{t("documents.editorTitle", { title: d.title })}</Heading1>
      {d.draftRestored !== null && !conflict ? (
        <Alert type="info">
          <Paragraph>{t("documents.draftRestored", { number: d.draftRestored })}</Paragraph>
        </Alert>
      ) : null}
      {conflict ? (
        <Alert type="warning">
          <Paragraph role="alert">{t("documents.conflict", { number: conflict.currentRevision })}</Paragraph>
        </Alert>
      ) : null}
      {problem ? (
        <Alert type="error">
          <Paragraph role="alert">
            {t("documents.invalid", { problem: t(`documentProblems.${problem}`, { defaultValue: problem }) })}
          </Paragraph>
        </Alert>
      ) : null}

      <div className={conflict ? "h10-merge" : undefined}>
        <div>
          {hydrated ? (
            <DocumentEditor
              key={`${baseRevision}-${conflict ? "conflict" : "own"}`}
              initialContent={initial}
              label={t("documents.editorLabel")}
              onChange={setContent}
            />
          ) : (
            <Paragraph>{t("documents.editorLoading")}</Paragraph>
          )}
        </div>
        {conflict ? (
          <section aria-labelledby="theirs">
            <Heading2 id="theirs">{t("documents.conflictTheirs", { number: conflict.currentRevision })}</Heading2>
            <article className="h10-document" lang="nl" dangerouslySetInnerHTML={{ __html: conflict.theirsHtml }} />
          </section>
        ) : null}
      </div>

      <Form
        method="post"
        className="h10-form"
        ref={csrfRef}
        onSubmit={() => {
          // Saved as a revision: nothing left for the draft when the page is left.
          lastSaved.current = content;
        }}
      >
        <CsrfInput />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="baseRevision" value={baseRevision} />
        <input type="hidden" name="content" value={content} />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="note">
            {t("documents.saveNote")}
          </label>
          <input id="note" name="note" className="utrecht-textbox" maxLength={500} />
        </div>
        <p className="h10-note" role="status">
          {autosaved ? t("documents.autosaved", { time: formatDateTime(autosaved, i18n.language) }) : ""}
        </p>
        <SubmitButton appearance="primary-action-button" disabled={!hydrated}>
          {t("documents.save")}
        </SubmitButton>
      </Form>
    </>
  );
}
