// The header's search button and Ctrl+K (Cmd+K on a Mac): they open search everything, whose
// palette (search-palette.tsx) is a chunk of its own, loaded when it first opens (ADR 0042).
import { ActionIcon, Button, Center, Kbd, Loader, Modal } from "@mantine/core";
import { useDisclosure, useHotkeys } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { forEveryPage } from "../app/every-page.ts";

// With what every page but the first screen needs (the words of the kinds it finds, all styles).
const Palette = lazy(() =>
  Promise.all([import("./search-palette.tsx"), forEveryPage()]).then(([module]) => ({
    default: module.Palette,
  })),
);

export function SearchButton() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  // Also while typing in a field: Ctrl+K is not a character anyone types.
  useHotkeys([["mod+K", open]], []);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconSearch size={16} />}
        rightSection={<Kbd size="xs">{t("search.shortcut")}</Kbd>}
        onClick={open}
        aria-keyshortcuts="Control+K Meta+K"
        visibleFrom="md"
      >
        {t("search.button")}
      </Button>
      <ActionIcon
        variant="default"
        size="lg"
        onClick={open}
        aria-label={t("search.button")}
        aria-keyshortcuts="Control+K Meta+K"
        hiddenFrom="md"
      >
        <IconSearch size={18} />
      </ActionIcon>
      <Modal
        opened={opened}
        onClose={close}
        title={t("search.title")}
        size="lg"
        yOffset="8vh"
        trapFocus
        returnFocus
        closeButtonProps={{ "aria-label": t("common.close") }}
      >
        <Suspense
          fallback={
            <Center py="md">
              <Loader size="sm" />
            </Center>
          }
        >
          <Palette onClose={close} />
        </Suspense>
      </Modal>
    </>
  );
}
