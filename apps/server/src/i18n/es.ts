import type { Catalogue } from "./en.ts";

export const es: Catalogue = {
  "title.notSignedIn": "Sin sesión iniciada",
  "title.notAllowed": "No permitido",
  "title.notFound": "No encontrado",
  "title.conflict": "Conflicto",
  "title.invalid": "Datos no válidos",
  "title.tooLarge": "Demasiado grande",
  "title.unexpected": "Error inesperado",
  "title.unavailable": "Servicio no disponible",
  "title.signInFailed": "Inicio de sesión fallido",
  "title.codeRequired": "Código obligatorio",
  "title.throttled": "Demasiados intentos fallidos",
  "title.locked": "Demasiados inicios de sesión fallidos",
  "title.removed": "Eliminado",
  "title.badRequest": "Solicitud incorrecta",

  "detail.signIn": "Inicie sesión o envíe un token de API.",
  "detail.sessionEnded": "Su sesión ha terminado: vuelva a iniciar sesión.",
  "detail.bearer": "El encabezado Authorization debe tener la forma «Bearer <token de API>».",
  "detail.tokenUnknown": "Este token de API es desconocido, está revocado o ha caducado.",
  "detail.csrf":
    "Falta el encabezado X-CSRF-Token o es incorrecto (envíe el csrfToken de /api/me con cada escritura).",
  "detail.tokenNeedsSession":
    "Los tokens de API no pueden gestionar tokens, el inicio de sesión en dos pasos, contraseñas ni sesiones: inicie sesión para hacerlo.",
  "detail.tokenScope": "A este token de API le falta el ámbito «{{scope}}» (tiene: {{scopes}}).",
  "detail.wrongCredentials": "Correo electrónico o contraseña incorrectos.",
  "detail.codeRequired": "Introduzca el código de seis cifras de su aplicación de autenticación.",
  "detail.wrongPassword": "La contraseña actual es incorrecta.",
  "detail.totpAlreadyOn":
    "El inicio de sesión en dos pasos ya está activado: desactívelo primero para configurar un nuevo dispositivo.",
  "detail.totpNotStarted": "Inicie primero la configuración (POST /api/me/totp).",
  "detail.totpNotOn": "El inicio de sesión en dos pasos no está activado.",
  "detail.wrongCode": "Código incorrecto o caducado.",
  "detail.sixDigits": "Un código tiene seis cifras.",
  "detail.throttled":
    "Demasiados inicios de sesión o tokens de API fallidos desde su dirección: vuelva a intentarlo dentro de {{duration}}.",
  "detail.locked":
    "Esta cuenta está bloqueada tras fallos repetidos: vuelva a intentarlo dentro de {{duration}}.",
  "detail.demoNotLoaded": "El país de demostración no está cargado aquí.",
  "detail.purged":
    "Este archivo contenía datos personales; se eliminó al vencer el plazo de conservación de este tipo de elemento.",
  "detail.dependents": "Otros registros todavía dependen de este.",
  "detail.unique": "Ya existe un elemento con el mismo valor de {{fields}}.",
  "detail.taken": "Ya está en uso.",
  "detail.tooLarge": "Este punto de acceso acepta como máximo {{size}}.",
  "detail.unexpected": "El error quedó registrado; vuelva a intentarlo.",
  "detail.noRoute": "No existe la ruta {{method}} {{path}}.",
  "detail.databaseUnreachable": "No se puede acceder a la base de datos. Vuelva a intentarlo en breve.",
  "detail.databaseSlow":
    "La base de datos está demasiado ocupada para responder a tiempo. Vuelva a intentarlo en breve.",
  "detail.databaseDiskFull":
    "El disco de la base de datos está lleno: no se puede guardar nada hasta que se libere espacio.",

  // The investigation log and lessons of incidents (issue 18).
  "detail.evidenceRecord": "Solo las fuerzas del orden registran las pruebas y su custodia.",
  "detail.evidenceShare":
    "Solo las fuerzas del orden eligen con quién se comparte el registro de la investigación.",
  "detail.handOverOrder": "Una entrega no puede ser anterior a la entrega previa.",
  "detail.beforeHandOver": "Anterior a la entrega previa.",
  "detail.futureTimes": "Las horas indicadas no pueden estar en el futuro.",
  "detail.inFuture": "Esta hora está en el futuro.",
  "detail.noSuchOrganisations": "Algunas organizaciones no existen.",
  "detail.noSuchOrganisation": "Esta organización no existe.",
  "detail.sha256": "Un SHA-256 consta de 64 dígitos hexadecimales.",
  "detail.eachOrganisationOnce": "Nombre cada organización una sola vez.",
  "detail.reviewWhenClosed": "La revisión posterior a la acción se redacta una vez cerrado el incidente.",
  "detail.reviewWriters":
    "Solo la autoridad o el operador que notificó redactan la revisión posterior a la acción.",
  "detail.reviewExists": "El incidente ya tiene su revisión posterior a la acción.",
  "detail.actionOwners": "Algunas acciones se asignan a organizaciones ajenas al incidente.",
  "detail.actionOwner": "Asigne las acciones a su organización o a una que el incidente afecte.",
  "detail.actionProgress":
    "Solo la autoridad o la organización responsable de la acción hacen avanzar una acción de seguimiento.",

  "notFound.any": "No hay ningún elemento con este identificador que usted pueda ver.",
  "notFound.account": "No hay ninguna cuenta con este identificador que usted pueda ver.",
  "notFound.action": "No hay ninguna acción con este identificador que usted pueda ver.",
  "notFound.alert": "No hay ninguna alerta con este identificador que usted pueda ver.",
  "notFound.answer": "No hay ninguna respuesta con este identificador que usted pueda ver.",
  "notFound.asset": "No hay ningún activo con este identificador que usted pueda ver.",
  "notFound.attachment": "No hay ningún archivo adjunto con este identificador que usted pueda ver.",
  "notFound.collection": "No hay ninguna colección con este identificador que usted pueda ver.",
  "notFound.comment": "No hay ningún comentario con este identificador que usted pueda ver.",
  "notFound.community": "No hay ninguna comunidad con este identificador que usted pueda ver.",
  "notFound.dependency": "No hay ninguna dependencia con este identificador que usted pueda ver.",
  "notFound.entry": "No hay ninguna ficha con este identificador que usted pueda ver.",
  "notFound.event": "No hay ningún evento con este identificador que usted pueda ver.",
  "notFound.evidence": "No hay ninguna prueba con este identificador que usted pueda ver.",
  "notFound.expertProfile": "No hay ningún perfil de experto con este identificador que usted pueda ver.",
  "notFound.framework": "No hay ningún marco con este identificador que usted pueda ver.",
  "notFound.import": "No hay ninguna importación con este identificador que usted pueda ver.",
  "notFound.investigationLog":
    "No hay ningún registro de investigación con este identificador que usted pueda ver.",
  "notFound.invitation": "No hay ninguna invitación con este identificador que usted pueda ver.",
  "notFound.material": "No hay ningún material con este identificador que usted pueda ver.",
  "notFound.memberOrganisation":
    "No hay ninguna organización miembro con este identificador que usted pueda ver.",
  "notFound.notification": "No hay ninguna notificación con este identificador que usted pueda ver.",
  "notFound.organisation": "No hay ninguna organización con este identificador que usted pueda ver.",
  "notFound.outcome": "No hay ningún resultado con este identificador que usted pueda ver.",
  "notFound.participant": "No hay ningún participante con este identificador que usted pueda ver.",
  "notFound.post": "No hay ninguna publicación con este identificador que usted pueda ver.",
  "notFound.proposal": "No hay ninguna propuesta con este identificador que usted pueda ver.",
  "notFound.question": "No hay ninguna pregunta con este identificador que usted pueda ver.",
  "notFound.riskAssessment":
    "No hay ninguna evaluación de riesgos con este identificador que usted pueda ver.",
  "notFound.selfAssessmentRun": "No hay ninguna autoevaluación con este identificador que usted pueda ver.",
  "notFound.session": "No hay ninguna sesión con este identificador que usted pueda ver.",
  "notFound.sharedItem": "No hay ningún elemento compartido con este identificador que usted pueda ver.",
  "notFound.stixObject": "No hay ningún objeto STIX con este identificador que usted pueda ver.",
  "notFound.taxiiSubscription":
    "No hay ninguna suscripción TAXII con este identificador que usted pueda ver.",
  "notFound.threatScenario": "No hay ningún escenario de amenaza con este identificador que usted pueda ver.",
  "notFound.token": "No tiene ningún token de API activo con este identificador.",
  "notFound.version": "No hay ninguna versión con este identificador que usted pueda ver.",

  // The incident board and points of contact (issue 18).
  "notFound.task": "No hay ninguna tarea con este identificador que usted pueda ver.",
  "board.closed": "El incidente está cerrado.",
  "board.rolesCannotWrite": "Sus funciones no le permiten escribir en el tablero del incidente.",
  "board.redNeedsPeople": "Indique al menos una persona que reciba una entrada TLP:RED.",
  "board.onlyRedNamesPeople": "Solo las entradas TLP:RED designan a personas.",
  "board.onlyAssigners":
    "Solo los coordinadores de la organización del incidente o de la autoridad asignan tareas.",
  "board.onlyAssignersOrAssignee":
    "Solo los coordinadores del incidente y el responsable de la tarea la actualizan.",
  "board.onlyAssignersEdit":
    "Solo los coordinadores del incidente cambian el título, el plazo o el responsable de una tarea.",
  "board.taskFinal": "La tarea está terminada o cancelada.",
  "board.onlyAssignersCancel": "Solo los coordinadores del incidente cancelan una tarea.",
  "board.assigneeUnseen": "El responsable no ve este incidente.",
  "board.unknownRecipients": "Algunos destinatarios no existen.",
  "board.eitherAssignee": "Indique una organización o una persona.",
  "board.changeSomething": "Cambie al menos un dato.",
  "board.phone": "Un número de teléfono: cifras, espacios, + ( ) . / -.",
  "contacts.onlyAdmins": "Solo los administradores de una organización mantienen sus puntos de contacto.",
  "notFound.exercise": "No tiene acceso a ningún ejercicio con este identificador.",
  "notFound.inject": "No tiene acceso a ningún inject con este identificador.",
  "notFound.observation": "No tiene acceso a ninguna observación con este identificador.",
  "exercise.planners": "Solo los administradores y coordinadores de una organización planifican ejercicios.",
  "exercise.controllers":
    "Solo los coordinadores y administradores de una organización controladora dirigen este ejercicio.",
  "exercise.completed": "El ejercicio ha concluido: su lista maestra de eventos (MSEL) ya no cambia.",
  "exercise.evaluation": "Solo los controladores y evaluadores leen la evaluación del ejercicio.",
  "exercise.observers": "Solo los evaluadores y controladores registran observaciones.",
  "exercise.notStarted": "El ejercicio no ha comenzado: todavía no hay nada que observar.",
  "exercise.clockStart": "Solo se inicia un ejercicio en planificación.",
  "exercise.clockPause": "Solo se pausa un ejercicio en curso.",
  "exercise.clockPauseSpeed": "La pausa no admite velocidad.",
  "exercise.clockResume": "Solo se reanuda un ejercicio en pausa (uno en curso cambia así de velocidad).",
  "exercise.clockEnd": "Solo termina un ejercicio en curso o en pausa.",
  "exercise.invalidPlan": "El ejercicio no puede planificarse tal como está redactado.",
  "exercise.invalidInject": "El inject no puede añadirse tal como está redactado.",
  "exercise.invalidObservation": "La observación no indica ningún objetivo de este ejercicio.",
  "exercise.invalidAction": "La acción correctiva no puede añadirse tal como está redactada.",
  "exercise.ownController": "Su organización ya lo controla.",
  "exercise.noOrganisation": "No existe esa organización.",
  "exercise.noScenario": "No existe ese escenario de amenaza.",
  "exercise.notPlayer": "No es jugador de este ejercicio.",
  "exercise.notObjective": "No es un objetivo de este ejercicio.",
  "exercise.notParticipant": "No es una organización de este ejercicio.",
  "exercise.notOwnerMember": "No es miembro de la organización responsable.",
  "notFound.assistanceNeed":
    "No hay ninguna necesidad de asistencia con este identificador que usted pueda ver.",
  "notFound.assistanceOffer":
    "No hay ninguna oferta de asistencia con este identificador que usted pueda ver.",
  "notFound.engagement": "No hay ningún compromiso de asistencia con este identificador que usted pueda ver.",
  "assistance.needsByStates":
    "Las necesidades las registran las organizaciones de un Estado, no las organizaciones internacionales.",
  "assistance.workingRoles":
    "Solo los administradores, coordinadores y analistas registran las necesidades y ofertas de su organización.",
  "assistance.offersByProviders":
    "Las ofertas las publican los proveedores: organizaciones internacionales, autoridades nacionales, el mundo académico, los ISAC sectoriales y la sociedad civil.",
  "assistance.noSuchMove": "Un compromiso de asistencia no puede pasar de su estado actual a ese.",
  "assistance.whoMoves":
    "El Estado acepta o rechaza, el proveedor se retira y cualquiera de las partes completa un compromiso.",
  "assistance.needEditors": "Solo la organización que registró esta necesidad puede modificarla.",
  "assistance.offerEditors": "Solo la organización que publicó esta oferta puede modificarla.",
  "assistance.whoOffersHelp":
    "Solo un proveedor que puede ver esta necesidad abierta ofrece ayuda, a través de un administrador, coordinador o analista.",
  "assistance.alreadyOffered": "Su organización ya ha ofrecido ayuda para esta necesidad.",
  "assistance.milestones":
    "Solo las partes del compromiso, a través de un administrador, coordinador o analista, registran hitos mientras está abierto.",
  "assistance.outcome":
    "Solo el Estado elige las evaluaciones comparadas y consiente en compartir el resultado.",
  "assistance.noSection": "Esa sección no existe en el marco de la resolución 2341.",
  "assistance.noQuestion": "Esa pregunta no existe en el marco de esta evaluación.",
  "assistance.otherCountry": "Esta acción de seguimiento pertenece a otro país.",
  "assistance.notYourOffer": "La oferta indicada no es de su organización.",
  "assistance.noRun": "Su organización no tiene ninguna autoevaluación con ese identificador.",
  "assistance.sameFramework": "Compare dos evaluaciones del mismo marco.",
  "assistance.window": "El período termina antes de empezar.",
  "assistance.recipients": "Algunos destinatarios no existen.",
  "assistance.draftSource": "Indique una evaluación y una de sus preguntas, o una acción de seguimiento.",
  "assistance.matchSide": "Pida las coincidencias de una sola necesidad o de una sola oferta.",
  "assistance.markingWithAudience": "Cambie la marca y la audiencia a la vez.",
  // Situation reports and resource requests (issue 18).
  "notFound.resourceRequest": "No tiene a la vista ninguna solicitud de recursos con este identificador.",
  "notFound.sitrep": "No tiene a la vista ningún informe de situación con este identificador.",
  "sitrep.draftedBy":
    "Solo la autoridad o el operador notificante de un incidente redactan sus informes de situación.",
  "sitrep.editedBy": "Solo el autor modifica un informe de situación, mientras es un borrador.",
  "sitrep.notByAuthor": "Una segunda persona aprueba un informe de situación, nunca su autor.",
  "sitrep.approvedBy":
    "Un colega del autor con una función operativa, que trabaja en el incidente, aprueba un informe de situación.",
  "sitrep.sentBy": "Solo el autor o quien lo aprobó envían un informe de situación aprobado.",
  "resourceRequest.askedBy":
    "Un coordinador, un analista o un administrador de la organización solicita recursos para su organización.",
  "resourceRequest.otherOrganisation":
    "Una solicitud de recursos se dirige a una organización distinta de la propia.",
  "resourceRequest.byProvider":
    "Solo una función operativa de la organización proveedora pasa una solicitud a este estado.",
  "resourceRequest.byRequester":
    "Solo una función operativa de la organización solicitante pasa una solicitud a este estado.",
  // The PDF reports' own words (issue 15).
  "pdf.notAnswered": "sin respuesta",
  "pdf.appetiteLine":
    "Línea de apetito: las casillas que la superan están por encima del apetito de riesgo de la organización.",
};
