import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import {
  FormField,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from "@utrecht/component-library-react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Pager } from "~/components/pager";
import { SubmitButton } from "~/components/submit-button";
import { listMunicipalityOptions } from "~/models/municipality.server";
import { search, searchYears, type SearchResult } from "~/models/search.server";
import { RESULTS_PER_KIND, SEARCH_KINDS, type Segment } from "~/schemas/search";
import { formatDate, formatNumber } from "~/utils/format";
import { pageTitle } from "~/utils/page-title";
import { requireUser } from "~/utils/session.server";

export const meta = pageTitle("search");

/** The query and its filters; a value that does not fit is left out rather than refused (it is a GET form). */
const SearchParamsSchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  kind: z.enum(SEARCH_KINDS).optional().catch(undefined),
  municipality: z.string().max(40).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  state: z.enum(["open", "closed"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
});

/** Everyone signed in reads every trail, sent document, position, meeting date and attachment of the region. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = SearchParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [municipalities, years] = await Promise.all([listMunicipalityOptions(), searchYears()]);
  const municipality = municipalities.find((m) => m.id === params.municipality);
  const filter = {
    kind: params.kind,
    municipalityId: municipality?.id,
    year: params.year,
    state: params.state,
    page: params.kind ? (params.page ?? 1) : undefined,
  };
  const { groups } = await search(params.q, filter);
  return {
    query: params.q,
    filter: {
      q: params.q,
      kind: params.kind,
      municipality: municipality?.id,
      year: params.year,
      state: params.state,
    },
    page: filter.page ?? 1,
    municipalities,
    years,
    groups,
  };
}

/** Text with its matched words in <mark>, as React elements (never as HTML). */
function Marked({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.mark ? <mark key={i}>{segment.text}</mark> : <Fragment key={i}>{segment.text}</Fragment>,
      )}
    </>
  );
}

function ResultItem({ result }: { result: SearchResult }) {
  const { t, i18n } = useTranslation();
  const detail =
    result.kind === "document"
      ? t(`documentKinds.${result.detail}`, { defaultValue: result.detail })
      : result.kind === "position"
        ? t(`positionKinds.${result.detail}`, { defaultValue: result.detail })
        : result.kind === "meeting"
          ? t("search.meetingOn", { date: result.day ? formatDate(result.day, i18n.language) : "" })
          : result.detail;
  const meta = [
    detail,
    result.kind !== "trail" && result.trail
      ? t("search.trail", { reference: result.trail.reference, title: result.trail.title })
      : null,
    result.kind === "attachment" || result.kind === "document" ? result.municipality : null,
    result.day && result.kind !== "meeting" ? formatDate(result.day, i18n.language) : null,
  ].filter(Boolean);
  const title = <Marked segments={result.title} />;
  return (
    <li>
      <span className="h10-search-title">
        {result.href ? (
          // An attachment is a file: a plain link, not a client-side navigation.
          result.kind === "attachment" ? (
            <a className="utrecht-link" href={result.href}>
              {title}
            </a>
          ) : (
            <Link className="utrecht-link" to={result.href}>
              {title}
            </Link>
          )
        ) : (
          <strong>{title}</strong>
        )}
      </span>
      <p className="h10-search-meta">{meta.join(" · ")}</p>
      {result.snippet.length ? (
        <p className="h10-search-snippet">
          <Marked segments={result.snippet} />
        </p>
      ) : null}
    </li>
  );
}

