// Russian strings of the STIX collections page (see en-stix-collections.ts).
import type { stixCollections as english } from "./en-stix-collections.ts";
import type { Translation } from "./translation.ts";

export const stixCollections: Translation<typeof english, "ru"> = {
  title: "Коллекции STIX",
  subtitle:
    "Содержимое коллекций ваших сообществ: последняя видимая вам версия каждого объекта, сначала новые.",
  action: "Коллекции",
  collection: "Коллекция",
  noCollection: "Ваша организация не состоит ни в одном сообществе, поэтому читать нечего.",
  search: "Поиск по названиям",
  type: "Тип объекта",
  allTypes: "Все типы",
  tlp: "Маркировка",
  allTlp: "Любая маркировка",
  empty:
    "В этой коллекции пока нет ничего, что вам видно. Объекты поступают через импорт STIX, от клиентов TAXII, которые их добавляют, по подпискам TAXII и из материалов Bulwark (CLEAR, GREEN, AMBER), отправленных сообществу.",
  noMatch: "Ни один объект не соответствует этим фильтрам.",
  columnType: "Тип",
  columnName: "Название",
  columnTlp: "TLP",
  columnSource: "Источник",
  columnAdded: "Добавлен",
  revoked: "Отозван",
  sources: {
    import: "Импорт STIX",
    taxii: "Клиент TAXII",
    subscription: "Подписка TAXII",
    bulwark: "Материал Bulwark",
  },
  versionAdded: "Версия {{version}}, добавлена {{added}} ({{source}}).",
  openItem: "Открыть переданный материал",
  json: "JSON STIX",
  viewCollection: "Открыть коллекцию",
};
