// What-if: choose the assets attacked (in the picker or on the map) or an area (a circle or a
// polygon, typed or drawn on the map), run the cascade over the part of the registry you may see,
// and watch it unfold on the map, hour by hour, above the totals, the timeline and the list.
import type { CascadeRequest } from "@bulwark/contracts";
import {
  Alert,
  Button,
  Grid,
  Group,
  Loader,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useMutation, useQueries, useQuery } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, queryClient } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import type { Option } from "../app/vocabulary.ts";
import { AssetMultiSelect, assetLabel } from "../assets/asset-search.tsx";
import { findAssetByRef, useGeoAssets } from "../map/geo-assets.ts";
import { closeRing, type LonLat } from "../map/geometry.ts";
import { targetRefs, WhatIfMap, type WhatIfTarget } from "../map/what-if-map.tsx";
import { CascadeResults, CascadeTimeControl } from "./cascade-results.tsx";

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

type Mode = "assets" | "circle" | "polygon";

const cornerLines = (corners: readonly LonLat[]) => corners.map(([lon, lat]) => `${lat}, ${lon}`).join("\n");

/** Corners typed as "lat, lon" per line; the number of the first bad line otherwise. */
function parseCorners(text: string): LonLat[] | { badLine: number } {
  const corners: LonLat[] = [];
  const lines = text.split("\n");
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const parts = line
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map(Number);
    const [lat, lon] = parts;
    if (
      parts.length !== 2 ||
      lat === undefined ||
      lon === undefined ||
      !(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)
    )
      return { badLine: index + 1 };
    corners.push([lon, lat]);
  }
  return corners;
}

