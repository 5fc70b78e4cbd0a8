// Russian strings of STIX 2.1 import (see en-stix.ts).
import type { stix as english } from "./en-stix.ts";
import type { Translation } from "./translation.ts";

export const stix: Translation<typeof english, "ru"> = {
  title: "Импорт STIX 2.1",
  subtitle:
    "Загрузите пакет (bundle) STIX 2.1 (экспорт из MISP или OpenCTI, MITRE ATT&CK…) в коллекцию сообщества, доступную его участникам через TAXII.",
  importAction: "Импорт STIX",
  community: "Сообщество",
  communityHint:
    "Сообщество, коллекция которого получает объекты. Перечислены только сообщества, в которых вы можете публиковать.",
  defaultTlp: "Маркировка объектов без маркировки",
  defaultTlpHint:
    "Объекты сохраняют свою маркировку TLP; эта применяется к объектам без маркировки. Объекты TLP:RED никогда не принимаются.",
  file: "Пакет",
  fileHint: "Файл JSON с одним пакетом STIX 2.1. STIX 2.0 нужно сначала преобразовать.",
  notJson: "Этот файл не в формате JSON: выберите файл пакета, экспортированный другой платформой.",
  noCollection:
    "Ваша организация не состоит ни в одном сообществе, где вы можете публиковать, поэтому импортировать некуда.",
  run: "Импортировать",
  result: "Результат импорта",
  counts: {
    total: "Объектов в пакете",
    added: "Добавлено",
    duplicates: "Уже есть",
    revoked: "После отзыва",
    refused: "Отклонено",
  },
  revokedHint:
    "Некоторые объекты были отозваны ранее: отзыв окончателен, поэтому более поздние версии не приняты.",
  object: "Объект",
  reason: "Причина отклонения",
};
