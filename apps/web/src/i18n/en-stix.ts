// English strings of STIX 2.1 import into a community's collection. en.ts includes them under `stix`.
export const stix = {
  title: "Import STIX 2.1",
  subtitle:
    "Bring a STIX 2.1 bundle (a MISP or OpenCTI export, MITRE ATT&CK…) into a community's collection, served to its members over TAXII.",
  importAction: "Import STIX",
  community: "Community",
  communityHint:
    "The community whose collection receives the objects. Only communities you may publish to are listed.",
  defaultTlp: "Marking for unmarked objects",
  defaultTlpHint:
    "Objects keep the TLP marking they carry; this one applies to objects without any. TLP:RED objects are never taken.",
  file: "Bundle",
  fileHint: "A JSON file holding one STIX 2.1 bundle. STIX 2.0 must be converted first.",
  notJson: "This file is not JSON: choose the bundle file exported by the other platform.",
  noCollection:
    "Your organisation belongs to no community you may publish to, so there is nowhere to import into.",
  run: "Import",
  result: "Import result",
  counts: {
    total: "Objects in the bundle",
    added: "Added",
    duplicates: "Already held",
    revoked: "After a revocation",
    refused: "Refused",
  },
  revokedHint: "Some objects were revoked earlier: a revocation is final, so later versions were not taken.",
  object: "Object",
  reason: "Why it was refused",
};
