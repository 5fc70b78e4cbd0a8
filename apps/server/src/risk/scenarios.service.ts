// The threat scenario catalogue and the organisations' methodologies, as the API shows them.
import type { Methodology, Scenario, ScenarioContent, ScenarioCreate } from "@bulwark/contracts";
import { type Actor, compendiumPolicy, type Language, riskPolicy } from "@bulwark/core";
import {
  appendAudit,
  findEntry,
  findScenario,
  listScenarios,
  type ScenarioRecord,
  saveMethodology,
  upsertScenario,
} from "@bulwark/db";
import type { z } from "zod";
import { scenarioIn } from "../content/translations.ts";
import type { ServerContext } from "../context.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import { methodologyOf, must } from "./assessments.service.ts";
import { methodologyFor } from "./content.service.ts";

// The shipped catalogue's texts in the reader's language (content/scenarios/i18n); an organisation's
// own scenario as it was written. Ids, slugs, sectors, techniques and entries are the same.
export const scenarioOf = (record: ScenarioRecord, language: Language): Scenario => ({
  ...scenarioIn(record.content as ScenarioContent, record.slug, record.organisation === null, language),
  id: record.id,
  slug: record.slug,
  organisation: record.organisation,
});

export async function scenarioCatalogue(context: ServerContext, caller: Actor, language: Language = "en") {
  const records = await listScenarios(context.db);
  return {
    items: records.map((record) => scenarioOf(record, language)),
    canAdd: riskPolicy.addScenario(caller).allowed,
  };
}

export async function scenarioDetail(
  context: ServerContext,
  slug: string,
  language: Language = "en",
): Promise<Scenario> {
  const record = await findScenario(context.db, slug);
  if (!record) throw notFound("threat scenario");
  return scenarioOf(record, language);
}

export async function addScenario(
  context: ServerContext,
  caller: Actor,
  input: z.output<typeof ScenarioCreate>,
): Promise<Scenario> {
  must(riskPolicy.addScenario(caller));
  if (await findScenario(context.db, input.slug))
    throw conflict({ key: "detail.risk.scenarioExists", values: { slug: input.slug } });
  for (const [index, slug] of input.content.compendium.entries())
    if (!(await findEntry(context.db, compendiumPolicy.readScope(caller), slug)))
      throw invalid("The scenario names a compendium entry you cannot see.", [
        { path: `body.content.compendium.${index}`, message: "Unknown compendium entry." },
      ]);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const { id } = await upsertScenario(tx, {
      slug: input.slug,
      organisationId: caller.organisationId,
      family: input.content.family,
      title: input.content.title,
      content: input.content,
      now,
    });
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "risk.scenario.create",
        targetType: "risk-scenario",
        targetId: id,
        details: { slug: input.slug, family: input.content.family },
      },
      now,
    );
  });
  return scenarioDetail(context, input.slug);
}

export async function methodologyView(context: ServerContext, caller: Actor, language: Language = "en") {
  const { methodology, source } = await methodologyOf(context, caller.organisationId);
  return {
    methodology: methodologyFor(methodology, language),
    source,
    canChange: riskPolicy.setMethodology(caller, caller.organisationId).allowed,
  };
}

export async function setMethodology(
  context: ServerContext,
  caller: Actor,
  methodology: Methodology,
  language: Language = "en",
) {
  must(riskPolicy.setMethodology(caller, caller.organisationId));
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await saveMethodology(tx, caller.organisationId, methodology, caller.userId, now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "risk.methodology.set",
        targetType: "organisation",
        targetId: caller.organisationId,
        details: { appetite: methodology.appetite.band, bands: methodology.bands.length },
      },
      now,
    );
  });
  return methodologyView(context, caller, language);
}
