import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { IntentButton } from "~/components/intent-button";
import { TrailBackLink } from "~/components/trail-back-link";
import { mayPublish, publishPublication, trailPublications } from "~/models/publication.server";
import { PublishSchema } from "~/schemas/woo";
import { readForm } from "~/utils/csrf.server";
import { formatDate } from "~/utils/format";
import { httpError } from "~/utils/http.server";
import { actorOf, requireUser } from "~/utils/session.server";
import { requireTrail } from "~/utils/trail-route.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle<typeof loader>("wooPublications", (data, t) => ({
  title: data?.trail.title ?? t("titles.trailFallback"),
}));

/** A trail's Woo publications for a secretary; 403 for anyone else. */
async function load(request: Request, trailId: string | undefined) {
  const user = await requireUser(request);
  if (!mayPublish(actorOf(user)))
    throw httpError(403, "forbidden_role", "Alleen een beleidssecretaris beheert de Woo-publicaties.");
  const trail = await requireTrail(trailId);
  return { user, trail };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { trail } = await load(request, params.trailId);
  const rows = await trailPublications(trail.id);
  return {
    trail: { id: trail.id, title: trail.title, reference: trail.reference },
    now: new Date().toISOString(),
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      dueAt: r.dueAt.toISOString(),
      publishedAt: r.publishedAt?.toISOString() ?? null,
      withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
      withdrawReason: r.withdrawReason,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, trail } = await load(request, params.trailId);
  const parsed = PublishSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw httpError(400, "invalid_request", "Dit verzoek is ongeldig.");
  const rows = await trailPublications(trail.id);
  if (!rows.some((r) => r.id === parsed.data.publicationId))
    throw httpError(404, "publication_not_found", "Deze publicatie hoort niet bij dit traject.");
  const result = await publishPublication(parsed.data.publicationId, actorOf(user));
  if (!result.ok) throw httpError(result.status, result.code, "Deze publicatie kan niet worden gepubliceerd.");
  return redirect(`/trajecten/${trail.id}/publicaties`);
}

export default function TrailPublicationsPage() {
  const { trail, rows, now } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <>
      <TrailBackLink trail={trail} />
      <Heading1>{t("woo.titles.trailPublications")}</Heading1>
      <Paragraph>{t("woo.staffIntro")}</Paragraph>
      {rows.length ? (
        <UnorderedList data-testid="trail-publications">
          {rows.map((r) => (
            <UnorderedListItem key={r.id}>
              <strong>{r.title}</strong>{" "}
              {r.withdrawnAt ? (
                <span>
                  {t("woo.withdrawnOn", { date: formatDate(r.withdrawnAt, lng) })}: {r.withdrawReason}
                </span>
              ) : r.publishedAt ? (
                <span>
                  {t("woo.publishedOn", { date: formatDate(r.publishedAt, lng) })} ·{" "}
                  <Link className="utrecht-link" to={`/openbaar/documenten/${r.id}`}>
                    {t("woo.publicPage")}
                  </Link>{" "}
                  ·{" "}
                  <Link className="utrecht-link" to={`/trajecten/${trail.id}/publicaties/${r.id}`}>
                    {t("woo.withdraw")}
                  </Link>
                </span>
              ) : (
                <span>
                  {t(r.dueAt < now ? "woo.lateSince" : "woo.dueBy", { date: formatDate(r.dueAt, lng) })}{" "}
                  <IntentButton
                    intent="publish"
                    fields={{ publicationId: r.id }}
                    label={t("woo.publish")}
                    aria-label={t("woo.publishNamed", { title: r.title })}
                    appearance="secondary-action-button"
                    className="h10-inline-form"
                  />
                </span>
              )}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{t("woo.nothingYet")}</Paragraph>
      )}
    </>
  );
}