function WhatIfForm({ initial }: { initial: Option[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const geo = useGeoAssets();
  const [mode, setMode] = useState<Mode>("assets");
  const [attacked, setAttacked] = useState<Option[]>(initial);
  const [lat, setLat] = useState<number | string>("");
  const [lon, setLon] = useState<number | string>("");
  const [radius, setRadius] = useState<number | string>(5);
  const [corners, setCorners] = useState<LonLat[]>([]);
  const [closed, setClosed] = useState(false);
  const [cornerText, setCornerText] = useState("");
  const [badLine, setBadLine] = useState<number | null>(null);
  const [incomplete, setIncomplete] = useState(false);
  const [step, setStep] = useState(0);
  const [run, setRun] = useState(0);
  const cascade = useMutation({
    mutationKey: ["analysis", "cascade"],
    mutationFn: (body: CascadeRequest) => client.call("cascade", { body }),
    onSuccess: () => setRun((count) => count + 1),
  });

  // The references of the assets picked (the map knows assets by reference, the API by id).
  const attackedRefs = useQueries({
    queries: attacked.map((option) => ({
      queryKey: ["assets", "one", option.value],
      queryFn: () => client.call("getAsset", { params: { id: option.value } }),
      staleTime: 60_000,
    })),
    combine: (results) => results.map((result) => result.data?.ref ?? "").join("\n"),
  });
  const refIds = useMemo(() => {
    const ids = new Map<string, string>();
    attackedRefs.split("\n").forEach((ref, index) => {
      const option = attacked[index];
      if (ref && option) ids.set(ref, option.value);
    });
    return ids;
  }, [attackedRefs, attacked]);

  const toggle = async (ref: string) => {
    const id = refIds.get(ref);
    if (id) {
      setAttacked((current) => current.filter((option) => option.value !== id));
      return;
    }
    const asset = await findAssetByRef(ref).catch(() => null);
    if (!asset) {
      notifications.show({ color: "orange", message: t("analysis.map.notVisible") });
      return;
    }
    queryClient.setQueryData(["assets", "one", asset.id], asset);
    setAttacked((current) =>
      current.some((option) => option.value === asset.id)
        ? current
        : [...current, { value: asset.id, label: assetLabel(asset) }],
    );
  };
  const setPolygon = (next: LonLat[], isClosed: boolean) => {
    setCorners(next);
    setClosed(isClosed);
    setCornerText(cornerLines(next));
    setBadLine(null);
  };
  const onCornerText = (text: string) => {
    setCornerText(text);
    const parsed = parseCorners(text);
    if ("badLine" in parsed) {
      setBadLine(parsed.badLine);
      return;
    }
    setBadLine(null);
    setCorners(parsed);
    setClosed(parsed.length >= 3);
  };

  const centre: LonLat | null = typeof lat === "number" && typeof lon === "number" ? [lon, lat] : null;
  const radiusKm = typeof radius === "number" && radius > 0 ? radius : null;
  const target: WhatIfTarget =
    mode === "assets"
      ? { mode, refs: new Set(refIds.keys()), onToggle: (ref) => void toggle(ref) }
      : mode === "circle"
        ? {
            mode,
            centre,
            radiusKm,
            onChange: ([nextLon, nextLat], nextRadius) => {
              setLat(nextLat);
              setLon(nextLon);
              if (nextRadius !== null) setRadius(nextRadius);
            },
          }
        : { mode, corners, closed, onChange: setPolygon };
  const geoAssets = geo.data ?? [];
  const targetKey = `${mode}|${[...refIds.keys()].join(",")}|${centre?.join(",")}|${radiusKm}|${closed}|${corners.join(";")}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key sums up the target.
  const targets = useMemo(() => targetRefs(geoAssets, target), [geoAssets, targetKey]);

  const request = (): CascadeRequest | null => {
    if (mode === "assets")
      return attacked.length > 0 ? { assetIds: attacked.map((option) => option.value) } : null;
    if (mode === "polygon") return closed && corners.length >= 3 ? { polygon: closeRing(corners) } : null;
    return centre && radiusKm ? { circle: { lat: centre[1], lon: centre[0], radiusKm } } : null;
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = request();
    setIncomplete(body === null);
    if (body) cascade.mutate(body);
  };
  // The map shows the cascade while the target is the one it ran on.
  const fresh =
    cascade.data !== undefined && JSON.stringify(cascade.variables) === JSON.stringify(request())
      ? cascade.data
      : null;
  const hours = fresh?.totals.timeline[step]?.hours ?? 0;

  return (
    <Stack gap="lg">
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Paper withBorder p="md" component="form" onSubmit={onSubmit} noValidate h="100%">
            <Stack>
              <Stack gap={4}>
                <Text size="sm" fw={500} id="what-if-target">
                  {t("analysis.target")}
                </Text>
                <SegmentedControl
                  aria-labelledby="what-if-target"
                  value={mode}
                  onChange={(value) => setMode(value === "circle" || value === "polygon" ? value : "assets")}
                  data={[
                    { value: "assets", label: t("analysis.byAssets") },
                    { value: "circle", label: t("analysis.byCircle") },
                    { value: "polygon", label: t("analysis.byPolygon") },
                  ]}
                  fullWidth
                />
              </Stack>
              {mode === "assets" && (
                <AssetMultiSelect
                  label={t("analysis.attacked")}
                  description={t("analysis.attackedHint")}
                  value={attacked}
                  onChange={setAttacked}
                />
              )}
              {mode === "circle" && (
                <>
                  <Group grow align="flex-start">
                    <NumberInput
                      label={t("pattern.labelValue", { label: t("analysis.centre"), value: t("assets.lat") })}
                      value={lat}
                      onChange={setLat}
                      min={-90}
                      max={90}
                      decimalScale={6}
                    />
                    <NumberInput
                      label={t("pattern.labelValue", { label: t("analysis.centre"), value: t("assets.lon") })}
                      value={lon}
                      onChange={setLon}
                      min={-180}
                      max={180}
                      decimalScale={6}
                    />
                  </Group>
                  <NumberInput
                    label={t("analysis.radius")}
                    value={radius}
                    onChange={setRadius}
                    min={0.01}
                    max={5000}
                    decimalScale={2}
                  />
                </>
              )}
              {mode === "polygon" && (
                <Textarea
                  label={t("analysis.corners")}
                  description={t("analysis.cornersHint")}
                  value={cornerText}
                  onChange={(event) => onCornerText(event.currentTarget.value)}
                  error={badLine === null ? undefined : t("analysis.badCorners", { line: badLine })}
                  autosize
                  minRows={4}
                  maxRows={10}
                  styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
                />
              )}
              <Text size="sm" c="dimmed" aria-live="polite">
                {t("analysis.map.targets", { number: format.number(targets.size) })}
              </Text>
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
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Paper withBorder p="xs">
            <Stack gap="xs">
              <Group justify="space-between" gap="xs" mih={30} px={4}>
                <Text size="sm" c="dimmed">
                  {mode === "assets"
                    ? t("analysis.map.pickHint")
                    : mode === "circle"
                      ? t("analysis.map.circleHint")
                      : t("analysis.map.polygonHint")}
                </Text>
                {mode === "polygon" && (
                  <Group gap="xs">
                    <Button
                      size="compact-sm"
                      onClick={() => setPolygon(corners, true)}
                      disabled={closed || corners.length < 3}
                    >
                      {t("analysis.map.finish")}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => setPolygon(corners.slice(0, -1), false)}
                      disabled={corners.length === 0}
                    >
                      {t("analysis.map.undo")}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => setPolygon([], false)}
                      disabled={corners.length === 0}
                    >
                      {t("analysis.map.clear")}
                    </Button>
                  </Group>
                )}
              </Group>
              <ProblemAlert error={geo.error} />
              <WhatIfMap
                geo={geoAssets}
                target={target}
                targets={targets}
                cascade={fresh ? { report: fresh, hours } : null}
                run={run}
              />
              {fresh ? (
                <CascadeTimeControl key={run} report={fresh} step={step} onStep={setStep} />
              ) : (
                cascade.data && (
                  <Text size="sm" c="dimmed" px={4}>
                    {t("analysis.map.stale")}
                  </Text>
                )
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      {cascade.data && <CascadeResults report={cascade.data} hours={fresh ? hours : undefined} />}
    </Stack>
  );
}
