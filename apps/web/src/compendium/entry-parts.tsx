// Small pieces the compendium's pages share: the type badge, a tag badge linking to the search
// filtered by it, a snippet with the words searched for marked, and the TLP banner.
import type { EntryContent, EntrySummary, Facet } from "@bulwark/contracts";
import type { EntryType } from "@bulwark/core";
import { Alert, Badge, Mark, Text } from "@mantine/core";
import {
  IconBuildingBank,
  IconBulb,
  IconGavel,
  IconReportSearch,
  IconSchool,
  IconTool,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { problemOf } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { TYPE_COLOURS, tagSearch, useCompendiumLabels } from "./compendium-vocabulary.ts";

const TYPE_ICONS: Record<EntryType, ReactNode> = {
  "good-practice": <IconBulb size={12} />,
  tool: <IconTool size={12} />,
  "case-study": <IconReportSearch size={12} />,
  "legal-instrument": <IconGavel size={12} />,
  policy: <IconBuildingBank size={12} />,
  training: <IconSchool size={12} />,
};

export function TypeBadge({ type, size = "sm" }: { type: EntryType; size?: "sm" | "md" }) {
  const labels = useCompendiumLabels();
  return (
    <Badge
      size={size}
      variant="light"
      color={TYPE_COLOURS[type]}
      tt="none"
      leftSection={TYPE_ICONS[type]}
      miw="max-content"
    >
      {labels.type(type)}
    </Badge>
  );
}

/** A tag's value; a click searches the compendium for entries with it. */
export function TagBadge({ facet, value }: { facet: Facet; value: string }) {
  const labels = useCompendiumLabels();
  return (
    <Badge
      component={Link}
      to={tagSearch(facet, value)}
      variant="default"
      radius="sm"
      tt="none"
      fw={500}
      style={{ cursor: "pointer" }}
    >
      {labels.value(facet, value)}
    </Badge>
  );
}

/** Built from the parts the server marked, so no markup from an entry ever reaches the page. */
export function Snippet({ parts }: { parts: EntrySummary["snippet"] }) {
  return parts.map((part, index) =>
    part.hit ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder.
      <Mark key={index} color="yellow">
        {part.text}
      </Mark>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder.
      <span key={index}>{part.text}</span>
    ),
  );
}

/** A 404 in the reader's words (a thing one may not see is not found either); other errors as they are. */
export function LoadFailure({ error, notFound }: { error: unknown; notFound: string }) {
  if (problemOf(error)?.status === 404)
    return (
      <Alert color="gray" variant="light">
        <Text size="sm">{notFound}</Text>
      </Alert>
    );
  return <ProblemAlert error={error} />;
}

/** What a GREEN or AMBER marking asks of the reader, above the entry. */
export function TlpBanner({ marking }: { marking: EntryContent["marking"] }) {
  const { t } = useTranslation();
  if (marking === "clear") return null;
  return (
    <Alert
      color={marking === "amber" ? "yellow" : "green"}
      variant="light"
      styles={{ root: { borderInlineStart: `6px solid ${marking === "amber" ? "#FFC000" : "#33FF00"}` } }}
    >
      <Text size="sm" fw={600}>
        {marking === "amber" ? t("compendium.entry.tlpAmber") : t("compendium.entry.tlpGreen")}
      </Text>
    </Alert>
  );
}
