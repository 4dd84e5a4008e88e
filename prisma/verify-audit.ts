/**
 * `npm run audit:verify`: recomputes the hash chain of the audit trail and
 * reports the first broken link. Exits 1 when the chain is broken.
 */
import { verifyEventChain } from "../app/models/event.server.ts";
import { prisma } from "../app/utils/db.server.ts";

const report = await verifyEventChain();
if (report.ok) {
  console.log(`Audit trail intact: ${report.checked} events verified.`);
} else {
  console.error(
    `Audit trail BROKEN at event ${report.firstBroken!.sequence}: ${report.firstBroken!.reason} (${report.checked} events before it verified).`,
  );
  process.exitCode = 1;
}
await prisma.$disconnect();
