// French strings of the home page (see en-home.ts).
import type { home as english } from "./en-home.ts";
import type { Translation } from "./translation.ts";

export const home: Translation<typeof english, "fr"> = {
  needsYou: "Ce qui vous attend",
  nothingToDo:
    "Vos rôles observent plutôt qu'ils n'agissent : rien ne vous attend ici. La piste d'audit vous est ouverte.",
  openAudit: "Ouvrir la piste d'audit",
  waiting_one: "{{count}} en attente",
  waiting_many: "{{count}} en attente",
  waiting_other: "{{count}} en attente",
  seeAll_one: "Voir tout ({{count}})",
  seeAll_many: "Voir les {{count}}",
  seeAll_other: "Voir les {{count}}",
  due: "Échéance : {{date}}",
  overdueSince: "En retard depuis le {{date}}",
  reportDue: "Prochain rapport attendu le {{date}}",
  reportOverdue: "Rapport en retard depuis le {{date}}",
  figuresTitle: "Chiffres clés de {{name}}",
  assets: "Actifs de votre registre",
  risksAboveAppetite: "Risques au-delà de l'appétence",
  selfAssessmentScore: "Score de la dernière auto-évaluation",
  noSelfAssessment: "Aucune soumise pour l'instant",
  gettingStarted: "Premiers pas",
  gettingStartedIntro:
    "Quelques premières étapes pour votre organisation. Chacune se coche d'elle-même une fois faite.",
  done: "Fait",
  toDo: "À faire",
  steps: {
    assets: "Ajouter les actifs de votre organisation",
    colleagues: "Inviter vos collègues",
    communities: "Rejoindre une communauté",
    "self-assessment": "Soumettre une première auto-évaluation",
  },
  sections: {
    incidents: {
      title: "Incidents en cours",
      empty:
        "Aucun incident en cours ne vous concerne. Les incidents déclarés par votre organisation ou partagés avec elle apparaissent ici.",
      action: "Ouvrir les incidents",
    },
    "incident-tasks": {
      title: "Tâches d'incident pour vous",
      empty: "Aucune tâche d'incident n'est confiée à vous ou à votre organisation.",
      action: "Ouvrir les incidents",
    },
    acknowledge: {
      title: "Éléments partagés à accuser",
      empty:
        "Rien à accuser. Les alertes et rapports adressés à vous ou à votre organisation apparaissent ici.",
      action: "Ouvrir le fil de partage",
    },
    "approve-sharing": {
      title: "Éléments en attente de votre approbation",
      empty: "Aucun élément de votre organisation n'attend l'approbation d'une seconde personne.",
      action: "Ouvrir la file des approbations",
    },
    "review-proposals": {
      title: "Propositions au recueil à examiner",
      empty: "Aucune proposition n'attend d'examen.",
      action: "Ouvrir les propositions",
    },
    invitations: {
      title: "Invitations à des communautés",
      empty:
        "Aucune invitation n'attend votre organisation. Demandez aux modérateurs d'une communauté de vous inviter.",
      action: "Ouvrir les communautés",
    },
    "actions-overdue": {
      title: "Actions de suivi en retard",
      empty: "Aucune action de suivi n'est en retard.",
      action: "Ouvrir le suivi des actions",
    },
    "actions-coming": {
      title: "Actions de suivi à échéance proche",
      empty: "Aucune action de suivi n'arrive à échéance dans les deux prochaines semaines.",
      action: "Ouvrir le suivi des actions",
    },
    "risk-reviews": {
      title: "Revues de risques à faire",
      empty:
        "Aucune évaluation des risques de votre organisation n'est à revoir. Évaluez un risque pour commencer votre registre.",
      action: "Ouvrir le registre des risques",
    },
    "self-assessment-drafts": {
      title: "Auto-évaluations en cours",
      empty:
        "Aucune auto-évaluation n'est en cours. Lancez-en une pour mesurer votre organisation au regard de la résolution 2341.",
      action: "Ouvrir l'auto-évaluation",
    },
    questions: {
      title: "Questions dans votre domaine d'expertise",
      empty:
        "Aucune question ouverte ne correspond à votre expertise. Tenez à jour les secteurs et thèmes de votre profil d'expert pour être sollicité.",
      action: "Ouvrir le réseau d'experts",
    },
    "verify-organisations": {
      title: "Organisations à vérifier",
      empty: "Toutes les organisations ont été vérifiées.",
      action: "Ouvrir les organisations",
    },
  },
};
