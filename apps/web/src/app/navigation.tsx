// The navbar: what exists (Overview, Infrastructure, Knowledge, Administration, Account) and,
// disabled, what is planned.
import { Badge, NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import {
  IconAlertOctagon,
  IconBook2,
  IconBuilding,
  IconBuildingFactory2,
  IconCalendarEvent,
  IconChartDots3,
  IconChecklist,
  IconHeartHandshake,
  IconHome,
  IconListDetails,
  IconSchool,
  IconShare,
  IconShieldHalf,
  IconTargetArrow,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useCan } from "./auth.tsx";

function Section({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} component="section" aria-label={label}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const canAudit = useCan("audit:read");

  const link = (to: string, label: string, icon: ReactNode) => (
    <NavLink
      key={to}
      component={Link}
      to={to}
      label={label}
      leftSection={icon}
      active={to === "/" ? pathname === "/" : pathname.startsWith(to)}
      onClick={onNavigate}
      variant="light"
    />
  );

  // Capabilities named before they exist (none at the moment: incidents, the last, arrived).
  const planned: [string, ReactNode][] = [];

  return (
    <ScrollArea type="scroll" style={{ flex: 1 }}>
      <nav aria-label={t("nav.label")}>
        <Stack gap={0} pb="md">
          <Stack gap={2} pt="xs">
            {link("/", t("nav.overview"), <IconHome size={18} />)}
          </Stack>
          <Section label={t("nav.infrastructure")}>
            {link("/assets", t("nav.assets"), <IconBuildingFactory2 size={18} />)}
            {link("/analysis", t("nav.analysis"), <IconChartDots3 size={18} />)}
            {link("/risk", t("nav.risk"), <IconShieldHalf size={18} />)}
          </Section>
          <Section label={t("nav.sharing")}>
            {link("/sharing", t("nav.sharing"), <IconShare size={18} />)}
            {link("/incidents", t("nav.incidents"), <IconAlertOctagon size={18} />)}
            {link("/exercises", t("exercises.nav"), <IconTargetArrow size={18} />)}
          </Section>
          <Section label={t("compendium.navSection")}>
            {link("/compendium", t("nav.compendium"), <IconBook2 size={18} />)}
            {link("/experts", t("experts.navSection"), <IconSchool size={18} />)}
            {link("/events", t("events.nav"), <IconCalendarEvent size={18} />)}
            {link("/self-assessment", t("nav.selfAssessment"), <IconChecklist size={18} />)}
            {link("/assistance", t("assistance.nav"), <IconHeartHandshake size={18} />)}
          </Section>
          <Section label={t("nav.administration")}>
            {link("/organisations", t("nav.organisations"), <IconBuilding size={18} />)}
            {link("/people", t("nav.people"), <IconUsers size={18} />)}
            {link("/communities", t("nav.communities"), <IconUsersGroup size={18} />)}
            {canAudit && link("/audit", t("nav.audit"), <IconListDetails size={18} />)}
          </Section>
          {planned.length > 0 && (
            <Section label={t("nav.plannedSection")}>
              {planned.map(([label, icon]) => (
                <NavLink
                  key={label}
                  label={label}
                  leftSection={icon}
                  disabled
                  rightSection={
                    <Badge size="xs" variant="light" color="gray">
                      {t("nav.planned")}
                    </Badge>
                  }
                />
              ))}
            </Section>
          )}
          <Section label={t("nav.account")}>
            {link("/account", t("nav.myAccount"), <IconUserCircle size={18} />)}
          </Section>
        </Stack>
      </nav>
    </ScrollArea>
  );
}
