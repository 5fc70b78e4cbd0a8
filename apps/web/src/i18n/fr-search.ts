// French strings of search everything and of the glossary; fr.ts includes them under `search`.
import type { search as englishSearch } from "./en-search.ts";
import type { Translation } from "./translation.ts";
export const search: Translation<typeof englishSearch, "fr"> = {
  button: "Rechercher",
  title: "Tout rechercher",
  label: "Rechercher des actifs, éléments, fiches, experts, événements, évaluations",
  placeholder: "Saisissez au moins deux caractères…",
  shortcut: "Ctrl+K",
  tooShort: "Saisissez au moins deux caractères.",
  searching: "Recherche…",
  none: "Rien de ce que vous pouvez voir ne correspond à « {{q}} ».",
  count_one: "{{count}} résultat",
  count_many: "{{count}} de résultats",
  count_other: "{{count}} résultats",
  more_one: "{{count}} de plus",
  more_many: "{{count}} de plus",
  more_other: "{{count}} de plus",
  hint: "Flèches pour se déplacer, Entrée pour ouvrir, Échap pour fermer.",
  kinds: {
    asset: "Actifs",
    "shared-item": "Éléments partagés",
    "compendium-entry": "Compendium",
    expert: "Experts",
    event: "Événements",
    "self-assessment-run": "Auto-évaluations",
    "risk-assessment": "Évaluations des risques",
  },
  glossary: {
    open: "Glossaire",
    title: "Glossaire",
    intro:
      "Les termes employés dans les pages, expliqués. Les liens soulignés en pointillé ouvrent le terme ici.",
    source: "TLP : FIRST, Traffic Light Protocol version 2.0 (2022).",
    terms: {
      tlp: {
        name: "TLP (protocole « feux tricolores »)",
        text: "Un ensemble d’étiquettes, tenu par FIRST (version 2.0 depuis août 2022), qui indique aux destinataires jusqu’où ils peuvent transmettre une information. Ce n’est pas un système de classification. Les étiquettes restent en anglais dans toutes les langues.",
      },
      clear: {
        name: "TLP:CLEAR",
        text: "Aucune limite de diffusion : les destinataires peuvent la transmettre à quiconque, sous réserve du droit d’auteur. Elle remplace TLP:WHITE.",
      },
      green: {
        name: "TLP:GREEN",
        text: "Pour la communauté des destinataires : ils peuvent la partager avec leurs pairs et les organisations partenaires de leur communauté, mais pas par des canaux accessibles au public. Dans Bulwark : les communautés auxquelles l’élément est adressé.",
      },
      amber: {
        name: "TLP:AMBER",
        text: "Diffusion limitée : les destinataires ne peuvent la partager, selon le besoin d’en connaître, qu’au sein de leur organisation et avec ses clients, pour se protéger ou éviter d’autres dommages.",
      },
      amberStrict: {
        name: "TLP:AMBER+STRICT",
        text: "Comme TLP:AMBER, mais uniquement au sein de l’organisation du destinataire : pas avec ses clients.",
      },
      red: {
        name: "TLP:RED",
        text: "Pour les seuls destinataires nommés, sans autre diffusion. Dans Bulwark : uniquement les personnes auxquelles l’élément est adressé, et celle qui l’a approuvé.",
      },
      stix: {
        name: "STIX",
        text: "Structured Threat Information Expression : une norme OASIS (version 2.1) pour décrire des informations sur les menaces — indicateurs, modes d’attaque, rapports — sous forme d’objets JSON que d’autres outils savent lire.",
      },
      taxii: {
        name: "TAXII",
        text: "Trusted Automated Exchange of Intelligence Information : une norme OASIS (version 2.1) pour échanger des objets STIX par HTTPS. Un serveur TAXII offre des collections ; un client en tire des objets ou y en ajoute.",
      },
      cap: {
        name: "CAP",
        text: "Common Alerting Protocol : une norme OASIS (version 1.2), un format XML pour les alertes d’urgence et les avertissements au public, afin qu’un même avertissement puisse passer à la fois par de nombreux types de réseaux. Bulwark y exporte les alertes.",
      },
      kOfN: {
        name: "k sur n",
        text: "Une règle de redondance d’une dépendance : l’actif continue de fonctionner tant qu’au moins k de ses n fournisseurs d’un service fonctionnent. Avec 2 sur 3, il résiste à la perte d’un fournisseur, pas de deux.",
      },
      fourEyes: {
        name: "Quatre yeux",
        text: "Une deuxième personne de l’organisation doit approuver un élément avant qu’il parte. Une organisation peut l’exiger pour les éléments AMBER, AMBER+STRICT et RED ; personne n’approuve son propre élément.",
      },
      community: {
        name: "Communauté",
        text: "Un groupe d’organisations qui partagent entre elles, par exemple les opérateurs d’un secteur. Les éléments et actifs TLP:GREEN atteignent les organisations qui partagent une communauté avec leur propriétaire.",
      },
      appetite: {
        name: "Appétence au risque",
        text: "Le niveau de risque qu’une organisation est prête à accepter. Une évaluation dont le score le dépasse est signalée pour traitement.",
      },
    },
  },
};
