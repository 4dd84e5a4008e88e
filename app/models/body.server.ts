import { prisma } from "~/utils/db.server";

/** The regional bodies (BO Jeugd, DO, GR board), in the order a trail meets them. */
export async function listRegionalBodies() {
  const bodies = await prisma.body.findMany({ where: { municipalityId: null } });
  const order = ["DO", "BO_JEUGD", "GR_BOARD"];
  return bodies.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}
