// Spanish strings of notifications (see en-notifications.ts).
import type { notifications as english } from "./en-notifications.ts";
import type { Translation } from "./translation.ts";

export const notifications: Translation<typeof english, "es"> = {
  bell: "Notificaciones",
  unread_one: "{{count}} notificación sin leer",
  unread_many: "{{count}} de notificaciones sin leer",
  unread_other: "{{count}} notificaciones sin leer",
  markAll: "Marcar todo como leído",
  reply: "{{name}} respondió en {{title}}",
  answer: "{{name}} respondió a su pregunta {{title}}",
  someone: "Alguien",
  empty:
    "Nada nuevo. Aquí se le avisa de los elementos dirigidos a usted, las aprobaciones y confirmaciones pendientes, las acciones de seguimiento y revisiones de riesgos que vencen, y las respuestas que recibe.",
  "item-new": "Nuevo para usted: {{title}}",
  "approval-request": "Espera su aprobación: {{title}}",
  "approval-reminder": "Sigue esperando su aprobación: {{title}}",
  "acknowledgement-reminder": "Confirme la recepción: {{title}}",
  "action-overdue": "Acción de seguimiento atrasada: {{title}}",
  "action-due": "Acción de seguimiento que vence pronto: {{title}}",
  "review-due": "Evaluación de riesgos pendiente de revisión: {{title}}",
  "proposal-review": "Propuesta pendiente de su revisión: {{title}}",
  invitation: "Su organización está invitada a {{title}}",
  "sitrep-due": "Informe de situación pendiente en breve: {{title}}",
  "sitrep-overdue": "Informe de situación atrasado: {{title}}",
  "task-assigned": "Tarea de incidente asignada a usted: {{title}}",
  settings: {
    title: "Notificaciones",
    intro:
      "Elija cómo recibir cada tipo de aviso. Un correo nunca contiene nada por encima de TLP:GREEN: para un elemento AMBER o RED solo indica que algo le espera, con un enlace.",
    noEmail:
      "Esta instalación no envía correos: las opciones por correo surtirán efecto cuando un administrador configure un servidor de correo.",
    language: "Idioma de sus correos",
    save: "Guardar",
    saved: "Su configuración de notificaciones se ha guardado.",
    topics: {
      "shared-items": "Elementos compartidos dirigidos a usted o a su organización",
      approvals: "Solicitudes de aprobación",
      acknowledgements: "Recordatorios de confirmación",
      actions: "Acciones de seguimiento que vencen o están atrasadas",
      reviews: "Revisiones de riesgos pendientes",
      discussions: "Respuestas",
      incidents: "Incidentes: tareas asignadas a usted, informes de situación pendientes",
    },
    deliveries: {
      app: "En la aplicación",
      email: "Correo inmediato",
      digest: "Resumen diario por correo",
      off: "Desactivado",
    },
  },
};
