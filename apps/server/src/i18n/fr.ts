import type { Catalogue } from "./en.ts";

export const fr: Catalogue = {
  "title.notSignedIn": "Non connecté",
  "title.notAllowed": "Non autorisé",
  "title.notFound": "Introuvable",
  "title.conflict": "Conflit",
  "title.invalid": "Saisie non valide",
  "title.tooLarge": "Trop volumineux",
  "title.unexpected": "Erreur inattendue",
  "title.unavailable": "Service indisponible",
  "title.signInFailed": "Échec de la connexion",
  "title.codeRequired": "Code requis",
  "title.throttled": "Trop de tentatives échouées",
  "title.locked": "Trop de connexions échouées",
  "title.removed": "Supprimé",
  "title.badRequest": "Requête incorrecte",

  "detail.signIn": "Connectez-vous ou envoyez un jeton d'API.",
  "detail.sessionEnded": "Votre session a pris fin : reconnectez-vous.",
  "detail.bearer": "L'en-tête Authorization doit être de la forme « Bearer <jeton d'API> ».",
  "detail.tokenUnknown": "Ce jeton d'API est inconnu, révoqué ou expiré.",
  "detail.csrf":
    "En-tête X-CSRF-Token manquant ou erroné (envoyez le csrfToken de /api/me avec chaque écriture).",
  "detail.tokenNeedsSession":
    "Les jetons d'API ne peuvent gérer ni les jetons, ni la connexion à deux facteurs, ni les mots de passe, ni les sessions : connectez-vous pour le faire.",
  "detail.tokenScope": "Ce jeton d'API n'a pas la portée « {{scope}} » (il a : {{scopes}}).",
  "detail.wrongCredentials": "Adresse électronique ou mot de passe erroné.",
  "detail.codeRequired": "Saisissez le code à six chiffres de votre application d'authentification.",
  "detail.wrongPassword": "Le mot de passe actuel est erroné.",
  "detail.totpAlreadyOn":
    "La connexion à deux facteurs est déjà activée : désactivez-la d'abord pour configurer un nouvel appareil.",
  "detail.totpNotStarted": "Commencez d'abord la configuration (POST /api/me/totp).",
  "detail.totpNotOn": "La connexion à deux facteurs n'est pas activée.",
  "detail.wrongCode": "Code erroné ou expiré.",
  "detail.sixDigits": "Un code comporte six chiffres.",
  "detail.throttled":
    "Trop de connexions ou de jetons d'API échoués depuis votre adresse : réessayez dans {{duration}}.",
  "detail.locked": "Ce compte est verrouillé après des échecs répétés : réessayez dans {{duration}}.",
  "detail.demoNotLoaded": "Le pays de démonstration n'est pas chargé ici.",
  "detail.purged":
    "Ce fichier contenait des données personnelles ; il a été supprimé à la fin de la durée de conservation de ce type d'élément.",
  "detail.dependents": "D'autres enregistrements dépendent encore de celui-ci.",
  "detail.unique": "Un élément ayant le même {{fields}} existe déjà.",
  "detail.taken": "Déjà pris.",
  "detail.tooLarge": "Ce point d'accès accepte au plus {{size}}.",
  "detail.unexpected": "L'erreur a été consignée ; veuillez réessayer.",
  "detail.noRoute": "Aucune route {{method}} {{path}}.",
  "detail.databaseUnreachable": "La base de données est injoignable. Réessayez dans un instant.",
  "detail.databaseSlow":
    "La base de données est trop occupée pour répondre à temps. Réessayez dans un instant.",
  "detail.databaseDiskFull":
    "Le disque de la base de données est plein : rien ne peut être enregistré tant que de l'espace n'a pas été libéré.",

  "notFound.any": "Aucun élément portant cet identifiant ne vous est visible.",
  "notFound.account": "Aucun compte portant cet identifiant ne vous est visible.",
  "notFound.action": "Aucune action portant cet identifiant ne vous est visible.",
  "notFound.alert": "Aucune alerte portant cet identifiant ne vous est visible.",
  "notFound.answer": "Aucune réponse portant cet identifiant ne vous est visible.",
  "notFound.asset": "Aucun actif portant cet identifiant ne vous est visible.",
  "notFound.attachment": "Aucune pièce jointe portant cet identifiant ne vous est visible.",
  "notFound.collection": "Aucune collection portant cet identifiant ne vous est visible.",
  "notFound.comment": "Aucun commentaire portant cet identifiant ne vous est visible.",
  "notFound.community": "Aucune communauté portant cet identifiant ne vous est visible.",
  "notFound.dependency": "Aucune dépendance portant cet identifiant ne vous est visible.",
  "notFound.entry": "Aucune fiche portant cet identifiant ne vous est visible.",
  "notFound.event": "Aucun événement portant cet identifiant ne vous est visible.",
  "notFound.expertProfile": "Aucun profil d'expert portant cet identifiant ne vous est visible.",
  "notFound.framework": "Aucun référentiel portant cet identifiant ne vous est visible.",
  "notFound.import": "Aucune importation portant cet identifiant ne vous est visible.",
  "notFound.invitation": "Aucune invitation portant cet identifiant ne vous est visible.",
  "notFound.material": "Aucun document portant cet identifiant ne vous est visible.",
  "notFound.memberOrganisation": "Aucune organisation membre portant cet identifiant ne vous est visible.",
  "notFound.notification": "Aucune notification portant cet identifiant ne vous est visible.",
  "notFound.organisation": "Aucune organisation portant cet identifiant ne vous est visible.",
  "notFound.outcome": "Aucun résultat portant cet identifiant ne vous est visible.",
  "notFound.participant": "Aucun participant portant cet identifiant ne vous est visible.",
  "notFound.post": "Aucun message portant cet identifiant ne vous est visible.",
  "notFound.proposal": "Aucune proposition portant cet identifiant ne vous est visible.",
  "notFound.question": "Aucune question portant cet identifiant ne vous est visible.",
  "notFound.riskAssessment": "Aucune évaluation des risques portant cet identifiant ne vous est visible.",
  "notFound.selfAssessmentRun": "Aucune auto-évaluation portant cet identifiant ne vous est visible.",
  "notFound.session": "Aucune séance portant cet identifiant ne vous est visible.",
  "notFound.sharedItem": "Aucun élément partagé portant cet identifiant ne vous est visible.",
  "notFound.stixObject": "Aucun objet STIX portant cet identifiant ne vous est visible.",
  "notFound.taxiiSubscription": "Aucun abonnement TAXII portant cet identifiant ne vous est visible.",
  "notFound.threatScenario": "Aucun scénario de menace portant cet identifiant ne vous est visible.",
  "notFound.token": "Aucun de vos jetons d'API actifs ne porte cet identifiant.",
  "notFound.version": "Aucune version portant cet identifiant ne vous est visible.",

  // Situation reports and resource requests (issue 18).
  "notFound.resourceRequest": "Aucune demande de ressources avec cet identifiant ne vous est visible.",
  "notFound.sitrep": "Aucun rapport de situation avec cet identifiant ne vous est visible.",
  "sitrep.draftedBy":
    "Seuls l'autorité ou l'opérateur déclarant d'un incident rédigent ses rapports de situation.",
  "sitrep.editedBy": "Seul l'auteur modifie un rapport de situation, tant qu'il est à l'état de brouillon.",
  "sitrep.notByAuthor": "Une deuxième personne approuve un rapport de situation, jamais son auteur.",
  "sitrep.approvedBy":
    "Un collègue de l'auteur ayant un rôle opérationnel, qui travaille sur l'incident, approuve un rapport de situation.",
  "sitrep.sentBy": "Seuls l'auteur ou l'approbateur envoient un rapport de situation approuvé.",
  "resourceRequest.askedBy":
    "Un coordinateur, un analyste ou un administrateur d'organisation demande des ressources pour son organisation.",
  "resourceRequest.otherOrganisation":
    "Une demande de ressources s'adresse à une autre organisation que la sienne.",
  "resourceRequest.byProvider":
    "Seul un rôle opérationnel de l'organisation fournisseuse fait passer une demande à cet état.",
  "resourceRequest.byRequester":
    "Seul un rôle opérationnel de l'organisation demandeuse fait passer une demande à cet état.",
};
