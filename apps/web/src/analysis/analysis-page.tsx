// Analysis: the what-if cascade after an attack, and the criticality ranking. The tab is kept in
// the address (?tab=criticality) so that it can be linked; ?attack=<id> preselects an asset.
import { Tabs } from "@mantine/core";
import { IconBolt, IconListNumbers } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageHeader } from "../app/page-parts.tsx";
import { prefetchGeoAssets } from "../map/geo-assets.ts";
import { Criticality } from "./criticality.tsx";
import { WhatIf } from "./what-if.tsx";

/** Called as the page's code arrives (router.tsx): the what-if tab's map gets its assets asked for now. */
export function prepareAnalysisPage(params: URLSearchParams): void {
  if (params.get("tab") !== "criticality") prefetchGeoAssets();
}

export function AnalysisPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") === "criticality" ? "criticality" : "what-if";
  return (
    <>
      <PageHeader title={t("analysis.title")} subtitle={t("analysis.subtitle")} />
      <Tabs
        value={tab}
        onChange={(value) => setParams(value === "criticality" ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="what-if" leftSection={<IconBolt size={16} />}>
            {t("analysis.whatIf")}
          </Tabs.Tab>
          <Tabs.Tab value="criticality" leftSection={<IconListNumbers size={16} />}>
            {t("analysis.criticality")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="what-if">
          <WhatIf attackId={params.get("attack")} />
        </Tabs.Panel>
        <Tabs.Panel value="criticality">
          <Criticality />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
