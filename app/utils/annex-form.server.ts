/**
 * The annex forms of the document page and the trail page: an upload
 * (multipart: the CSRF token, a title, "internal" and one file) and a removal
 * (an ordinary form). Who may is settled before a byte of an upload is read;
 * every refusal comes back as a code the page says in Dutch or English, with
 * nothing written.
 */
import { data } from "@remix-run/node";
import { addAnnex, mayManageAnnexes, removeAnnex, type AnnexOwner } from "~/models/annex.server";
import { MAX_ATTACHMENT_BYTES } from "~/models/attachment.server";
import { readUploadForm } from "./csrf.server";
import { httpError } from "./http.server";
import type { Actor } from "./permissions";

export type AnnexFormResult = { annex: { done: "added" | "removed" | null; error: string | null } };

export function isUpload(request: Request): boolean {
  return (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/** Reads an annex upload and adds it to the owner `ownerOf` names from the form's fields. */
export async function uploadAnnex(request: Request, actor: Actor, ownerOf: (fields: FormData) => AnnexOwner | null) {
  if (!mayManageAnnexes(actor))
    throw httpError(403, "forbidden_role", "Alleen een beleidssecretaris of beheerder voegt bijlagen toe.");
  let upload: FormData;
  try {
    upload = await readUploadForm(request, MAX_ATTACHMENT_BYTES);
  } catch (refusal) {
    // Too large a file is said next to the form, like the other refusals of the file.
    if (refusal instanceof Response && refusal.status === 413) {
      const { code } = (await refusal.clone().json()) as { code: string };
      if (code === "attachment_too_large") return refused(413, code);
    }
    throw refusal;
  }
  const file = upload.get("file");
  const owner = ownerOf(upload);
  if (!owner) return refused(404, "revision_not_found");
  if (!(file instanceof File) || file.size === 0) return refused(400, "attachment_empty");
  const title = upload.get("title");
  const added = await addAnnex(
    owner,
    { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
    { title: typeof title === "string" ? title : null, internal: upload.get("internal") === "on" },
    actor,
  );
  if (!added.ok) return refused(added.status, added.code);
  return data<AnnexFormResult>({ annex: { done: "added", error: null } });
}

/** Removes the annex the (already read and CSRF-checked) form names. */
export async function removeAnnexForm(formData: FormData, actor: Actor) {
  const annexId = formData.get("annexId");
  const removed = await removeAnnex(typeof annexId === "string" ? annexId : "", actor);
  if (!removed.ok) {
    if (removed.code === "forbidden_role") throw httpError(403, removed.code, "U mag geen bijlagen verwijderen.");
    return refused(removed.status, removed.code);
  }
  return data<AnnexFormResult>({ annex: { done: "removed", error: null } });
}

function refused(status: number, code: string) {
  return data<AnnexFormResult>({ annex: { done: null, error: code } }, { status });
}
