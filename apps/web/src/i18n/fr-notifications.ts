// French strings of notifications (see en-notifications.ts).
import type { notifications as english } from "./en-notifications.ts";
import type { Translation } from "./translation.ts";

export const notifications: Translation<typeof english, "fr"> = {
  bell: "Notifications",
  unread_one: "{{count}} notification non lue",
  unread_many: "{{count}} de notifications non lues",
  unread_other: "{{count}} notifications non lues",
  markAll: "Tout marquer comme lu",
  reply: "{{name}} a répondu dans {{title}}",
  answer: "{{name}} a répondu à votre question {{title}}",
  someone: "Quelqu'un",
  empty:
    "Rien de nouveau. Vous êtes averti ici des éléments qui vous sont adressés, des approbations et accusés de réception attendus, des actions de suivi et réexamens de risques à échéance, et des réponses qui vous sont faites.",
  "item-new": "Nouveau pour vous : {{title}}",
  "approval-request": "Attend votre approbation : {{title}}",
  "approval-reminder": "Attend toujours votre approbation : {{title}}",
  "acknowledgement-reminder": "Merci d'accuser réception : {{title}}",
  "action-overdue": "Action de suivi en retard : {{title}}",
  "action-due": "Action de suivi bientôt à échéance : {{title}}",
  "review-due": "Évaluation des risques à réexaminer : {{title}}",
  "proposal-review": "Proposition à examiner : {{title}}",
  invitation: "Votre organisation est invitée dans {{title}}",
  "sitrep-due": "Rapport de situation bientôt dû : {{title}}",
  "sitrep-overdue": "Rapport de situation en retard : {{title}}",
  "task-assigned": "Tâche d'incident qui vous est confiée : {{title}}",
  settings: {
    title: "Notifications",
    intro:
      "Choisissez comment être informé de chaque type d'élément. Un e-mail ne contient jamais rien au-dessus de TLP:GREEN : pour un élément AMBER ou RED, il indique seulement qu'un élément vous attend, avec un lien.",
    noEmail:
      "Cette installation n'envoie pas d'e-mails : les choix par e-mail prendront effet lorsqu'un administrateur aura configuré un serveur de messagerie.",
    language: "Langue de vos e-mails",
    save: "Enregistrer",
    saved: "Vos paramètres de notification sont enregistrés.",
    topics: {
      "shared-items": "Éléments partagés adressés à vous ou à votre organisation",
      approvals: "Demandes d'approbation",
      acknowledgements: "Rappels d'accusé de réception",
      actions: "Actions de suivi à échéance ou en retard",
      reviews: "Réexamens de risques à échéance",
      discussions: "Réponses",
      incidents: "Incidents : tâches qui vous sont confiées, rapports de situation dus",
    },
    deliveries: {
      app: "Dans l'application",
      email: "E-mail immédiat",
      digest: "Résumé quotidien par e-mail",
      off: "Désactivé",
    },
  },
};
