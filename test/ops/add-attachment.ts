/** Attaches a small PDF to Den Haag's seeded zienswijze, as its clerk (DATA_DIR). Prints the file's SHA-256. */
import { storeAttachment } from "../../app/models/attachment.server.ts";
import { prisma } from "../../app/utils/db.server.ts";

const clerk = await prisma.user.findUniqueOrThrow({ where: { email: "griffier.den-haag@h10.example" } });
const position = await prisma.position.findFirstOrThrow({
  where: { municipality: { slug: "den-haag" }, kind: "ZIENSWIJZE" },
});
const bytes = new TextEncoder().encode(`%PDF-1.4\n% Zienswijze Den Haag, RIS 317 204, ${Date.now()}\n%%EOF\n`);
const stored = await storeAttachment(
  position.id,
  { name: "zienswijze-den-haag.pdf", bytes },
  { id: clerk.id, role: clerk.role, municipalityId: clerk.municipalityId },
);
if (!stored.ok) throw new Error(stored.code);
const row = await prisma.attachment.findUniqueOrThrow({ where: { id: stored.attachmentId } });
await prisma.$disconnect();
process.stdout.write(row.sha256);
