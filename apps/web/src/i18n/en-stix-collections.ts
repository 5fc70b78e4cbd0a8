// English strings of the page that shows what a community's STIX collection holds. en.ts includes
// them under `stixCollections`.
export const stixCollections = {
  title: "STIX collections",
  subtitle:
    "What your communities' collections hold: the latest version you may see of each object, newest first.",
  action: "Collections",
  collection: "Collection",
  noCollection: "Your organisation belongs to no community, so there is no collection to read.",
  search: "Search names",
  type: "Object type",
  allTypes: "All types",
  tlp: "Marking",
  allTlp: "All markings",
  empty:
    "This collection holds nothing you may see yet. Objects arrive by STIX import, from TAXII clients adding to it, from TAXII subscriptions, and from Bulwark items (CLEAR, GREEN, AMBER) sent to the community.",
  noMatch: "No object matches these filters.",
  columnType: "Type",
  columnName: "Name",
  columnTlp: "TLP",
  columnSource: "Source",
  columnAdded: "Added",
  revoked: "Revoked",
  sources: {
    import: "STIX import",
    taxii: "TAXII client",
    subscription: "TAXII subscription",
    bulwark: "Bulwark item",
  },
  versionAdded: "Version {{version}}, added {{added}} ({{source}}).",
  openItem: "Open the shared item",
  json: "STIX JSON",
  viewCollection: "See the collection",
};
