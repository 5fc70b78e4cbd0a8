// French strings of STIX 2.1 import (see en-stix.ts).
import type { stix as english } from "./en-stix.ts";
import type { Translation } from "./translation.ts";

export const stix: Translation<typeof english, "fr"> = {
  title: "Importer du STIX 2.1",
  subtitle:
    "Importez un bundle STIX 2.1 (un export MISP ou OpenCTI, MITRE ATT&CK…) dans la collection d'une communauté, servie à ses membres par TAXII.",
  importAction: "Importer du STIX",
  community: "Communauté",
  communityHint:
    "La communauté dont la collection reçoit les objets. Seules les communautés dans lesquelles vous pouvez publier sont proposées.",
  defaultTlp: "Marquage des objets non marqués",
  defaultTlpHint:
    "Les objets conservent le marquage TLP qu'ils portent ; celui-ci s'applique aux objets qui n'en ont aucun. Les objets TLP:RED ne sont jamais acceptés.",
  file: "Bundle",
  fileHint: "Un fichier JSON contenant un bundle STIX 2.1. Le STIX 2.0 doit d'abord être converti.",
  notJson: "Ce fichier n'est pas du JSON : choisissez le fichier du bundle exporté par l'autre plateforme.",
  noCollection:
    "Votre organisation n'appartient à aucune communauté dans laquelle vous pouvez publier : il n'y a donc aucune destination d'import.",
  run: "Importer",
  result: "Résultat de l'import",
  counts: {
    total: "Objets du bundle",
    added: "Ajoutés",
    duplicates: "Déjà présents",
    revoked: "Après une révocation",
    refused: "Refusés",
  },
  revokedHint:
    "Certains objets avaient été révoqués : une révocation est définitive, leurs versions ultérieures n'ont donc pas été acceptées.",
  object: "Objet",
  reason: "Motif du refus",
};
