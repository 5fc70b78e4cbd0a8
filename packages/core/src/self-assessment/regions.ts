// The UN M49 continental region of each country (ISO 3166-1 alpha-2), for grouping anonymised
// self-assessment results. User-assigned codes (XM, the demo country, and others) have no region.
import type { Region } from "../vocabulary.ts";

const M49: Record<Exclude<Region, "global">, string> = {
  africa:
    "DZ EG LY MA SD TN EH IO BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TF UG TZ ZM ZW AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
  americas:
    "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ CR SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE BM CA GL PM US",
  asia: "KZ KG TJ TM UZ CN HK MO KP JP MN KR BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR MV NP PK LK AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE TW",
  europe:
    "BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM IT JE LV LT NO SJ SE GB AL AD BA HR GI GR VA ME MK MT PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH",
  oceania: "AU NZ NF HM CC CX FJ NC PG SB VU GU KI MH FM NR MP PW AS CK PF NU PN WS TK TO TV WF UM",
};

const REGION_OF = new Map<string, Exclude<Region, "global">>(
  Object.entries(M49).flatMap(([region, codes]) =>
    codes.split(" ").map((code) => [code, region as Exclude<Region, "global">] as const),
  ),
);

/** The M49 continental region of a country, or null for codes that have none (XM...). */
export const regionOfCountry = (country: string): Exclude<Region, "global"> | null =>
  REGION_OF.get(country.toUpperCase()) ?? null;
