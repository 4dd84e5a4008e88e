/**
 * The example trails from the source documents (../shared/seeds/). Each
 * is started and then driven through its workflow by the steps below, as the
 * people involved would have done, up to a realistic point of its process.
 */
import type {
  AllocationMethod,
  AmountKind,
  DocumentKind,
  PositionKind,
  TrailKind,
} from "../app/generated/prisma/enums.ts";
import { DEMO_DOMAIN } from "./region-data.ts";

export interface TrailStep {
  /** Who does it: the local part of a demo account (secretaris, griffier.delft, ...). */
  as: string;
  type: string;
  /** Slug of the municipality the event is about. */
  municipality?: string;
  fields?: Record<string, string>;
}

export interface TrailSeed {
  kind: TrailKind;
  title: string;
  reference: string;
  summary: string;
  startedOn: string;
  exiting?: string;
  steps: TrailStep[];
  targets?: { label: string; dueOn: string }[];
  /** Positions logged by the council's clerk after the steps (each also the step it stands for). */
  positions?: {
    as: string;
    municipality: string;
    body: "COUNCIL" | "COMMITTEE" | "COLLEGE";
    kind: PositionKind;
    text: string;
    meetingDate: string;
    votes?: { for: number; against: number; abstained: number };
    decisionReference?: string;
  }[];
  /** Documents started from their template; `sent` freezes revision 1 as the text sent to the councils. */
  /**
   * Documents from their template: `texts` fill the template's "…" in order (decision points first), and a sent one
   * goes to the councils on `sentOn` (the day the trail's step names), so its page and publication carry that day.
   */
  documents?: { kind: DocumentKind; title: string; sent: boolean; sentOn?: string; texts?: string[] }[];
  /** The board's written answers to councils' zienswijzen (the answer ledger), by the council's slug. */
  answers?: { municipality: string; text: string; answeredOn: string }[];
  /** Financial consequences: amounts in euros as written (or "pm"), shared by the named key or kept whole. */
  finances?: { label: string; kind: AmountKind; year: number; amount: string; key?: string }[];
  /** An exit trail's exit payment estimate: the annual contribution (euros as written) and the multiple in hundredths. */
  exitEstimate?: { annual: string; multipleHundredths: number };
  /** Which source document the trail comes from. */
  source: string;
}

/** The allocation keys of the region (DOMAIN.md; seeds/004: the service bureau's costs by inhabitants of the previous year). */
export const ALLOCATION_KEYS: {
  name: string;
  method: AllocationMethod;
  inhabitantsYear: number | null;
  description: string;
}[] = [
  {
    name: "Inwoners vorig jaar",
    method: "INHABITANTS",
    inhabitantsYear: null,
    description:
      "Naar rato van het aantal inwoners van het vorige kalenderjaar, zoals de kosten van het Servicebureau Jeugdhulp Haaglanden. De app rekent met de inwonertallen bij Beheer › Inwonertallen; een jaar zonder tallen geeft 'pm'.",
    // Seed 004 (Voorschoten's exit proposal) cites 2,24 % for Voorschoten in 2021, computed on 2020 figures the
    // app does not hold: the description quotes no share it cannot show.
  },
  {
    // The budget cycle 2025 shares its years by the latest inhabitant figures the app holds (2022): the key of the
    // arrangement is "inhabitants of the year before", but the app has no figures of 2023 or 2024 to seed with.
    name: "Inwoners 2022",
    method: "INHABITANTS",
    inhabitantsYear: 2022,
    description:
      "Naar rato van het aantal inwoners in 2022 (de laatste tallen bij Beheer › Inwonertallen), voor bedragen van een jaar waarvan de tallen van het vorige jaar nog ontbreken.",
  },
  {
    name: "Gelijke delen",
    method: "EQUAL",
    inhabitantsYear: null,
    description: "Elke deelnemende gemeente hetzelfde bedrag.",
  },
];

/**
 * The contracts of the arrangement that seed 004 maps for an exit. The seed gives the first
 * term of specialised youth care as "two years, until 31 January 2022" from 1 January 2021 and
 * later says an exit on 1 January 2023 fits the end of that first term: the register holds
 * 31 December 2022 and says so in its note.
 */
