/**
 * Attachments of positions (and, through checkUpload and storeBlob, the
 * annexes of documents and trails in annex.server.ts): PDF and common office files up to 10 MB, stored
 * on disk by their SHA-256 (the same file twice is stored once); the name a
 * user gave is kept only as display text, never as a path.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import type { Actor } from "~/utils/permissions";
import type { PositionBody } from "~workflows/positions";
import { appendEvent } from "./event.server";
import { mayLogFor } from "./position.server";
import { indexAttachment } from "./search.server";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];

/** Accepted files by extension, with the bytes they must start with. */
const TYPES: Record<string, { mediaType: string; magic: number[] }> = {
  pdf: { mediaType: "application/pdf", magic: PDF },
  docx: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: ZIP },
  xlsx: { mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: ZIP },
  pptx: { mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", magic: ZIP },
  odt: { mediaType: "application/vnd.oasis.opendocument.text", magic: ZIP },
  ods: { mediaType: "application/vnd.oasis.opendocument.spreadsheet", magic: ZIP },
  doc: { mediaType: "application/msword", magic: OLE },
  xls: { mediaType: "application/vnd.ms-excel", magic: OLE },
};

export const ACCEPTED_EXTENSIONS = Object.keys(TYPES).map((ext) => `.${ext}`);

/** A display name without any path, control characters or quotes. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what goes
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 200);
  return cleaned || "bijlage";
}

function attachmentDir() {
  const dir = path.join(getEnv().dataDir, "attachments");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export type UploadRefusal = {
  ok: false;
  status: 400 | 413;
  code: "attachment_too_large" | "attachment_type" | "attachment_empty";
};

/**
 * The checks every upload passes (a position's attachment, a document's or a
 * trail's annex): not empty, at most MAX_ATTACHMENT_BYTES, an accepted
 * extension whose content is what the file really starts with; the name
 * made safe for download. Nothing is written.
 */
export function checkUpload(file: {
  name: string;
  bytes: Uint8Array;
}): { ok: true; fileName: string; mediaType: string } | UploadRefusal {
  if (file.bytes.byteLength === 0) return { ok: false, status: 400, code: "attachment_empty" };
  if (file.bytes.byteLength > MAX_ATTACHMENT_BYTES) return { ok: false, status: 413, code: "attachment_too_large" };
  const fileName = safeFileName(file.name);
  const type = TYPES[fileName.split(".").pop()?.toLowerCase() ?? ""];
  // The extension must match what the file really is.
  if (!type || !type.magic.every((byte, i) => file.bytes[i] === byte))
    return { ok: false, status: 400, code: "attachment_type" };
  return { ok: true, fileName, mediaType: type.mediaType };
}

/** Stores checked bytes under their SHA-256 (once, however often they are uploaded) and returns the hash. */
export function storeBlob(bytes: Uint8Array): string {
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const target = path.join(attachmentDir(), sha256);
  if (!fs.existsSync(target)) {
    // Write then rename: a crash never leaves a half file under the hash.
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, target);
  }
  return sha256;
}

export type AttachResult =
  | { ok: true; attachmentId: string }
  | { ok: false; status: 403 | 404; code: "position_not_found" | "forbidden_body" }
  | UploadRefusal;

export async function storeAttachment(
  positionId: string,
  file: { name: string; bytes: Uint8Array },
  actor: Actor,
): Promise<AttachResult> {
  const position = await prisma.position.findUnique({ where: { id: positionId }, include: { body: true } });
  if (!position || !position.municipalityId) return { ok: false, status: 404, code: "position_not_found" };
  if (!mayLogFor(actor, position.body.kind as PositionBody, position.municipalityId))
    return { ok: false, status: 403, code: "forbidden_body" };
  const checked = checkUpload(file);
  if (!checked.ok) return checked;
  const { fileName, mediaType } = checked;
  const sha256 = storeBlob(file.bytes);
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.attachment.create({
      data: { positionId, fileName, mediaType, size: file.bytes.byteLength, sha256, uploadedBy: actor.id },
    });
    await indexAttachment(tx, created.id);
    await appendEvent(tx, {
      type: "attachment.added",
      trailId: position.trailId,
      actor,
      payload: { positionId, attachmentId: created.id, fileName, sha256 },
    });
    return created;
  });
  return { ok: true, attachmentId: row.id };
}

/** The attachment and its bytes, checked against the stored hash. */
export async function readAttachment(attachmentId: string) {
  const row = await prisma.attachment.findUnique({ where: { id: attachmentId } });
  if (!row) return null;
  return { row, bytes: readBlob(row.sha256) };
}

/** Reads a stored file by its hash, checked against it. */
export function readBlob(sha256: string): Uint8Array {
  const bytes = fs.readFileSync(path.join(attachmentDir(), sha256));
  if (crypto.createHash("sha256").update(bytes).digest("hex") !== sha256)
    throw new Error(`Stored file ${sha256} does not match its hash`);
  return bytes;
}

export function listAttachments(positionId: string) {
  return prisma.attachment.findMany({ where: { positionId }, orderBy: { createdAt: "asc" } });
}
