/**
 * The four example trails from the source documents (../shared/seeds/), each
 * standing at a realistic point of its process.
 */
import type { TrailKind } from "../app/generated/prisma/enums.ts";
import { MUNICIPALITIES } from "./region-data.ts";

export interface TrailSeed {
  kind: TrailKind;
  title: string;
  reference: string;
  summary: string;
  state: string;
  startedAt: string;
  closedAt: string | null;
  participants: string[];
  receivedAt?: Record<string, string>;
  /** Which source document the trail comes from. */
  source: string;
}

const ALL = MUNICIPALITIES.map((m) => m.slug);
const WITHOUT_VOORSCHOTEN = ALL.filter((slug) => slug !== "voorschoten");

export const TRAILS: TrailSeed[] = [
  {
    kind: "VISION",
    title: "Visietraject regionale samenwerking inkoop jeugdhulp vanaf 2019",
    reference: "H10-VISIE-2017",
    summary:
      "Gezamenlijke visie van de tien gemeenten in Haaglanden op de samenwerking bij de inkoop van jeugdhulp vanaf 2019. " +
      "Voorlopige conclusies: de inkoopstrategie wijzigen naar een resultaatgericht model en de governance aanpassen " +
      "(netwerksturing voor beleid en inkoop, een publiekrechtelijke organisatie waar rechtspersoonlijkheid nodig is). " +
      "Besluiten binnen het mandaat van de raad worden voor 1 maart 2018 voorgelegd.",
    state: "drafting",
    startedAt: "2017-05-30T10:00:00+02:00",
    closedAt: null,
    participants: ALL,
    source: "seeds/000 (raadsinformatiebrief van de colleges van de H10 aan de tien raden)",
  },
  {
    kind: "PROCUREMENT",
    title: "Uitgangspuntennotitie inkoop en bekostiging jeugdhulp 2020-2024",
    reference: "H10-INKOOP-2018",
    summary:
      "De notitie met uitgangspunten voor inkoop en bekostiging gaat naar alle tien raden voor wensen en bedenkingen. " +
      "De inbreng van de raden wordt waar mogelijk verwerkt; een oplegger laat zien hoe elke raad heeft geadviseerd en " +
      "hoe dat in het definitieve document is verwerkt. Het definitieve voorstel volgt voor 1 maart 2018.",
    state: "processingInput",
    startedAt: "2017-11-01T10:00:00+01:00",
    closedAt: null,
    participants: ALL,
    source: "seeds/000 en seeds/003",
  },
  {
    kind: "GR_AMENDMENT",
    title: "Wijziging GR Servicebureau Jeugdhulp Haaglanden (Wet versterking democratische legitimiteit Wgr)",
    reference: "H10-GR-2024",
    summary:
      "De gemeenschappelijke regeling moet voor 1 juli 2024 in overeenstemming zijn met de gewijzigde Wet gemeenschappelijke " +
      "regelingen. Stappen: beslispuntenmemo, wijzigingsvoorstel, zienswijzen van de raden (binnen acht weken), " +
      "toestemming van elke deelnemende raad.",
    state: "zienswijzeTerm",
    startedAt: "2023-09-01T10:00:00+02:00",
    closedAt: null,
    participants: WITHOUT_VOORSCHOTEN,
    receivedAt: { "den-haag": "2024-01-15T09:00:00+01:00", delft: "2024-01-15T09:00:00+01:00", zoetermeer: "2024-01-16T09:00:00+01:00" },
    source: "seeds/001 en seeds/003",
  },
  {
    kind: "EXIT",
    title: "Uittreding Voorschoten uit de GR Servicebureau Jeugdhulp Haaglanden",
    reference: "H10-UIT-VOORSCHOTEN",
    summary:
      "Voorschoten gaat voor jeugdhulp over naar de Leidse regio. Uittreden kan per 1 januari van een kalenderjaar met een " +
      "opzegtermijn van één jaar: de raad stemt in, het college besluit, en het bestuur van de GR is uiterlijk " +
      "31 december 2021 in kennis gesteld voor een overstap per 1 januari 2023. Frictiekosten: uittreding GR € 213.000; " +
      "ICT en extra capaciteit pm. Structureel hoger: € 60.000 en € 90.000 per jaar.",
    state: "noticeGiven",
    startedAt: "2020-05-01T10:00:00+02:00",
    closedAt: null,
    participants: ["voorschoten"],
    receivedAt: { voorschoten: "2021-06-01T09:00:00+02:00" },
    source: "seeds/004 (analyse overstap jeugdhulp Voorschoten naar de Leidse regio)",
  },
];
