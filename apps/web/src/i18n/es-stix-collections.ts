// Spanish strings of the STIX collections page (see en-stix-collections.ts).
import type { stixCollections as english } from "./en-stix-collections.ts";
import type { Translation } from "./translation.ts";

export const stixCollections: Translation<typeof english, "es"> = {
  title: "Colecciones STIX",
  subtitle:
    "Lo que contienen las colecciones de sus comunidades: la última versión que puede ver de cada objeto, de la más reciente a la más antigua.",
  action: "Colecciones",
  collection: "Colección",
  noCollection:
    "Su organización no pertenece a ninguna comunidad, así que no hay ninguna colección que consultar.",
  search: "Buscar nombres",
  type: "Tipo de objeto",
  allTypes: "Todos los tipos",
  tlp: "Marcado",
  allTlp: "Todos los marcados",
  empty:
    "Esta colección todavía no contiene nada que pueda ver. Los objetos llegan por importación STIX, desde clientes TAXII que añaden objetos, desde suscripciones TAXII y desde elementos de Bulwark (CLEAR, GREEN, AMBER) enviados a la comunidad.",
  noMatch: "Ningún objeto coincide con estos filtros.",
  columnType: "Tipo",
  columnName: "Nombre",
  columnTlp: "TLP",
  columnSource: "Origen",
  columnAdded: "Añadido",
  revoked: "Revocado",
  sources: {
    import: "Importación STIX",
    taxii: "Cliente TAXII",
    subscription: "Suscripción TAXII",
    bulwark: "Elemento de Bulwark",
  },
  versionAdded: "Versión {{version}}, añadida el {{added}} ({{source}}).",
  openItem: "Abrir el elemento compartido",
  json: "JSON STIX",
  viewCollection: "Ver la colección",
};
