import { Link } from "@remix-run/react";
import { Alert, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "@utrecht/component-library-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { WindowAlarm, WindowAlarmTrail } from "~/models/meeting-window.server";
import { formatDate } from "~/utils/format";

/** The due date of the trail's councils in words: one date, or the first and last when they differ. */
function dueText(trail: WindowAlarmTrail, t: TFunction, lng: string) {
  const dates = trail.councils.map((c) => c.dueOn).sort();
  const [first, last] = [dates[0]!, dates[dates.length - 1]!];
  return first === last
    ? t("meetingWindow.dueOn", { date: formatDate(first, lng) })
    : t("meetingWindow.dueBetween", { from: formatDate(first, lng), to: formatDate(last, lng) });
}

/**
 * The secretary's alarm (issue 19): per open trail with a running council window, the councils with no council
 * meeting in it, named, with a link to the trail; the trails past the limit counted.
 */
export function MeetingWindowAlarm({ alarm }: { alarm: WindowAlarm }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <section aria-labelledby="without-meeting" data-testid="window-alarm" className="h10-alarm">
      <Heading2 id="without-meeting">{t("meetingWindow.title")}</Heading2>
      {alarm.trails.length ? (
        <Alert type="warning">
          <Paragraph>{t("meetingWindow.intro")}</Paragraph>
          <UnorderedList>
            {alarm.trails.map((trail) => (
              <UnorderedListItem key={trail.trailId} data-trail={trail.reference}>
                <Link className="utrecht-link" to={`/trajecten/${trail.trailId}`}>
                  {trail.title}
                </Link>
                : <strong>{t("meetingWindow.councils", { count: trail.councils.length })}</strong> (
                {trail.councils.map((c) => c.name).join(", ")}) — {dueText(trail, t, lng)}
              </UnorderedListItem>
            ))}
          </UnorderedList>
          {alarm.more ? <Paragraph>{t("meetingWindow.more", { count: alarm.more })}</Paragraph> : null}
        </Alert>
      ) : (
        <Paragraph>{t("meetingWindow.none")}</Paragraph>
      )}
    </section>
  );
}

/**
 * The alderman's alarm (issue 19): the open trails on which the own council has no council meeting before its
 * running deadline. Nothing when there are none.
 */
export function OwnMeetingWindowAlarm({ alarm }: { alarm: WindowAlarm }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  if (!alarm.trails.length) return null;
  return (
    <section aria-labelledby="own-without-meeting" data-testid="own-window-alarm" className="h10-alarm">
      <Alert type="warning">
        <Heading2 id="own-without-meeting">{t("meetingWindow.ownTitle")}</Heading2>
        <UnorderedList>
          {alarm.trails.map((trail) => (
            <UnorderedListItem key={trail.trailId} data-trail={trail.reference}>
              {t("meetingWindow.ownBefore", { date: formatDate(trail.councils[0]!.dueOn, lng) })}{" "}
              <Link className="utrecht-link" to={`/trajecten/${trail.trailId}`}>
                {trail.title}
              </Link>
            </UnorderedListItem>
          ))}
        </UnorderedList>
        {alarm.more ? <Paragraph>{t("meetingWindow.more", { count: alarm.more })}</Paragraph> : null}
      </Alert>
    </section>
  );
}
