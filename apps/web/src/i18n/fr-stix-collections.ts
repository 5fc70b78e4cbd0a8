// French strings of the STIX collections page (see en-stix-collections.ts).
import type { stixCollections as english } from "./en-stix-collections.ts";
import type { Translation } from "./translation.ts";

export const stixCollections: Translation<typeof english, "fr"> = {
  title: "Collections STIX",
  subtitle:
    "Le contenu des collections de vos communautés : la dernière version que vous pouvez voir de chaque objet, de la plus récente à la plus ancienne.",
  action: "Collections",
  collection: "Collection",
  noCollection:
    "Votre organisation n'appartient à aucune communauté : il n'y a donc aucune collection à consulter.",
  search: "Rechercher dans les noms",
  type: "Type d'objet",
  allTypes: "Tous les types",
  tlp: "Marquage",
  allTlp: "Tous les marquages",
  empty:
    "Cette collection ne contient encore rien que vous puissiez voir. Les objets arrivent par import STIX, par des clients TAXII qui y ajoutent des objets, par des abonnements TAXII et par les éléments Bulwark (CLEAR, GREEN, AMBER) envoyés à la communauté.",
  noMatch: "Aucun objet ne correspond à ces filtres.",
  columnType: "Type",
  columnName: "Nom",
  columnTlp: "TLP",
  columnSource: "Source",
  columnAdded: "Ajouté le",
  revoked: "Révoqué",
  sources: {
    import: "Import STIX",
    taxii: "Client TAXII",
    subscription: "Abonnement TAXII",
    bulwark: "Élément Bulwark",
  },
  versionAdded: "Version {{version}}, ajoutée le {{added}} ({{source}}).",
  openItem: "Ouvrir l'élément partagé",
  json: "JSON STIX",
  viewCollection: "Voir la collection",
};
