// The glossary: a drawer explaining the words the pages use (TLP and its markings, STIX, TAXII,
// CAP, k of n, four eyes…), opened from the header's help button or from a <Term> where the word
// appears, which scrolls to it.
import { ActionIcon, Anchor, Drawer, Stack, Text, Title, useDirection } from "@mantine/core";
import { IconHelp } from "@tabler/icons-react";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

export const TERMS = [
  "tlp",
  "clear",
  "green",
  "amber",
  "amberStrict",
  "red",
  "stix",
  "taxii",
  "cap",
  "kOfN",
  "fourEyes",
  "community",
  "appetite",
] as const;
export type TermId = (typeof TERMS)[number];

interface Glossary {
  open(term?: TermId): void;
}

const GlossaryContext = createContext<Glossary | null>(null);

export function GlossaryProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const [opened, setOpened] = useState(false);
  const [focus, setFocus] = useState<TermId | null>(null);
  const open = useCallback((term?: TermId) => {
    setFocus(term ?? null);
    setOpened(true);
  }, []);
  const glossary = useMemo(() => ({ open }), [open]);
  useEffect(() => {
    if (!opened || !focus) return;
    // After the drawer's transition has laid it out.
    const timer = window.setTimeout(
      () => document.getElementById(`glossary-${focus}`)?.scrollIntoView({ block: "start" }),
      250,
    );
    return () => window.clearTimeout(timer);
  }, [opened, focus]);
  return (
    <GlossaryContext.Provider value={glossary}>
      {children}
      <Drawer
        opened={opened}
        onClose={() => setOpened(false)}
        position={dir === "rtl" ? "left" : "right"}
        title={
          <Title order={2} size="h3">
            {t("search.glossary.title")}
          </Title>
        }
        size="md"
        closeButtonProps={{ "aria-label": t("common.close") }}
      >
        <Stack gap="md">
          <Text size="sm" c="gray.7">
            {t("search.glossary.intro")}
          </Text>
          <dl style={{ margin: 0 }}>
            {TERMS.map((term) => (
              <div
                key={term}
                id={`glossary-${term}`}
                data-testid={`glossary-${term}`}
                style={{
                  padding: "var(--mantine-spacing-xs)",
                  borderRadius: "var(--mantine-radius-sm)",
                  background: term === focus ? "var(--mantine-color-yellow-0)" : undefined,
                }}
              >
                <Text component="dt" fw={700}>
                  {t(`search.glossary.terms.${term}.name`)}
                </Text>
                <Text component="dd" size="sm" m={0}>
                  {t(`search.glossary.terms.${term}.text`)}
                </Text>
              </div>
            ))}
          </dl>
          <Text size="xs" c="gray.7">
            {t("search.glossary.source")}
          </Text>
        </Stack>
      </Drawer>
    </GlossaryContext.Provider>
  );
}

/** The header's help button: opens the glossary at its top. */
export function GlossaryButton() {
  const { t } = useTranslation();
  const glossary = useContext(GlossaryContext);
  return (
    <ActionIcon
      variant="default"
      size="lg"
      aria-label={t("search.glossary.open")}
      onClick={() => glossary?.open()}
    >
      <IconHelp size={18} />
    </ActionIcon>
  );
}

/** A word of the glossary where a page uses it: a link that opens its explanation. */
export function Term({ id, children }: { id: TermId; children: ReactNode }) {
  const glossary = useContext(GlossaryContext);
  const { t } = useTranslation();
  if (!glossary) return <>{children}</>;
  return (
    <Anchor
      component="button"
      type="button"
      inherit
      underline="always"
      style={{ textDecorationStyle: "dotted", color: "inherit", verticalAlign: "baseline" }}
      aria-haspopup="dialog"
      title={t(`search.glossary.terms.${id}.name`)}
      onClick={(event: React.MouseEvent) => {
        event.preventDefault();
        event.stopPropagation();
        glossary.open(id);
      }}
    >
      {children}
    </Anchor>
  );
}

/** Names of standards, the same in every language, and the term each opens (longest first). */
const NAMED: readonly (readonly [string, TermId])[] = [
  ["TLP:AMBER+STRICT", "amberStrict"],
  ["TLP:CLEAR", "clear"],
  ["TLP:GREEN", "green"],
  ["TLP:AMBER", "amber"],
  ["TLP:RED", "red"],
  ["TLP", "tlp"],
  ["STIX", "stix"],
  ["TAXII", "taxii"],
  ["CAP", "cap"],
];
const NAMED_PATTERN = new RegExp(
  `(?<![A-Za-z])(${NAMED.map(([name]) => name.replace(/[+]/g, "\\+")).join("|")})(?![A-Za-z:+])`,
  "g",
);

/**
 * A translated text with the first mention of each standard's name (TLP and its markings, STIX,
 * TAXII, CAP: written the same in every language) linked to its explanation.
 */
export function Glossed({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  const linked = new Set<TermId>();
  let at = 0;
  for (const match of text.matchAll(NAMED_PATTERN)) {
    const name = match[1] as string;
    const term = NAMED.find(([known]) => known === name)?.[1];
    if (!term || linked.has(term)) continue;
    linked.add(term);
    parts.push(text.slice(at, match.index));
    parts.push(
      <Term key={match.index} id={term}>
        {name}
      </Term>,
    );
    at = match.index + name.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
