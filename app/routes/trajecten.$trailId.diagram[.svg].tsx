import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTrail } from "~/models/trail.server";
import { getTrailWorkflow } from "~/models/trail-workflow.server";
import { i18next } from "~/utils/i18next.server";
import { actorOf, requireUser } from "~/utils/session.server";
import { workflowSvg } from "~workflows/diagram";
import { WORKFLOWS } from "~workflows/registry";

/** The trail's workflow as an SVG drawn from its machine, current state highlighted. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const trail = params.trailId ? await getTrail(params.trailId) : null;
  if (!trail) return new Response("Not found", { status: 404 });
  const workflow = await getTrailWorkflow(trail.id, actorOf(user));
  const t = await i18next.getFixedT(request);
  const svg = workflowSvg(WORKFLOWS[trail.kind].machine, workflow?.state ?? null, {
    state: (name) => t(`trailStates.${name}`, { defaultValue: name }),
    event: (type) => t(`events.${type}`, { defaultValue: type }),
    rule: (guard) => t(`rules.${guard}`, { defaultValue: guard }),
    current: t("trail.currentStep"),
    title: t("trail.diagramAlt", {
      kind: t(`trailKinds.${trail.kind}`),
      state: t(`trailStates.${workflow?.state ?? trail.state}`),
    }),
  });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "private, no-cache",
    },
  });
}
