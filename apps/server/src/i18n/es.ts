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
  "notFound.expertProfile": "No hay ningún perfil de experto con este identificador que usted pueda ver.",
  "notFound.framework": "No hay ningún marco con este identificador que usted pueda ver.",
  "notFound.import": "No hay ninguna importación con este identificador que usted pueda ver.",
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
};
