import { useState, type FormEvent, type MouseEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

type DownloadState =
  | { status: "idle" }
  | { status: "busy"; percent: number | null }
  | { status: "done" }
  | { status: "error"; message: string };

/** The file name of a download from its Content-Disposition (the UTF-8 form first). */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get("Content-Disposition") ?? "";
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) return decodeURIComponent(utf8[1]!);
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1]! : fallback;
}

/**
 * A long download (the letters as PDF or zip, made on request) with its
 * progress: from the click the link's status region says it is being made,
 * with a percentage once bytes arrive, until the browser saves the file; a
 * refusal (say, signatories missing) is said there too. Without JavaScript it
 * is a plain link or form and the browser shows its own progress.
 */
export function useDownload() {
  const { t } = useTranslation();
  const [state, setState] = useState<DownloadState>({ status: "idle" });
  const start = async (url: string) => {
    if (state.status === "busy") return;
    setState({ status: "busy", percent: null });
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setState({ status: "error", message: body?.message ?? t("formsFeedback.downloadFailed") });
        return;
      }
      const total = Number(response.headers.get("Content-Length") ?? "") || null;
      const reader = response.body?.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      while (reader) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        if (total) setState({ status: "busy", percent: Math.min(100, Math.round((received / total) * 100)) });
      }
      const blob = new Blob(chunks as BlobPart[], { type: response.headers.get("Content-Type") ?? undefined });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = fileNameOf(response, "download");
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      setState({ status: "done" });
    } catch {
      setState({ status: "error", message: t("formsFeedback.downloadFailed") });
    }
  };
  const statusText =
    state.status === "busy"
      ? state.percent === null
        ? t("formsFeedback.downloadBusy")
        : t("formsFeedback.downloadProgress", { percent: state.percent })
      : state.status === "done"
        ? t("formsFeedback.downloadDone")
        : state.status === "error"
          ? state.message
          : "";
  return { state, start, statusText };
}

/** The live region that says how a download is going (always present, so the change is announced). */
export function DownloadStatus({ text, error }: { text: string; error?: boolean }) {
  return (
    <span role="status" className={error ? "h10-download-status h10-download-status--error" : "h10-download-status"}>
      {text}
    </span>
  );
}

/** A link to a file made on request, with a busy indicator from the click until the download starts. */
export function DownloadLink({ href, children }: { href: string; children: ReactNode }) {
  const { state, start, statusText } = useDownload();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void start(href);
  };
  return (
    <>
      <a
        className="utrecht-link"
        href={href}
        download
        onClick={onClick}
        aria-busy={state.status === "busy" || undefined}
      >
        {children}
      </a>{" "}
      <DownloadStatus text={statusText} error={state.status === "error"} />
    </>
  );
}

/**
 * A GET form that downloads (its submit buttons name the file via formAction),
 * e.g. letters confirmed despite a missing signatory: with JavaScript the
 * download runs with progress, without it the browser submits the form.
 */
export function useDownloadForm() {
  const download = useDownload();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const native = event.nativeEvent as SubmitEvent;
    const submitter = native.submitter as HTMLButtonElement | null;
    const form = event.currentTarget;
    // A button's formAction reads as the page's address when it has no formaction of its own.
    const action = submitter?.hasAttribute("formaction") ? submitter.formAction : form.action;
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === "string") query.append(name, value);
    void download.start(`${new URL(action, window.location.href).pathname}?${query}`);
  };
  return { ...download, onSubmit };
}
