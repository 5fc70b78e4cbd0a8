// Spanish strings of the home page (see en-home.ts).
import type { home as english } from "./en-home.ts";
import type { Translation } from "./translation.ts";

export const home: Translation<typeof english, "es"> = {
  needsYou: "Lo que le espera ahora",
  nothingToDo:
    "Sus funciones observan más que actúan: aquí no le espera nada. Puede consultar el registro de auditoría.",
  openAudit: "Abrir el registro de auditoría",
  waiting_one: "{{count}} pendiente",
  waiting_many: "{{count}} pendientes",
  waiting_other: "{{count}} pendientes",
  seeAll_one: "Ver todo ({{count}})",
  seeAll_many: "Ver los {{count}}",
  seeAll_other: "Ver los {{count}}",
  due: "Vence el {{date}}",
  overdueSince: "Vencida desde el {{date}}",
  reportDue: "Próximo informe antes del {{date}}",
  reportOverdue: "Informe vencido desde el {{date}}",
  figuresTitle: "Cifras clave de {{name}}",
  assets: "Activos de su registro",
  risksAboveAppetite: "Riesgos por encima del apetito",
  selfAssessmentScore: "Puntuación de la última autoevaluación",
  noSelfAssessment: "Ninguna enviada todavía",
  gettingStarted: "Primeros pasos",
  gettingStartedIntro:
    "Algunos primeros pasos para su organización. Cada uno se marca solo cuando está hecho.",
  done: "Hecho",
  toDo: "Pendiente",
  steps: {
    assets: "Añadir los activos de su organización",
    colleagues: "Invitar a sus colegas",
    communities: "Unirse a una comunidad",
    "self-assessment": "Enviar una primera autoevaluación",
  },
  sections: {
    incidents: {
      title: "Incidentes abiertos",
      empty:
        "Ningún incidente abierto le concierne. Aquí aparecen los incidentes notificados por su organización o compartidos con ella.",
      action: "Abrir incidentes",
    },
    "incident-tasks": {
      title: "Tareas de incidentes para usted",
      empty: "No hay ninguna tarea de incidente asignada a usted ni a su organización.",
      action: "Abrir incidentes",
    },
    acknowledge: {
      title: "Elementos compartidos por confirmar",
      empty:
        "Nada que confirmar. Aquí aparecen las alertas e informes dirigidos a usted o a su organización.",
      action: "Abrir el canal compartido",
    },
    "approve-sharing": {
      title: "Elementos que esperan su aprobación",
      empty: "Ningún elemento de su organización espera la aprobación de una segunda persona.",
      action: "Abrir la cola de aprobaciones",
    },
    "review-proposals": {
      title: "Propuestas al compendio por revisar",
      empty: "Ninguna propuesta espera revisión.",
      action: "Abrir las propuestas",
    },
    invitations: {
      title: "Invitaciones a comunidades",
      empty:
        "Ninguna invitación espera a su organización. Pida a los moderadores de una comunidad que le inviten.",
      action: "Abrir las comunidades",
    },
    "actions-overdue": {
      title: "Acciones de seguimiento vencidas",
      empty: "Ninguna acción de seguimiento está vencida.",
      action: "Abrir el seguimiento de acciones",
    },
    "actions-coming": {
      title: "Acciones de seguimiento próximas",
      empty: "Ninguna acción de seguimiento vence en las próximas dos semanas.",
      action: "Abrir el seguimiento de acciones",
    },
    "risk-reviews": {
      title: "Revisiones de riesgos pendientes",
      empty:
        "Ninguna evaluación de riesgos de su organización debe revisarse. Evalúe un riesgo para empezar su registro.",
      action: "Abrir el registro de riesgos",
    },
    "self-assessment-drafts": {
      title: "Autoevaluaciones en curso",
      empty:
        "No hay ninguna autoevaluación en curso. Inicie una para medir su organización frente a la resolución 2341.",
      action: "Abrir la autoevaluación",
    },
    questions: {
      title: "Preguntas en su ámbito de especialidad",
      empty:
        "Ninguna pregunta abierta coincide con su especialidad. Mantenga al día los sectores y temas de su perfil de experto para recibir consultas.",
      action: "Abrir la red de expertos",
    },
    "verify-organisations": {
      title: "Organizaciones por verificar",
      empty: "Todas las organizaciones han sido verificadas.",
      action: "Abrir las organizaciones",
    },
  },
};
