// English of the pages the first screen does not show: loaded with the first of them (i18n/index.ts),
// not with the app. en.ts joins it to en-first-screen.ts, the complete set.

import { assistance } from "./en-assistance.ts";
import { auditActions } from "./en-audit-actions.ts";
import { board } from "./en-board.ts";
import { boardReports } from "./en-board-reports.ts";
import { compendium } from "./en-compendium.ts";
import { account, audit, communities, organisations, people } from "./en-directory.ts";
import { events } from "./en-events.ts";
import { exercises } from "./en-exercises.ts";
import { experts } from "./en-experts.ts";
import { federation } from "./en-federation.ts";
import { implementation } from "./en-implementation.ts";
import { incidents } from "./en-incidents.ts";
import { analysis, assets } from "./en-registry.ts";
import { risk } from "./en-risk.ts";
import { selfAssessment } from "./en-self-assessment.ts";
import { sharing } from "./en-sharing.ts";
import { stix } from "./en-stix.ts";
import { stixCollections } from "./en-stix-collections.ts";
import { taxii } from "./en-taxii.ts";

export const enLater = {
  assets,
  analysis,
  assistance,
  compendium,
  events,
  exercises,
  experts,
  sharing,
  organisations,
  people,
  communities,
  audit,
  account,
  auditActions,
  board,
  boardReports,
  federation,
  implementation,
  incidents,
  risk,
  selfAssessment,
  stix,
  stixCollections,
  taxii,
};
