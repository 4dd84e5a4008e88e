import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  Alert,
  Button,
  FormFieldTextbox,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/csrf-input";
import { getTrail, recordReceipt } from "~/models/trail.server";
import { ReceiptSchema } from "~/schemas/trail";
import { readForm } from "~/utils/csrf.server";
import { formatDate, fromDateInputValue, toDateInputValue } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { canRecordReceipt } from "~/utils/permissions";
import { actorOf, requireUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.trail.title ?? "Traject"} · H10 Besluitvorming` },
];

async function loadTrail(trailId: string | undefined) {
  const trail = trailId ? await getTrail(trailId) : null;
  if (!trail) throw httpError(404, "trail_not_found", "Dit traject bestaat niet.");
  return trail;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const trail = await loadTrail(params.trailId);
  const actor = actorOf(user);
  return {
    trail: {
      id: trail.id,
      kind: trail.kind,
      title: trail.title,
      reference: trail.reference,
      summary: trail.summary,
      state: trail.state,
      startedAt: trail.startedAt.toISOString(),
    },
    participants: trail.participants.map((p) => ({
      municipalityId: p.municipality.id,
      name: p.municipality.name,
      receivedAt: p.receivedAt?.toISOString() ?? null,
      // Only the actions this user may take are offered.
      mayRecordReceipt: canRecordReceipt(actor, p.municipality.id),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const trail = await loadTrail(params.trailId);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: ReceiptSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), municipalityId: String(formData.get("municipalityId") ?? "") }, { status: 400 });
  }
  const { municipalityId, receivedAt } = submission.value;
  if (!canRecordReceipt(actorOf(user), municipalityId)) {
    throw httpError(403, "forbidden_municipality", "U mag alleen gegevens vastleggen voor uw eigen gemeente.");
  }
  const result = await recordReceipt(
    { trailId: trail.id, municipalityId, receivedAt: fromDateInputValue(receivedAt) },
    actorOf(user),
  );
  if (!result.ok) {
    return data(
      { result: submission.reply({ formErrors: [`errorCodes.${result.code}`] }), municipalityId },
      { status: result.code === "trail_not_found" ? 404 : 400 },
    );
  }
  return data({ result: submission.reply({ resetForm: true }), municipalityId, saved: true });
}

export default function TrailPage() {
  const { trail, participants } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const today = toDateInputValue(new Date());
  return (
    <>
      <Heading1>{trail.title}</Heading1>
      <dl className="h10-facts">
        <dt>{t("trails.kind")}</dt>
        <dd>{t(`trailKinds.${trail.kind}`)}</dd>
        <dt>{t("trails.reference")}</dt>
        <dd>{trail.reference}</dd>
        <dt>{t("trails.state")}</dt>
        <dd>{t(`trailStates.${trail.state}`, { defaultValue: trail.state })}</dd>
        <dt>{t("trails.started")}</dt>
        <dd>{formatDate(trail.startedAt, lng)}</dd>
      </dl>
      {trail.summary ? <Paragraph>{trail.summary}</Paragraph> : null}
      {actionData && "saved" in actionData ? (
        <Alert type="ok" role="status">
          <Paragraph>{t("trail.receiptSaved")}</Paragraph>
        </Alert>
      ) : null}
      <Heading2>{t("trail.participants")}</Heading2>
      <Table className="h10-table">
        <TableCaption>{t("trail.participantsCaption", { count: participants.length })}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("region.municipality")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("trail.received")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("trail.actions")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {participants.map((p) => {
            const errors =
              actionData && !("saved" in actionData) && actionData.municipalityId === p.municipalityId
                ? actionData.result
                : undefined;
            const fieldErrors = errors?.error?.receivedAt ?? errors?.error?.[""];
            return (
              <TableRow key={p.municipalityId}>
                <TableHeaderCell scope="row">{p.name}</TableHeaderCell>
                <TableCell>{p.receivedAt ? formatDate(p.receivedAt, lng) : t("trail.notReceived")}</TableCell>
                <TableCell>
                  {p.mayRecordReceipt ? (
                    <Form method="post" className="h10-inline-form" aria-label={t("trail.receiptFormLabel", { name: p.name })}>
                      <CsrfInput />
                      <input type="hidden" name="intent" value="receipt" />
                      <input type="hidden" name="municipalityId" value={p.municipalityId} />
                      <FormFieldTextbox
                        name="receivedAt"
                        type="date"
                        label={t("trail.receivedOn", { name: p.name })}
                        defaultValue={p.receivedAt ? toDateInputValue(p.receivedAt) : today}
                        invalid={!!fieldErrors}
                        errorMessage={fieldErrors?.[0] ? t(fieldErrors[0]) : undefined}
                        required
                      />
                      <Button type="submit" appearance="secondary-action-button">
                        {t("trail.recordReceipt")}
                      </Button>
                    </Form>
                  ) : (
                    <span className="h10-muted">{t("trail.noActions")}</span>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