export default function SearchPage() {
  const { query, filter, page, municipalities, years, groups } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const total = groups.reduce((sum, g) => sum + g.total, 0);
  const more = groups.some((g) => g.more);
  const number = (value: number) => formatNumber(value, i18n.language);
  const link = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filter, ...changes }))
      if (value !== undefined && value !== "") params.set(key, String(value));
    return `/zoeken?${params.toString()}`;
  };
  return (
    <>
      <Heading1>{t("search.title")}</Heading1>
      <Paragraph>{t("search.intro")}</Paragraph>
      <Form method="get" className="h10-filter" aria-label={t("search.title")}>
        <FormField type="text">
          <FormLabel htmlFor="search-q">{t("search.words")}</FormLabel>
          <Textbox id="search-q" name="q" type="search" defaultValue={query} maxLength={200} key={query} />
        </FormField>
        <FormField type="select">
          <FormLabel htmlFor="search-kind">{t("search.kind")}</FormLabel>
          <Select id="search-kind" name="kind" defaultValue={filter.kind ?? ""}>
            <SelectOption value="">{t("search.allKinds")}</SelectOption>
            {SEARCH_KINDS.map((kind) => (
              <SelectOption key={kind} value={kind}>
                {t(`search.kinds.${kind}`)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField type="select">
          <FormLabel htmlFor="search-municipality">{t("search.municipality")}</FormLabel>
          <Select id="search-municipality" name="municipality" defaultValue={filter.municipality ?? ""}>
            <SelectOption value="">{t("search.allMunicipalities")}</SelectOption>
            {municipalities.map((m) => (
              <SelectOption key={m.id} value={m.id}>
                {m.name}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField type="select">
          <FormLabel htmlFor="search-year">{t("search.year")}</FormLabel>
          <Select id="search-year" name="year" defaultValue={filter.year ? String(filter.year) : ""}>
            <SelectOption value="">{t("search.allYears")}</SelectOption>
            {years.map((year) => (
              <SelectOption key={year} value={String(year)}>
                {year}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField type="select">
          <FormLabel htmlFor="search-state">{t("search.state")}</FormLabel>
          <Select id="search-state" name="state" defaultValue={filter.state ?? ""}>
            <SelectOption value="">{t("search.allStates")}</SelectOption>
            <SelectOption value="open">{t("search.open")}</SelectOption>
            <SelectOption value="closed">{t("search.closed")}</SelectOption>
          </Select>
        </FormField>
        <SubmitButton appearance="primary-action-button">{t("search.filter")}</SubmitButton>
      </Form>
      {!query ? (
        <Paragraph>{t("search.empty")}</Paragraph>
      ) : groups.length === 0 ? (
        <Paragraph role="status">{t("search.none", { query })}</Paragraph>
      ) : (
        <>
          <Paragraph role="status">
            {more
              ? t("search.summaryMore", { number: number(total), query })
              : t("search.summary", { count: total, query })}
          </Paragraph>
          {groups.map((group) => {
            const label = t(`search.kinds.${group.kind}`);
            return (
              <section key={group.kind} aria-labelledby={`results-${group.kind}`}>
                <Heading2 id={`results-${group.kind}`}>
                  {group.more
                    ? t("search.groupCountMore", { label, number: number(group.total) })
                    : t("search.groupCount", { label, count: group.total })}
                </Heading2>
                <ol className="h10-search-results">
                  {group.results.map((result) => (
                    <ResultItem key={result.id} result={result} />
                  ))}
                </ol>
                {!filter.kind && group.total > group.results.length ? (
                  <Paragraph>
                    <Link className="utrecht-link" to={link({ kind: group.kind })}>
                      {group.more
                        ? t("search.showAllMore", { label: label.toLowerCase() })
                        : t("search.showAll", { count: group.total, label: label.toLowerCase() })}
                    </Link>
                  </Paragraph>
                ) : null}
                {filter.kind && group.more ? (
                  <Paragraph>
                    {t("search.tooMany", { number: number(group.total), label: label.toLowerCase() })}
                  </Paragraph>
                ) : null}
                {filter.kind ? (
                  <Pager
                    label={t("search.pagination")}
                    page={page}
                    pages={Math.max(1, Math.ceil(group.total / RESULTS_PER_KIND))}
                    href={(target) => link({ page: String(target) })}
                  />
                ) : null}
              </section>
            );
          })}
        </>
      )}
    </>
  );
}