export const CONTRACTS: {
  name: string;
  parties: string;
  startsOn: string | null;
  firstTermEndsOn: string;
  extensionCount: number;
  extensionMonths: number;
  tacit: boolean;
  note: string;
}[] = [
  {
    name: "Specialistische jeugdhulp",
    parties: "Jeugdhulpaanbieders in de regio Haaglanden",
    startsOn: "2021-01-01",
    firstTermEndsOn: "2022-12-31",
    extensionCount: 4,
    extensionMonths: 12,
    tacit: false,
    note: "Eerste termijn van twee jaar; de bron noemt 31 januari 2022, maar ook dat een overstap per 1 januari 2023 aansluit bij het einde van de eerste termijn. Kan vier keer één jaar worden verlengd.",
  },
  {
    name: "Raamovereenkomst jeugdbescherming en jeugdreclassering",
    parties: "Gecertificeerde instellingen",
    startsOn: "2020-01-01",
    firstTermEndsOn: "2023-12-31",
    extensionCount: 2,
    extensionMonths: 24,
    tacit: true,
    note: "Wordt stilzwijgend tweemaal met twee jaar verlengd en eindigt dan van rechtswege op 31 december 2027.",
  },
  {
    name: "Crisisinterventieteam",
    parties: "",
    startsOn: "2020-01-01",
    firstTermEndsOn: "2021-12-31",
    extensionCount: 2,
    extensionMonths: 12,
    tacit: true,
    note: "Twee jaar; wordt stilzwijgend tweemaal met één jaar verlengd.",
  },
  {
    name: "Expertiseteam Complexe Zorg",
    parties: "",
    startsOn: "2020-01-01",
    firstTermEndsOn: "2021-12-31",
    extensionCount: 2,
    extensionMonths: 12,
    tacit: true,
    note: "Twee jaar; wordt stilzwijgend tweemaal met één jaar verlengd.",
  },
  {
    name: "Jeugdhulpplus",
    parties: "Samen met de regio Rotterdam Rijnmond",
    startsOn: null,
    firstTermEndsOn: "2021-12-31",
    extensionCount: 1,
    extensionMonths: 12,
    tacit: false,
    note: "Loopt tot en met 31 december 2021 en kan nog één jaar worden verlengd tot en met 31 december 2022. De ingangsdatum staat niet in de bron.",
  },
];

export const demoEmail = (local: string) => `${local}@${DEMO_DOMAIN}`;

