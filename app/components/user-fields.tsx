import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ROLES } from "~/schemas/admin";
import { SelectField, TextField } from "./form-fields";

/** Name, e-mail address, role and municipality: the fields of a new user and of an edited one. */
export function UserFields({
  fields,
  municipalities,
  roleDescription,
}: {
  fields: Record<"name" | "email" | "role" | "municipalityId", FieldMetadata<unknown>>;
  municipalities: { id: string; name: string }[];
  roleDescription?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField field={fields.name} label={t("admin.name")} />
      <TextField field={fields.email} type="email" label={t("admin.email")} autoComplete="off" />
      <SelectField
        field={fields.role}
        label={t("admin.role")}
        description={roleDescription}
        placeholder={t("admin.chooseRole")}
        options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      />
      <SelectField
        field={fields.municipalityId}
        label={t("region.municipality")}
        description={t("admin.municipalityHint")}
        placeholder={t("admin.noMunicipality")}
        options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
      />
    </>
  );
}
