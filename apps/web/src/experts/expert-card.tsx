// An expert's card in the directory (and the preview of one's own): who, where from, the headline,
// expertise as badges, sectors and themes, languages, answers given, and the e-mail if shown.
import type { ExpertSummary } from "@bulwark/contracts";
import { Anchor, Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconMail, IconMessageCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCompendiumLabels } from "../compendium/compendium-vocabulary.ts";

/** `heading`: the card is its page's subject (the expert's own page), the name the page's title. */
export function ExpertCard({
  expert,
  link = true,
  heading = false,
}: {
  expert: ExpertSummary;
  link?: boolean;
  heading?: boolean;
}) {
  const { t } = useTranslation();
  const labels = useCompendiumLabels();
  const place = [
    expert.region ? labels.region(expert.region) : null,
    expert.country ? labels.country(expert.country) : null,
  ]
    .filter((part) => part !== null)
    .join(" · ");
  return (
    <Paper component="article" withBorder radius="md" p="md" h="100%" data-testid="expert-card">
      <Stack gap={8}>
        <Stack gap={0}>
          {link ? (
            <Anchor component={Link} to={`/experts/${expert.userId}`} fw={700} size="lg" c="bulwark.9">
              {expert.name}
            </Anchor>
          ) : heading ? (
            <Title order={2} size="h3">
              {expert.name}
            </Title>
          ) : (
            <Text fw={700} size="lg">
              {expert.name}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {expert.organisation.name}
            {place && ` · ${place}`}
          </Text>
        </Stack>
        <Text size="sm" lh={1.4}>
          {expert.headline}
        </Text>
        {expert.expertise.length > 0 && (
          <Group gap={4}>
            {expert.expertise.map((keyword) => (
              <Badge key={keyword} variant="light" color="bulwark" tt="none" size="sm">
                {keyword}
              </Badge>
            ))}
          </Group>
        )}
        {(expert.sectors.length > 0 || expert.themes.length > 0) && (
          <Group gap={4}>
            {expert.sectors.map((sector) => (
              <Badge key={sector} variant="outline" color="gray" tt="none" size="xs">
                {labels.value("sector", sector)}
              </Badge>
            ))}
            {expert.themes.map((theme) => (
              <Badge key={theme} variant="outline" color="teal" tt="none" size="xs">
                {labels.theme(theme)}
              </Badge>
            ))}
          </Group>
        )}
        <Group gap="md" c="dimmed">
          {expert.languages.length > 0 && (
            <Text size="xs">{expert.languages.map((code) => labels.language(code)).join(", ")}</Text>
          )}
          <Group gap={4}>
            <IconMessageCircle size={14} />
            <Text size="xs">{t("experts.directory.answers", { count: expert.answerCount })}</Text>
          </Group>
          {expert.email && (
            <Anchor href={`mailto:${expert.email}`} size="xs">
              <Group gap={4}>
                <IconMail size={14} />
                {expert.email}
              </Group>
            </Anchor>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
