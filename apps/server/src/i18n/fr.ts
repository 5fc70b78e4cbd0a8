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

  // The investigation log and lessons of incidents (issue 18).
  "detail.evidenceRecord": "Seules les forces de l'ordre enregistrent les preuves et leur garde.",
  "detail.evidenceShare":
    "Seules les forces de l'ordre choisissent avec qui le journal d'enquête est partagé.",
  "detail.handOverOrder": "Une remise ne peut pas précéder la précédente.",
  "detail.beforeHandOver": "Avant la remise précédente.",
  "detail.futureTimes": "Les heures indiquées ne peuvent pas se situer dans le futur.",
  "detail.inFuture": "Cette heure se situe dans le futur.",
  "detail.noSuchOrganisations": "Certaines organisations n'existent pas.",
  "detail.noSuchOrganisation": "Cette organisation n'existe pas.",
  "detail.sha256": "Un SHA-256 comporte 64 chiffres hexadécimaux.",
  "detail.eachOrganisationOnce": "Nommez chaque organisation une seule fois.",
  "detail.reviewWhenClosed": "Le retour d'expérience se rédige une fois l'incident clos.",
  "detail.reviewWriters": "Seuls l'autorité ou l'opérateur déclarant rédigent le retour d'expérience.",
  "detail.reviewExists": "L'incident a déjà son retour d'expérience.",
  "detail.actionOwners":
    "Certaines actions sont confiées à des organisations que l'incident ne concerne pas.",
  "detail.actionOwner":
    "Confiez les actions à votre organisation ou à une organisation concernée par l'incident.",
  "detail.actionProgress":
    "Seuls l'autorité ou l'organisation chargée de l'action font avancer une action de suivi.",

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
  "notFound.evidence": "Aucune pièce à conviction portant cet identifiant ne vous est visible.",
  "notFound.expertProfile": "Aucun profil d'expert portant cet identifiant ne vous est visible.",
  "notFound.framework": "Aucun référentiel portant cet identifiant ne vous est visible.",
  "notFound.import": "Aucune importation portant cet identifiant ne vous est visible.",
  "notFound.investigationLog": "Aucun journal d'enquête portant cet identifiant ne vous est visible.",
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

  // The incident board and points of contact (issue 18).
  "notFound.task": "Aucune tâche portant cet identifiant ne vous est visible.",
  "board.closed": "L'incident est clos.",
  "board.rolesCannotWrite": "Vos rôles ne vous permettent pas d'écrire sur le tableau de l'incident.",
  "board.redNeedsPeople": "Désignez au moins une personne destinataire d'une entrée TLP:RED.",
  "board.onlyRedNamesPeople": "Seules les entrées TLP:RED désignent des personnes.",
  "board.onlyAssigners":
    "Seuls les coordinateurs de l'organisation de l'incident ou de l'autorité attribuent des tâches.",
  "board.onlyAssignersOrAssignee":
    "Seuls les coordinateurs de l'incident et le destinataire de la tâche la mettent à jour.",
  "board.onlyAssignersEdit":
    "Seuls les coordinateurs de l'incident modifient le titre, l'échéance ou le destinataire d'une tâche.",
  "board.taskFinal": "La tâche est terminée ou annulée.",
  "board.onlyAssignersCancel": "Seuls les coordinateurs de l'incident annulent une tâche.",
  "board.assigneeUnseen": "Le destinataire ne voit pas cet incident.",
  "board.unknownRecipients": "Certains destinataires n'existent pas.",
  "board.eitherAssignee": "Désignez soit une organisation, soit une personne.",
  "board.changeSomething": "Modifiez au moins un élément.",
  "board.phone": "Un numéro de téléphone : chiffres, espaces, + ( ) . / -.",
  "contacts.onlyAdmins":
    "Seuls les administrateurs d'une organisation tiennent à jour ses points de contact.",
  "notFound.exercise": "Aucun exercice portant cet identifiant ne vous est visible.",
  "notFound.inject": "Aucun inject portant cet identifiant ne vous est visible.",
  "notFound.observation": "Aucune observation portant cet identifiant ne vous est visible.",
  "exercise.planners":
    "Seuls les administrateurs et les coordinateurs d'une organisation planifient des exercices.",
  "exercise.controllers":
    "Seuls les coordinateurs et les administrateurs d'une organisation de contrôle conduisent cet exercice.",
  "exercise.completed": "L'exercice est terminé : sa liste des événements du scénario (MSEL) ne change plus.",
  "exercise.evaluation": "Seuls les contrôleurs et les évaluateurs lisent l'évaluation de l'exercice.",
  "exercise.observers": "Seuls les évaluateurs et les contrôleurs consignent des observations.",
  "exercise.notStarted": "L'exercice n'a pas commencé : rien à observer pour l'instant.",
  "exercise.clockStart": "Seul un exercice en préparation peut démarrer.",
  "exercise.clockPause": "Seul un exercice en cours peut être mis en pause.",
  "exercise.clockPauseSpeed": "Une mise en pause ne prend pas de vitesse.",
  "exercise.clockResume": "Seul un exercice en pause reprend (un exercice en cours change ainsi de vitesse).",
  "exercise.clockEnd": "Seul un exercice en cours ou en pause peut se terminer.",
  "exercise.invalidPlan": "L'exercice ne peut pas être planifié tel qu'il est rédigé.",
  "exercise.invalidInject": "L'inject ne peut pas être ajouté tel qu'il est rédigé.",
  "exercise.invalidObservation": "L'observation ne désigne aucun objectif de cet exercice.",
  "exercise.invalidAction": "L'action corrective ne peut pas être ajoutée telle qu'elle est rédigée.",
  "exercise.ownController": "Votre organisation le contrôle déjà.",
  "exercise.noOrganisation": "Aucune organisation de ce nom.",
  "exercise.noScenario": "Aucun scénario de menace de ce nom.",
  "exercise.notPlayer": "Pas un joueur de cet exercice.",
  "exercise.notObjective": "Pas un objectif de cet exercice.",
  "exercise.notParticipant": "Pas une organisation de cet exercice.",
  "exercise.notOwnerMember": "Pas un membre de l'organisation responsable.",
  "exercise.share":
    "Seuls les contrôleurs et les évaluateurs emportent la conception de l'exercice (son paquet et son dossier d'exercice sur table).",
  "exercise.invalidPackage": "Le paquet d'exercice ne peut pas être importé tel quel.",
  "exercise.packageNoOrganisation":
    "Aucune organisation de ce nom ici : faites-la correspondre à l'une des vôtres.",
  "exercise.packageNoAsset": "Cet opérateur n'a pas un tel actif.",
  "exercise.packageNotNamed": "Ce n'est pas une organisation de ce paquet.",
  "exercise.programmeMakers":
    "Seuls les administrateurs et les coordinateurs d'une organisation établissent son programme d'exercices.",
  "exercise.invalidProgramme": "Le programme ne peut pas être établi tel quel.",
  "exercise.notPriority": "Ce n'est pas une priorité de ce programme.",
  "exercise.programmeYear": "Une année du programme.",
  "notFound.assistanceNeed": "Aucun besoin d'assistance portant cet identifiant ne vous est visible.",
  "notFound.assistanceOffer": "Aucune offre d'assistance portant cet identifiant ne vous est visible.",
  "notFound.engagement": "Aucun engagement portant cet identifiant ne vous est visible.",
  "assistance.needsByStates":
    "Les besoins sont enregistrés par les organisations d'un État, non par les organisations internationales.",
  "assistance.workingRoles":
    "Seuls les administrateurs, coordinateurs et analystes enregistrent les besoins et les offres de leur organisation.",
  "assistance.offersByProviders":
    "Les offres sont publiées par les prestataires : organisations internationales, autorités nationales, milieux universitaires, ISAC sectoriels et société civile.",
  "assistance.noSuchMove": "Un engagement ne peut pas passer de son statut actuel à celui-ci.",
  "assistance.whoMoves":
    "L'État accepte ou refuse, le prestataire se retire, et l'une ou l'autre partie clôt un engagement.",
  "assistance.needEditors": "Seule l'organisation qui a enregistré ce besoin le modifie.",
  "assistance.offerEditors": "Seule l'organisation qui a publié cette offre la modifie.",
  "assistance.whoOffersHelp":
    "Seul un prestataire qui peut voir ce besoin ouvert propose son aide, par un administrateur, un coordinateur ou un analyste.",
  "assistance.alreadyOffered": "Votre organisation a déjà proposé son aide pour ce besoin.",
  "assistance.milestones":
    "Seules les parties à l'engagement, par un administrateur, un coordinateur ou un analyste, enregistrent des jalons tant qu'il est ouvert.",
  "assistance.outcome": "Seul l'État choisit les évaluations comparées et consent à partager le résultat.",
  "assistance.noSection": "Cette section n'existe pas dans le cadre de la résolution 2341.",
  "assistance.noQuestion": "Cette question n'existe pas dans le cadre de cette évaluation.",
  "assistance.otherCountry": "Cette action de suivi relève d'un autre pays.",
  "assistance.notYourOffer": "L'offre indiquée n'est pas une offre de votre organisation.",
  "assistance.noRun": "Votre organisation n'a pas d'auto-évaluation portant cet identifiant.",
  "assistance.sameFramework": "Comparez deux évaluations du même cadre.",
  "assistance.window": "La période se termine avant de commencer.",
  "assistance.recipients": "Certains destinataires n'existent pas.",
  "assistance.draftSource": "Indiquez une évaluation et l'une de ses questions, ou une action de suivi.",
  "assistance.matchSide": "Demandez les correspondances d'un seul besoin ou d'une seule offre.",
  "assistance.markingWithAudience": "Modifiez le marquage et l'audience ensemble.",
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
  "sitrep.notApprovedYet":
    "Ce rapport de situation n'est pas encore approuvé : il ne peut donc pas être envoyé.",
  "sitrep.approvedNoEdit": "Ce rapport de situation est déjà approuvé : il ne peut donc plus être modifié.",
  "sitrep.sentNoEdit": "Ce rapport de situation est déjà envoyé : il ne peut donc plus être modifié.",
  "sitrep.approvedNoApprove":
    "Ce rapport de situation est déjà approuvé : il ne peut donc pas être approuvé à nouveau.",
  "sitrep.sentNoApprove": "Ce rapport de situation est déjà envoyé : il ne peut donc plus être approuvé.",
  "sitrep.sentNoSend": "Ce rapport de situation est déjà envoyé : il ne peut donc pas être envoyé à nouveau.",
  "resourceRequest.askedBy":
    "Un coordinateur, un analyste ou un administrateur d'organisation demande des ressources pour son organisation.",
  "resourceRequest.otherOrganisation":
    "Une demande de ressources s'adresse à une autre organisation que la sienne.",
  "resourceRequest.byProvider":
    "Seul un rôle opérationnel de l'organisation fournisseuse fait passer une demande à cet état.",
  "resourceRequest.byRequester":
    "Seul un rôle opérationnel de l'organisation demandeuse fait passer une demande à cet état.",
  // Federation of aggregates (issue 20, item 6).
  "title.hubUnreachable": "Plateforme régionale injoignable",
  "title.hubRefused": "Refus de la plateforme régionale",
  "federation.speakForState":
    "Seuls les administrateurs de l'autorité nationale consentent à l'envoi des agrégats fédérés et les envoient.",
  "federation.managePeers":
    "Seuls les administrateurs de la plateforme enregistrent les installations qui envoient des agrégats à cette plateforme régionale.",
  "federation.readRegional":
    "Seuls les organismes qui appuient les États (administrateurs de la plateforme, coordinateurs des organisations internationales) consultent le tableau régional.",
  "federation.consentInForce":
    "Un consentement est déjà en vigueur : retirez-le avant de consentir à une autre plateforme régionale.",
  "federation.noConsent":
    "Aucun consentement n'est en vigueur : l'autorité nationale doit d'abord enregistrer son consentement à une plateforme régionale.",
  "federation.hubAddress":
    "Indiquez l'adresse de la plateforme régionale sans chemin, paramètres ni identifiants (https://hub.example).",
  "federation.tokenSealed":
    "Le jeton de la plateforme régionale ne peut pas être ouvert avec le secret de cette instance : enregistrez à nouveau le consentement.",
  "federation.unreachable": "La plateforme régionale n'a pas pu être jointe.",
  "federation.answer": "La réponse de la plateforme régionale n'a pas été comprise.",
  "federation.hubRefused": "La plateforme régionale a refusé les agrégats (HTTP {{status}}) : {{detail}}",
  "federation.publicKey": "La clé publique doit être une clé Ed25519 brute de 32 octets en base64url.",
  "federation.keyRegistered": "Une installation avec cette clé publique est déjà enregistrée.",
  "federation.bearer": "L'en-tête Authorization doit être « Bearer <jeton de l'installation> ».",
  "federation.unknownPeer":
    "Cette installation est inconnue de la plateforme régionale, ou son jeton a été révoqué.",
  "federation.signature":
    "La signature ne correspond pas au contenu envoyé et à la clé publique de l'installation.",
  "federation.otherHub": "Le contenu envoyé est adressé à une autre plateforme régionale.",
  "federation.country":
    "Le pays du contenu envoyé n'est pas celui pour lequel l'installation est enregistrée.",
  "federation.stale":
    "Le contenu envoyé est trop ancien, ou daté après l'horloge de la plateforme régionale : envoyez-le à nouveau.",
  "federation.twice": "Une cellule figure deux fois dans le contenu envoyé.",
  "federation.counts": "Une cellule compte moins d'éléments que d'organisations qui la composent.",
  "notFound.federationPeer":
    "Aucune installation avec cet identifiant n'est enregistrée sur cette plateforme régionale.",
  "federation.replayed": "Ce contenu a déjà été reçu.",
  "notFound.implementationProfile": "Aucun profil de mise en œuvre de ce pays ne vous est visible.",
  "implementation.owners": "Seules les autorités nationales de l'État partagent son profil de mise en œuvre.",
  "implementation.sharers":
    "Seuls les administrateurs et coordinateurs d'une autorité nationale partagent le profil de leur État.",
};
