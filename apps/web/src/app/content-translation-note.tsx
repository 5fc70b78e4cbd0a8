// Under content the server sent in the reader's language (a framework, a threat scenario, the risk
// methodology shipped with Bulwark): the note that the translation is Bulwark's own and the English
// text the reference. Nothing in English, where the content is the original.
import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function ContentTranslationNote({ shown = true }: { shown?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!shown || i18n.resolvedLanguage === "en" || !i18n.resolvedLanguage) return null;
  return (
    <Text size="xs" fs="italic" data-testid="content-translation">
      {t("contentTranslation.notice")}
    </Text>
  );
}
