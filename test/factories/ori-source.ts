/**
 * A local stand-in for an ORI-compatible API (openbesluitvorming.nl), started by the test on 127.0.0.1: no traffic
 * leaves the machine. It answers in the documented shapes (ontola/openbesluitvorming API.md, "Bulk export" and
 * "Entity detail", and schemas/motion.schema.json, schemas/meeting.schema.json):
 *   GET /api/export/changes?source=&cursor=&limit=  NDJSON records, headers X-Next-Cursor and X-Has-More
 *   GET /api/entities/{id}                          a meeting: entityId, entityType, sortDate, agenda[]
 *   errors                                          JSON { code, error }, e.g. 400 unknown_export_source
 * A test sets what each page answers, and can make one slow, fail, cut off or malformed.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type PageBehaviour =
  | { records: readonly unknown[]; next: string; hasMore?: boolean }
  | { status: number; body: unknown }
  | { delayMs: number; records: readonly unknown[]; next: string }
  /** The raw body as given (malformed NDJSON), with the headers. */
  | { raw: string; next?: string; hasMore?: boolean }
  /** Announces more bytes than it sends, then closes: a cut-off response. */
  | { cutOff: string };

export interface OriStandIn {
  baseUrl: string;
  /** What the change feed answers per cursor ("" is the first page). */
  pages: Map<string, PageBehaviour>;
  meetings: Map<string, unknown>;
  requests: string[];
  close(): Promise<void>;
}

let seq = 0;

/** A change record of a Motion in the export's shape. */
export function motionRecord(sourceKey: string, id: string, payload: Record<string, unknown>) {
  seq += 1;
  const entityId = `motion:ibabs:gemeente:${sourceKey}:${id}`;
  return {
    seq,
    op: "upsert",
    time: "2026-07-10T12:00:00.000Z",
    entity_id: entityId,
    entity_type: "Motion",
    source_key: sourceKey,
    supplier: "ibabs",
    commit_id: `commit:${entityId}:abc123`,
    content_hash: `sha256:${id}`,
    schema_version: "v1alpha1",
    payload: { id: entityId, type: "Motion", source_info: { supplier: "ibabs", source: sourceKey }, ...payload },
  };
}

/** A Document record: read and passed over (only motions and decisions are proposed). */
export function documentRecord(sourceKey: string, id: string) {
  seq += 1;
  const entityId = `document:ibabs:gemeente:${sourceKey}:${id}`;
  return {
    seq,
    op: "upsert",
    time: "2026-07-10T12:00:00.000Z",
    entity_id: entityId,
    entity_type: "Document",
    source_key: sourceKey,
    payload: { type: "Document", name: "Raadsvoorstel", original_url: "https://example.invalid/doc.pdf" },
  };
}

/** A meeting as GET /api/entities/{id} answers it. */
export function meetingEntity(id: string, sortDate: string, agenda: { id: string; number: string; title: string }[]) {
  return {
    entityId: id,
    entityType: "Meeting",
    entityTypeLabel: "Vergadering",
    title: `Raadsvergadering ${sortDate.slice(0, 10)}`,
    organization: "Delft",
    date: sortDate.slice(0, 10),
    sortDate,
    agenda: agenda.map((item) => ({ ...item, documents: [], agenda_items: [] })),
    motions: [],
  };
}

export async function startOriStandIn(): Promise<OriStandIn> {
  const pages = new Map<string, PageBehaviour>();
  const meetings = new Map<string, unknown>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname + url.search);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/api/export/changes") {
      const page = pages.get(url.searchParams.get("cursor") ?? "");
      if (!page) return json(400, { code: "invalid_export_cursor", error: "Onbekende cursor" });
      if ("status" in page) return json(page.status, page.body);
      if ("cutOff" in page) {
        res.writeHead(200, {
          "content-type": "application/x-ndjson",
          "content-length": String(page.cutOff.length + 500),
        });
        res.write(page.cutOff);
        setTimeout(() => res.destroy(), 10);
        return;
      }
      const headers: Record<string, string> = { "content-type": "application/x-ndjson" };
      if ("next" in page && page.next) headers["x-next-cursor"] = page.next;
      if ("next" in page && page.next) headers["x-has-more"] = String(("hasMore" in page && page.hasMore) || false);
      const body = "raw" in page ? page.raw : page.records.map((r) => JSON.stringify(r) + "\n").join("");
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(200, headers);
        res.end(body);
      };
      if ("delayMs" in page) setTimeout(send, page.delayMs);
      else send();
      return;
    }
    const entity = /^\/api\/entities\/([^/]+)$/.exec(url.pathname);
    if (entity) {
      const meeting = meetings.get(decodeURIComponent(entity[1]!));
      return meeting ? json(200, meeting) : json(404, { code: "entity_not_found", error: "Niet gevonden" });
    }
    json(404, { code: "not_found", error: "Niet gevonden" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pages,
    meetings,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
