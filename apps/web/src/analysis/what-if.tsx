// What-if: choose the assets attacked (or an area, a circle), run the cascade over the part of the
// registry you may see, and show what fails, when and why.
import type { CascadeRequest } from "@bulwark/contracts";
import {
  Alert,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
} from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import type { Option } from "../app/vocabulary.ts";
import { AssetMultiSelect, assetLabel } from "../assets/asset-search.tsx";
import { CascadeResults } from "./cascade-results.tsx";

export function WhatIf({ attackId }: { attackId: string | null }) {
  const preselected = useQuery({
    queryKey: ["assets", "one", attackId],
    queryFn: () => client.call("getAsset", { params: { id: attackId ?? "" } }),
    enabled: attackId !== null,
  });
  if (attackId !== null && preselected.isPending) return <Loader />;
  const initial = preselected.data
    ? [{ value: preselected.data.id, label: assetLabel(preselected.data) }]
    : [];
  return <WhatIfForm key={attackId ?? "none"} initial={initial} />;
}

type Mode = "assets" | "area";

function WhatIfForm({ initial }: { initial: Option[] }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>("assets");
  const [attacked, setAttacked] = useState<Option[]>(initial);
  const [lat, setLat] = useState<number | string>("");
  const [lon, setLon] = useState<number | string>("");
  const [radius, setRadius] = useState<number | string>(5);
  const [incomplete, setIncomplete] = useState(false);
  const cascade = useMutation({
    mutationKey: ["analysis", "cascade"],
    mutationFn: (body: CascadeRequest) => client.call("cascade", { body }),
  });

  const request = (): CascadeRequest | null => {
    if (mode === "assets")
      return attacked.length > 0 ? { assetIds: attacked.map((option) => option.value) } : null;
    return typeof lat === "number" && typeof lon === "number" && typeof radius === "number" && radius > 0
      ? { circle: { lat, lon, radiusKm: radius } }
      : null;
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = request();
    setIncomplete(body === null);
    if (body) cascade.mutate(body);
  };

  return (
    <Stack gap="lg">
      <Paper withBorder p="md" component="form" onSubmit={onSubmit} noValidate>
        <Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="what-if-target">
              {t("analysis.target")}
            </Text>
            <SegmentedControl
              aria-labelledby="what-if-target"
              value={mode}
              onChange={(value) => setMode(value === "area" ? "area" : "assets")}
              data={[
                { value: "assets", label: t("analysis.byAssets") },
                { value: "area", label: t("analysis.byArea") },
              ]}
              w={{ base: "100%", sm: 320 }}
            />
          </Stack>
          {mode === "assets" ? (
            <AssetMultiSelect
              label={t("analysis.attacked")}
              description={t("analysis.attackedHint")}
              value={attacked}
              onChange={setAttacked}
            />
          ) : (
            <Group grow align="flex-start" wrap="wrap">
              <NumberInput
                label={`${t("analysis.centre")}: ${t("assets.lat")}`}
                value={lat}
                onChange={setLat}
                min={-90}
                max={90}
                decimalScale={6}
              />
              <NumberInput
                label={`${t("analysis.centre")}: ${t("assets.lon")}`}
                value={lon}
                onChange={setLon}
                min={-180}
                max={180}
                decimalScale={6}
              />
              <NumberInput
                label={t("analysis.radius")}
                value={radius}
                onChange={setRadius}
                min={0.01}
                max={5000}
              />
            </Group>
          )}
          {incomplete && (
            <Alert color="orange" role="alert">
              {t("analysis.nothingChosen")}
            </Alert>
          )}
          <ProblemAlert error={cascade.error} />
          <Group>
            <Button type="submit" leftSection={<IconPlayerPlay size={16} />} loading={cascade.isPending}>
              {t("analysis.run")}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {cascade.data && <CascadeResults report={cascade.data} />}
    </Stack>
  );
}
