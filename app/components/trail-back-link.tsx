import { Link } from "@remix-run/react";
import { Paragraph } from "@utrecht/component-library-react";

/** The way back from a trail's sub-page (amounts, votes, exit) to the trail. */
export function TrailBackLink({ trail }: { trail: { id: string; title: string; reference: string } }) {
  return (
    <Paragraph>
      <Link className="utrecht-link" to={`/trajecten/${trail.id}`}>
        {trail.title}
      </Link>{" "}
      ({trail.reference})
    </Paragraph>
  );
}