const council = (slug: string, type: string, on: string, fields: Record<string, string> = {}): TrailStep => ({
  as: `griffier.${slug}`,
  type,
  municipality: slug,
  fields: { on, ...fields },
});

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
    // Seed 000: "Op 30 mei 2017 ... heeft het college de raad verzocht ...".
    startedOn: "2017-05-30",
    // Example dates (no source): the sessions in which the councils gave input on the start picture.
    steps: [
      // Seed 000: the councils were involved "via een regionale bijeenkomst in augustus" 2017; the day is not in the
      // source, so the last day of August is recorded as the day the start picture went to them.
      { as: "secretaris", type: "START_PICTURE_SENT", fields: { on: "2017-08-31" } },
      council("den-haag", "INPUT_GIVEN", "2017-09-14"),
      council("delft", "INPUT_GIVEN", "2017-09-19"),
      council("zoetermeer", "INPUT_GIVEN", "2017-09-25"),
      council("leidschendam-voorburg", "INPUT_GIVEN", "2017-10-03"),
      council("westland", "INPUT_GIVEN", "2017-10-10"),
      council("rijswijk", "INPUT_GIVEN", "2017-10-10"),
      { as: "secretaris", type: "START_PICTURE_CLOSED" },
    ],
    // Seed 000: "... worden voor 1 maart 2018 voorgelegd" (a target date, no legal term).
    targets: [{ label: "Besluiten binnen het mandaat van de raad voorleggen", dueOn: "2018-03-01" }],
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
    startedOn: "2017-11-01",
    steps: [
      // Seed 000: the note (verseon 1950293) had been sent to the councils before a committee discussed it on
      // 12 October 2017; the day it was sent is not in the source, so the latest it can be is recorded.
      { as: "secretaris", type: "NOTE_SENT", fields: { on: "2017-10-12" } },
      council("den-haag", "WENSEN_EN_BEDENKINGEN", "2017-12-14"),
      council("delft", "WENSEN_EN_BEDENKINGEN", "2017-12-19"),
      council("zoetermeer", "WENSEN_EN_BEDENKINGEN", "2018-01-15"),
      council("westland", "WENSEN_EN_BEDENKINGEN", "2018-01-23"),
      council("leidschendam-voorburg", "WENSEN_EN_BEDENKINGEN", "2018-01-23"),
      council("rijswijk", "NO_INPUT", "2018-01-16"),
      council("pijnacker-nootdorp", "WENSEN_EN_BEDENKINGEN", "2018-01-25"),
      council("midden-delfland", "NO_INPUT", "2018-01-30"),
      { as: "secretaris", type: "INPUT_TERM_CLOSED", fields: { on: "2018-02-01" } },
    ],
    targets: [{ label: "Definitief voorstel inkoopstrategie", dueOn: "2018-03-01" }],
    source: "seeds/000 en seeds/003",
  },
  {
    kind: "EXIT",
    title: "Uittreding Voorschoten uit de GR Servicebureau Jeugdhulp Haaglanden",
    reference: "H10-UIT-VOORSCHOTEN",
    summary:
      "Voorschoten gaat voor jeugdhulp over naar de Leidse regio. Uittreden kan per 1 januari van een kalenderjaar met een " +
      "opzegtermijn van één jaar: de raad stemt in, het college besluit, en het bestuur van de GR wordt uiterlijk op " +
      "31 december van het jaar ervoor in kennis gesteld. De analyse ging uit van een overstap per 1 januari 2023; " +
      "Voorschoten nam deel tot 2024 en trad uit per 1 januari 2024 (opzegging uiterlijk 31 december 2022). " +
      "Frictiekosten: uittreding GR € 213.000; ICT en extra capaciteit pm. Structureel hoger: € 60.000 en € 90.000 per jaar.",
    // Seed 004: "In mei 2020 is de startnotitie omklappen sociaal domein naar de Leidse regio ..." (the day is ours).
    startedOn: "2020-05-01",
    exiting: "voorschoten",
    // Where each date comes from. The exit date is 1 January 2024: seed 003 lists "Voorschoten (tot 2024!)", and
    // Voorschoten joined Holland Rijnland's youth region on that day (DOMAIN.md). Seed 004 analysed an exit on
    // 1 January 2023 with notice by 31 December 2021; that plan moved a year, so the notice had to reach the board by
    // 31 December 2022 (one calendar year of notice, seed 004; the app derives that date). The sources name no day
    // for the council's consent, the college's decision or the notice: those three are example dates, in order and
    // before that 31 December 2022.
    steps: [
      // Seed 004 expects the weighing in the second quarter of 2021: its last day is the proposal's date.
      { as: "secretaris", type: "WEIGHING_COMPLETED", fields: { on: "2021-06-30" } },
      // Example date (no source): the council consents.
      council("voorschoten", "CONSENT_GIVEN", "2022-07-05"),
      {
        as: "wethouder.voorschoten",
        type: "COLLEGE_DECIDED",
        municipality: "voorschoten",
        // Example date (no source) for the decision; the exit on 1 January 2024 from seed 003 ("tot 2024").
        fields: { on: "2022-09-13", wishedExitOn: "2024-01-01" },
      },
      // Example date (no source), before the latest notice date of 31 December 2022.
      { as: "wethouder.voorschoten", type: "NOTICE_GIVEN", municipality: "voorschoten", fields: { on: "2022-12-20" } },
    ],
    // Seed 004's financial overview: friction costs and structural extra costs, "pm" where not yet known. The
    // seed puts the one-off costs in the year before the exit and the structural ones from the exit year; with the
    // exit on 1 January 2024 (seed 003) those are 2023 and 2024.
    exitEstimate: { annual: "71.000", multipleHundredths: 300 },
    finances: [
      { label: "Kosten ICT", kind: "ONE_OFF", year: 2023, amount: "pm" },
      { label: "Extra capaciteit overstap", kind: "ONE_OFF", year: 2023, amount: "pm" },
      { label: "Aanpassing externe communicatie", kind: "ONE_OFF", year: 2023, amount: "pm" },
      { label: "Hogere kosten regionale samenwerking", kind: "YEARLY", year: 2024, amount: "60.000" },
      { label: "Hogere kosten structurele capaciteit", kind: "YEARLY", year: 2024, amount: "90.000" },
      { label: "Eventueel hogere kosten ICT", kind: "YEARLY", year: 2024, amount: "pm" },
    ],
    source: "seeds/004 (analyse overstap jeugdhulp Voorschoten naar de Leidse regio)",
  },
  {
    kind: "GR_AMENDMENT",
    title: "Wijziging GR Servicebureau Jeugdhulp Haaglanden (Wet versterking democratische legitimiteit Wgr)",
    reference: "H10-GR-2024",
    summary:
      "De gemeenschappelijke regeling moet voor 1 juli 2024 in overeenstemming zijn met de gewijzigde Wet gemeenschappelijke " +
      "regelingen. Stappen: beslispuntenmemo, wijzigingsvoorstel, zienswijzen van de raden (binnen acht weken), " +
      "toestemming van elke deelnemende raad.",
    // Seed 003 names the deadline ("Wijziging WGR voor 1 juli 2024") and the steps, not the days below: they are
    // example dates. The trail starts after Voorschoten left on 1 January 2024 (seed 003, "tot 2024"), so its
    // members are the nine that take part then.
    startedOn: "2024-01-02",
    steps: [
      // Example dates (no source): the draft goes out, and three councils receive it; the eight weeks of
      // Wgr art. 1 lid 3 run from each receipt.
      { as: "secretaris", type: "DRAFT_SENT", fields: { on: "2024-01-12" } },
      council("den-haag", "DRAFT_RECEIVED", "2024-01-15"),
      council("delft", "DRAFT_RECEIVED", "2024-01-15"),
      council("zoetermeer", "DRAFT_RECEIVED", "2024-01-16"),
    ],
    positions: [
      {
        as: "griffier.den-haag",
        municipality: "den-haag",
        body: "COUNCIL",
        kind: "ZIENSWIJZE",
        text:
          "De raad stemt in met de wijziging van de regeling ter versterking van de democratische legitimiteit en vraagt het " +
          "algemeen bestuur de raden vroeg te betrekken bij de begroting en de kaderbrief.",
        // Example date (no source), within Den Haag's term (received 15 January 2024, term to 11 March 2024).
        meetingDate: "2024-03-07",
        votes: { for: 33, against: 12, abstained: 0 },
        decisionReference: "RIS 317 204",
      },
    ],
    // Seed 003: "Wijziging WGR voor 1 juli 2024" (a target, set by the transitional law, not a council term).
    targets: [{ label: "Regeling in overeenstemming met de gewijzigde Wgr", dueOn: "2024-07-01" }],
    documents: [
      {
        kind: "RAADSVOORSTEL",
        title: "Raadsvoorstel wijziging GR Servicebureau Jeugdhulp Haaglanden",
        sent: true,
        sentOn: "2024-01-12",
        // The proposal's text, from seed 003 ("Wijziging WGR voor 1 juli 2024") and the Wgr rules in DOMAIN.md.
        texts: [
          "kennis te nemen van het ontwerp van de gewijzigde Gemeenschappelijke regeling Servicebureau Jeugdhulp " +
            "Haaglanden, dat de regeling in overeenstemming brengt met de Wet versterking democratische legitimiteit Wgr;",
          "over het ontwerp een zienswijze te geven aan het college, of te laten weten dat de raad geen zienswijze " +
            "geeft, binnen acht weken na ontvangst (art. 1 lid 3 Wgr).",
          "De Wet gemeenschappelijke regelingen is per 1 juli 2022 gewijzigd om de democratische legitimiteit van " +
            "gemeenschappelijke regelingen te versterken. Bestaande regelingen moeten vóór 1 juli 2024 met de gewijzigde " +
            "wet in overeenstemming zijn; de colleges sturen daarom het ontwerp van de gewijzigde regeling aan de raden.",
          "Een regeling die aan de gewijzigde wet voldoet, waarin de raden hun kaderstellende en controlerende rol " +
            "beter kunnen waarmaken: eerder betrokken bij de kaderbrief en de begroting, en met afspraken over " +
            "uittreden in de regeling zelf (art. 9 Wgr).",
          "De wijziging is wettelijk verplicht. De raden krijgen er meer instrumenten door: een zienswijze op de " +
            "begroting en op wijzigingen van de regeling, en de mogelijkheid van een gezamenlijke raadscommissie. " +
            "Alle deelnemende colleges leggen hun raden dezelfde tekst voor, zodat de raden over dezelfde informatie beschikken.",
          "Na de zienswijzen gaat het college pas over tot wijzigen met toestemming van de raad (art. 1 lid 4 Wgr). " +
            "Die toestemming kan alleen worden onthouden wegens strijd met het recht of het algemeen belang. Een " +
            "zienswijze die na de termijn komt, betrekt het algemeen bestuur alleen als het daarvoor kiest.",
        ],
      },
    ],
    finances: [
      // The service bureau's yearly cost (EUR 3,091,150 in 2021, seeds/004), shared for 2023 by the inhabitants of 2022.
      {
        label: "Jaarkosten GR Servicebureau Jeugdhulp Haaglanden",
        kind: "YEARLY",
        year: 2023,
        amount: "3.091.150",
        key: "Inwoners vorig jaar",
      },
    ],
    source: "seeds/001 en seeds/003",
  },
  {
    kind: "BUDGET_CYCLE",
    title: "Begroting 2025 GR Servicebureau Jeugdhulp Haaglanden",
    reference: "H10-BEGR-2025",
    summary:
      "De begrotingscyclus 2025 van de GR Servicebureau Jeugdhulp Haaglanden (Wgr art. 34, 34b en 35): kaderbrief en " +
      "voorlopige jaarrekening vóór 30 april naar de raden, de ontwerpbegroting twaalf weken vóór de aanbieding aan " +
      "het algemeen bestuur, zienswijzen van de raden, schriftelijk en gemotiveerd beantwoord en bij het ontwerp gevoegd, " +
      "vaststelling door het algemeen bestuur en binnen twee weken (uiterlijk 15 september) naar Gedeputeerde Staten. " +
      "De jaarkosten van het servicebureau (€ 3.091.150 in 2021) worden naar rato van het aantal inwoners van het " +
      "vorige jaar over de deelnemers verdeeld.",
    // The sources name no day of this cycle: every date below is an example. It runs in 2024, after Voorschoten left
    // on 1 January 2024 (seed 003, "tot 2024"), so the nine that take part then are its members; the AB adopts the
    // budget 2025 in 2024, the year before it serves (Wgr art. 34).
    startedOn: "2024-01-08",
    steps: [
      { as: "secretaris", type: "CYCLE_PLANNED", fields: { abMeetingOn: "2024-07-04" } },
      { as: "secretaris", type: "KADERBRIEF_SENT", fields: { on: "2024-02-15" } },
      // Twelve weeks before the AB meeting of 4 July 2024 is 11 April: the draft went out the day before.
      { as: "secretaris", type: "DRAFT_SENT", fields: { on: "2024-04-10" } },
      council("midden-delfland", "NO_ZIENSWIJZE", "2024-05-28"),
    ],
    positions: [
      {
        as: "griffier.zoetermeer",
        municipality: "zoetermeer",
        body: "COUNCIL",
        kind: "ZIENSWIJZE",
        text:
          "De raad vraagt het algemeen bestuur de stijging van de bijdrage van de gemeenten te beperken tot de loon- en " +
          "prijsindexatie en de raden halfjaarlijks te informeren over de wachttijden in de jeugdhulp.",
        meetingDate: "2024-05-27",
        votes: { for: 31, against: 8, abstained: 0 },
      },
      {
        as: "griffier.delft",
        municipality: "delft",
        body: "COUNCIL",
        kind: "ZIENSWIJZE",
        text:
          "De raad stemt in met de ontwerpbegroting 2025 en verzoekt het dagelijks bestuur elke zienswijze van de raden " +
          "schriftelijk en gemotiveerd te beantwoorden en de antwoorden aan alle raden te zenden.",
        meetingDate: "2024-06-13",
        votes: { for: 35, against: 4, abstained: 0 },
      },
    ],
    // One zienswijze answered, Delft's (given two weeks later) not yet: the cycle stands before the DB offers the
    // draft to the AB. The answer's date and words are an example (no source); the figures are the seed's own.
    answers: [
      {
        municipality: "zoetermeer",
        answeredOn: "2024-06-06",
        text:
          "Het dagelijks bestuur deelt de wens de stijging van de gemeentelijke bijdrage te beperken. De stijging van 4 % " +
          "(van € 3.091.150 naar € 3.214.796) bestaat uit de loon- en prijsindexatie en de hogere kosten van de " +
          "regionale samenwerking; het bestuur stelt het algemeen bestuur voor geen nieuw beleid toe te voegen.\n\n" +
          "Het bestuur informeert de raden voortaan halfjaarlijks over de wachttijden in de jeugdhulp, te beginnen met " +
          "de bestuursrapportage van het najaar van 2024.",
      },
    ],
    finances: [
      // Last year's contribution: the service bureau's yearly cost (EUR 3,091,150, seeds/004), as the GR amendment
      // trail shares it. The budget 2025: that cost plus 4 %, an example figure (no source) for the rise that
      // Zoetermeer's zienswijze asks to limit to the wage and price indexation. Both by the 2022 inhabitants.
      {
        label: "Bijdrage gemeenten begroting 2024",
        kind: "YEARLY",
        year: 2024,
        amount: "3.091.150",
        key: "Inwoners 2022",
      },
      {
        label: "Bijdrage gemeenten ontwerpbegroting 2025",
        kind: "YEARLY",
        year: 2025,
        amount: "3.214.796",
        key: "Inwoners 2022",
      },
    ],
    source: "seeds/003 en seeds/004 (de jaarkosten van het servicebureau); DOMAIN.md (Wgr art. 34, 34b, 35)",
  },
];
