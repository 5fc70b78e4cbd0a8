// Spanish strings of STIX 2.1 import (see en-stix.ts).
import type { stix as english } from "./en-stix.ts";
import type { Translation } from "./translation.ts";

export const stix: Translation<typeof english, "es"> = {
  title: "Importar STIX 2.1",
  subtitle:
    "Incorpore un bundle STIX 2.1 (una exportación de MISP u OpenCTI, MITRE ATT&CK…) a la colección de una comunidad, que se sirve a sus miembros mediante TAXII.",
  importAction: "Importar STIX",
  community: "Comunidad",
  communityHint:
    "La comunidad cuya colección recibe los objetos. Solo se muestran las comunidades en las que puede publicar.",
  defaultTlp: "Marcado de los objetos sin marcar",
  defaultTlpHint:
    "Los objetos conservan el marcado TLP que llevan; este se aplica a los objetos que no tienen ninguno. Los objetos TLP:RED nunca se aceptan.",
  file: "Bundle",
  fileHint: "Un archivo JSON que contiene un bundle STIX 2.1. STIX 2.0 debe convertirse primero.",
  notJson: "Este archivo no es JSON: elija el archivo del bundle exportado por la otra plataforma.",
  noCollection:
    "Su organización no pertenece a ninguna comunidad en la que pueda publicar, así que no hay dónde importar.",
  run: "Importar",
  result: "Resultado de la importación",
  counts: {
    total: "Objetos del bundle",
    added: "Añadidos",
    duplicates: "Ya presentes",
    revoked: "Tras una revocación",
    refused: "Rechazados",
  },
  revokedHint:
    "Algunos objetos se habían revocado antes: una revocación es definitiva, por lo que no se aceptaron versiones posteriores.",
  object: "Objeto",
  reason: "Motivo del rechazo",
};
