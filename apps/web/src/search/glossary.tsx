// The glossary: a drawer explaining the words the pages use (TLP and its markings, STIX, TAXII,
// CAP, k of n, four eyes…), opened from the header's help button or from a <Term> where the word
// appears, which scrolls to it.
import { ActionIcon, Anchor } from "@mantine/core";
import { IconHelp } from "@tabler/icons-react";
import {
  createContext,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useContext,
  useMemo,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { forEveryPage } from "../app/every-page.ts";

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

const GlossaryDrawer = lazy(() =>
  Promise.all([import("./glossary-drawer.tsx"), forEveryPage()]).then(([module]) => ({
    default: module.GlossaryDrawer,
  })),
);

interface Glossary {
  open(term?: TermId): void;
}

const GlossaryContext = createContext<Glossary | null>(null);

export function GlossaryProvider({ children }: { children: ReactNode }) {
  const [opened, setOpened] = useState(false);
  const [shown, setShown] = useState(false);
  const [focus, setFocus] = useState<TermId | null>(null);
  const open = useCallback((term?: TermId) => {
    setFocus(term ?? null);
    setOpened(true);
    setShown(true);
  }, []);
  const glossary = useMemo(() => ({ open }), [open]);
  return (
    <GlossaryContext.Provider value={glossary}>
      {children}
      {/* Its words and drawer load when it first opens (glossary-drawer.tsx: ADR 0042). */}
      {shown && (
        <Suspense fallback={null}>
          <GlossaryDrawer opened={opened} focus={focus} onClose={() => setOpened(false)} />
        </Suspense>
      )}
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
