import { useTranslation } from "react-i18next";
import type { DeadlineStatus } from "~/utils/deadlines";
import { formatDate } from "~/utils/format";

/** A due date with its state in words and colour (never colour alone). */
export function DeadlineBadge({
  dueOn,
  status,
  metOn,
}: {
  dueOn: string;
  status: DeadlineStatus;
  metOn?: string | null;
}) {
  const { t, i18n } = useTranslation();
  return (
    <span className={`h10-deadline h10-deadline--${status}`}>
      {formatDate(dueOn, i18n.language)}{" "}
      <span className="h10-deadline__status">
        ({t(`deadlineStatus.${status}`)}
        {status === "met" && metOn ? ` ${formatDate(metOn, i18n.language)}` : ""})
      </span>
    </span>
  );
}
