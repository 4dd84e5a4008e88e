import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { SharedDraftForm } from "~/components/trail/shared-drafts";
import { listSharedDrafts, mayPublishSharedDraft, publishSharedDraft } from "~/models/shared-draft.server";
import { getTrail } from "~/models/trail.server";
import { SharedDraftSchema } from "~/schemas/shared-draft";
import { readForm } from "~/utils/csrf.server";
import { formKeyOf, newFormKey } from "~/utils/form-key.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/page-title";
import { actorOf, requireUser } from "~/utils/session.server";
import type { PositionKind } from "~workflows/positions";

export const meta = pageTitle("sharedDraft");

/** The trail, and a 403 for a user who may not publish on it (a clerk of a council outside it, an alderman). */
async function load(request: Request, trailId: string | undefined) {
  const user = await requireUser(request);
  const trail = trailId ? await getTrail(trailId) : null;
  if (!trail) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  if (
    !mayPublishSharedDraft(
      actorOf(user),
      trail.participants.map((p) => p.municipality.id),
    )
  )
    throw httpError(
      403,
      "forbidden_role",
      "Alleen de griffier van een deelnemende raad (voor de eigen raad) of een beleidssecretaris deelt een concept.",
    );
  return { user, trail };
}

/** The publishing form on a page of its own: where a refused post comes back to, with the reasons. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { trail } = await load(request, params.trailId);
  const drafts = await listSharedDrafts(trail.id);
  return {
    trail: { id: trail.id, title: trail.title },
    current: drafts.filter((d) => !d.superseded).map((d) => ({ id: d.id, title: d.title })),
    formKey: newFormKey(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trail } = await load(request, params.trailId);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: SharedDraftSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  const result = await publishSharedDraft(
    {
      trailId: trail.id,
      kind: value.kind as PositionKind,
      title: value.title,
      text: value.text,
      items:
        value.itemKind && value.itemTitle && value.itemText
          ? [{ kind: value.itemKind, title: value.itemTitle, text: value.itemText }]
          : undefined,
      supersedesId: value.supersedesId || undefined,
    },
    actorOf(user),
    formKeyOf(formData),
  );
  if (!result.ok) {
    const key =
      result.code === "form_key_reused" ? "workflowErrors.form_key_reused" : `sharedDrafts.errors.${result.code}`;
    return data({ result: submission.reply({ formErrors: [key] }) }, { status: result.status });
  }
  return redirect(`/trajecten/${trail.id}#draft-${result.sharedDraftId}`);
}

export default function SharedDraftPage() {
  const { trail, current, formKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("sharedDrafts.publish")}</Heading1>
      <Paragraph>
        <Link className="utrecht-link" to={`/trajecten/${trail.id}#shared-drafts`}>
          {trail.title}
        </Link>
      </Paragraph>
      <Paragraph>{t("sharedDrafts.intro")}</Paragraph>
      <SharedDraftForm trailId={trail.id} formKey={formKey} current={current} lastResult={actionData?.result} />
    </>
  );
}
