import { useTranslation } from "react-i18next";
import { atwRestDay, type DeadlineStatus } from "~/utils/deadlines";
import { formatDate } from "~/utils/format";

/**
 * A due date with its state in words and colour (never colour alone): met or
 * late with the day it was met, and, where the Algemene termijnenwet moved a
 * legal term's end, the day it ended by counting and the article.
 */
export function DeadlineBadge({
  dueOn,
  status,
  metOn,
  extendedFrom,
  compact = false,
}: {
  dueOn: string;
  status: DeadlineStatus;
  metOn?: string | null;
  extendedFrom?: string | null;
  /** In a narrow place (a matrix cell): the extension in a few words, still with its article. */
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const date = (value: string) => formatDate(value, i18n.language);
  return (
    <span className={`h10-deadline h10-deadline--${status}`} data-status={status}>
      {date(dueOn)}{" "}
      <span className="h10-deadline__status">
        (
        {status === "late" && metOn
          ? t("deadline.lateOn", { date: date(metOn) })
          : `${t(`deadlineStatus.${status}`)}${status === "met" && metOn ? ` ${date(metOn)}` : ""}`}
        )
      </span>
      {extendedFrom ? (
        <span className="h10-deadline__extended">
          {t(compact ? "deadline.extendedShort" : "deadline.extended", {
            from: date(extendedFrom),
            day: t(`atw.days.${atwRestDay(extendedFrom)}`),
            date: date(dueOn),
          })}
        </span>
      ) : null}
    </span>
  );
}
