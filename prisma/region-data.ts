/**
 * The H10 region as the source documents describe it (../shared/DOMAIN.md,
 * ../shared/seeds/). Inhabitants on 1 January 2022 as reported from CBS; the
 * figures for Delft and Pijnacker-Nootdorp are rounded until an
 * administrator enters the CBS figure. Every municipality takes part from
 * the arrangement's start. Voorschoten takes part "tot 2024" (seed 003): its
 * participation ends on 1 January 2024 through its exit trail
 * (prisma/trail-seeds.ts), as it would in the app, so it is null here.
 */
import type { Cluster } from "../app/generated/prisma/enums.ts";

export interface MunicipalitySeed {
  slug: string;
  /** The CBS gemeentecode, as in StatLine's "Regio's" codes. */
  cbsCode: string;
  name: string;
  cluster: Cluster;
  participationFrom: string;
  participationTo: string | null;
  inhabitants2022: number;
  inhabitantsSource: string;
}

/** The joint arrangement took over youth care when the Jeugdwet came into force. */
export const GR_START = "2015-01-01";

export const MUNICIPALITIES: MunicipalitySeed[] = [
  {
    slug: "delft",
    cbsCode: "GM0503",
    name: "Delft",
    cluster: "H4",
    participationFrom: GR_START,
    participationTo: null,
    inhabitants2022: 104_000,
    inhabitantsSource: "circa; CBS-cijfer nog in te voeren",
  },
  {
    slug: "den-haag",
    cbsCode: "GM0518",
    name: "Den Haag",
    cluster: "H1",
    participationFrom: GR_START,
    participationTo: null,
    inhabitants2022: 553_417,
    inhabitantsSource: "CBS",
  },
  {
    slug: "leidschendam-voorburg",
    cbsCode: "GM1916",
    name: "Leidschendam-Voorburg",
    cluster: "H5",
    participationFrom: GR_START,
    participationTo: null,
    inhabitants2022: 76_660,
    inhabitantsSource: "CBS (circa, volgens de pers)",
  },
  {
    slug: "midden-delfland",
    cbsCode: "GM1842",
    name: "Midden-Delfland",
    cluster: "H4",
    participationFrom: GR_START,
    participationTo: null,
    inhabitants2022: 19_484,
    inhabitantsSource: "CBS",
  },
  {
    slug: "pijnacker-nootdorp",
    cbsCode: "GM1926",
    name: "Pijnacker-Nootdorp",
    cluster: "H5",
    participationFrom: GR_START,
    participationTo: null,
    inhabitants2022: 56_000,
    inhabitantsSource: "circa; CBS-cijfer nog in te voeren",
  },
  {
    slug: "rijswijk",
    cbsCode: "GM0603",
    name: "Rijswijk",
    cluster: "H4",
    participationFrom: GR_START,
    participationTo: null,
    inhabitants2022: 56_941,
    inhabitantsSource: "CBS",
  },
  {
    slug: "voorschoten",
    cbsCode: "GM0626",
    name: "Voorschoten",
    cluster: "H5",
    participationFrom: GR_START,
    participationTo: null,
    inhabitants2022: 25_627,
    inhabitantsSource: "CBS",
  },
  {
    slug: "wassenaar",
    cbsCode: "GM0629",
    name: "Wassenaar",
    cluster: "H5",
    participationFrom: GR_START,
    participationTo: null,
    inhabitants2022: 27_115,
    inhabitantsSource: "CBS",
  },
  {
    slug: "westland",
    cbsCode: "GM1783",
    name: "Westland",
    cluster: "H4",
    participationFrom: GR_START,
    participationTo: null,
    inhabitants2022: 112_448,
    inhabitantsSource: "CBS",
  },
  {
    slug: "zoetermeer",
    cbsCode: "GM0637",
    name: "Zoetermeer",
    cluster: "H5",
    participationFrom: GR_START,
    participationTo: null,
    inhabitants2022: 125_767,
    inhabitantsSource: "CBS",
  },
];

export const REGIONAL_BODIES = [
  { slug: "bo-jeugd", kind: "BO_JEUGD", name: "Bestuurlijk Overleg Jeugd (BO Jeugd)" },
  { slug: "do-jeugd", kind: "DO", name: "Directeurenoverleg Jeugd (DO)" },
  { slug: "bestuur-gr", kind: "GR_BOARD", name: "Bestuur GR Servicebureau Jeugdhulp Haaglanden" },
] as const;

/** E-mail addresses of the demo accounts use the reserved .example domain. */
export const DEMO_DOMAIN = "h10.example";
