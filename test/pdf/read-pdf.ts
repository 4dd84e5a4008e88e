/**
 * Reads a PDF back with an independent tool (Mozilla's pdf.js): its text with
 * positions, its structure tree, links, language, title and outline. PNG pages come
 * from poppler's pdftoppm, for a person to look at.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface PdfText {
  str: string;
  page: number;
  x: number;
  /** From the top of the page, like the layout code. */
  top: number;
  width: number;
  height: number;
}

export interface StructNode {
  role?: string;
  children?: StructNode[];
  /** "content" (marked content) or "object" (an annotation), for leaves. */
  type?: string;
}

export async function readPdf(bytes: Uint8Array) {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const texts: PdfText[] = [];
  const structure: StructNode[] = [];
  const links: { page: number; url: string; description: string }[] = [];
  let pageSize = { width: 0, height: 0 };
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    pageSize = { width: viewport.width, height: viewport.height };
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!("str" in item) || !item.str.trim()) continue;
      const [, , , , x, y] = item.transform as number[];
      texts.push({
        str: item.str,
        page: n,
        x: x!,
        top: viewport.height - y! - item.height,
        width: item.width,
        height: item.height,
      });
    }
    for (const annotation of (await page.getAnnotations()) as {
      subtype: string;
      url?: string;
      contentsObj?: { str: string };
    }[]) {
      if (annotation.subtype === "Link")
        links.push({ page: n, url: annotation.url ?? "", description: annotation.contentsObj?.str ?? "" });
    }
    const tree = (await page.getStructTree()) as StructNode | null;
    if (tree) structure.push(tree);
  }
  const metadata = await pdf.getMetadata();
  const outline = (await pdf.getOutline()) ?? [];
  const markInfo = await pdf.getMarkInfo();
  const info = metadata.info as { Title?: string; Language?: string };
  await pdf.destroy();
  return {
    pages: pdf.numPages,
    pageSize,
    links,
    texts,
    text: texts.map((t) => t.str).join(" "),
    structure,
    title: info.Title,
    language: info.Language,
    outline,
    marked: markInfo?.Marked === true,
  };
}

/** Every role in a structure tree, depth first. */
export function roles(nodes: StructNode[]): string[] {
  return nodes.flatMap((node) => [...(node.role ? [node.role] : []), ...roles(node.children ?? [])]);
}

/** Writes the first pages as PNG files into test/artifacts/ (not committed) for review. */
export function savePagesAsPng(bytes: Uint8Array, name: string, lastPage = 3): string[] {
  const dir = path.resolve("test/artifacts");
  fs.mkdirSync(dir, { recursive: true });
  const pdfFile = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(pdfFile, bytes);
  execFileSync("pdftoppm", ["-r", "60", "-f", "1", "-l", String(lastPage), "-png", pdfFile, path.join(dir, name)]);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png"))
    .map((f) => path.join(dir, f));
}
