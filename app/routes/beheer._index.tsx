import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Heading1, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/utils/session.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("admin");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return null;
}

export default function AdminPage() {
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("admin.title")}</Heading1>
      <Paragraph>{t("admin.intro")}</Paragraph>
      <UnorderedList>
        <UnorderedListItem>
          <Link className="utrecht-link" to="/beheer/gebruikers">
            {t("admin.users")}
          </Link>
        </UnorderedListItem>
        <UnorderedListItem>
          <Link className="utrecht-link" to="/beheer/inwoners">
            {t("admin.inhabitants")}
          </Link>
        </UnorderedListItem>
        <UnorderedListItem>
          <Link className="utrecht-link" to="/beheer/ondertekening">
            {t("admin.signatories")}
          </Link>
        </UnorderedListItem>
        <UnorderedListItem>
          <Link className="utrecht-link" to="/beheer/raadsinformatie">
            {t("oriImport.adminLink")}
          </Link>
        </UnorderedListItem>
        <UnorderedListItem>
          <Link className="utrecht-link" to="/verdeelsleutels">
            {t("keys.title")}
          </Link>
        </UnorderedListItem>
      </UnorderedList>
    </>
  );
}
