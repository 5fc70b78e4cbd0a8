import { LANGUAGES } from "@bulwark/core";
import { Select } from "@mantine/core";
import { IconLanguage } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { changeLanguage, currentLanguage, isLanguage, LANGUAGE_NAMES } from "../i18n/index.ts";

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  // Read through i18n so the component re-renders on change.
  const value = i18n.language ? currentLanguage() : "en";
  return (
    <Select
      aria-label={t("common.language")}
      data={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }))}
      value={value}
      onChange={(next) => {
        if (isLanguage(next)) changeLanguage(next);
      }}
      allowDeselect={false}
      leftSection={<IconLanguage size={16} />}
      w={{ base: 124, sm: 150 }}
      size="sm"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
