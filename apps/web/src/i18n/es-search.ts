// Spanish strings of search everything and of the glossary; es.ts includes them under `search`.
import type { search as englishSearch } from "./en-search.ts";
import type { Translation } from "./translation.ts";
export const search: Translation<typeof englishSearch, "es"> = {
  button: "Buscar",
  title: "Buscar en todo",
  label: "Buscar activos, elementos, fichas, expertos, eventos, evaluaciones",
  placeholder: "Escriba al menos dos caracteres…",
  shortcut: "Ctrl+K",
  tooShort: "Escriba al menos dos caracteres.",
  searching: "Buscando…",
  none: "Nada de lo que puede ver coincide con «{{q}}».",
  count_one: "{{count}} resultado",
  count_many: "{{count}} de resultados",
  count_other: "{{count}} resultados",
  more_one: "{{count}} más",
  more_many: "{{count}} más",
  more_other: "{{count}} más",
  hint: "Flechas para moverse, Intro para abrir, Esc para cerrar.",
  kinds: {
    asset: "Activos",
    "shared-item": "Elementos compartidos",
    "compendium-entry": "Compendio",
    expert: "Expertos",
    event: "Eventos",
    "self-assessment-run": "Autoevaluaciones",
    "risk-assessment": "Evaluaciones de riesgo",
  },
  glossary: {
    open: "Glosario",
    title: "Glosario",
    intro:
      "Los términos que usan las páginas, explicados. Los enlaces subrayados con puntos abren aquí el término.",
    source: "TLP: FIRST, Traffic Light Protocol versión 2.0 (2022).",
    terms: {
      tlp: {
        name: "TLP (protocolo del semáforo)",
        text: "Un conjunto de etiquetas, mantenido por FIRST (versión 2.0 desde agosto de 2022), que indica a los destinatarios hasta dónde pueden transmitir una información. No es un sistema de clasificación. Las etiquetas se mantienen en inglés en todos los idiomas.",
      },
      clear: {
        name: "TLP:CLEAR",
        text: "Sin límite de difusión: los destinatarios pueden transmitirla a cualquiera, respetando los derechos de autor. Sustituye a TLP:WHITE.",
      },
      green: {
        name: "TLP:GREEN",
        text: "Para la comunidad de los destinatarios: pueden compartirla con sus pares y las organizaciones asociadas de su comunidad, pero no por canales de acceso público. En Bulwark: las comunidades a las que se dirige el elemento.",
      },
      amber: {
        name: "TLP:AMBER",
        text: "Difusión limitada: los destinatarios solo pueden compartirla, según la necesidad de conocer, dentro de su organización y con sus clientes, para protegerse o evitar más daños.",
      },
      amberStrict: {
        name: "TLP:AMBER+STRICT",
        text: "Como TLP:AMBER, pero solo dentro de la propia organización del destinatario: no con sus clientes.",
      },
      red: {
        name: "TLP:RED",
        text: "Solo para los destinatarios nombrados, sin más difusión. En Bulwark: solo las personas a las que se dirige el elemento y quien lo aprobó.",
      },
      stix: {
        name: "STIX",
        text: "Structured Threat Information Expression: una norma de OASIS (versión 2.1) para describir información sobre amenazas —indicadores, patrones de ataque, informes— como objetos JSON que otras herramientas pueden leer.",
      },
      taxii: {
        name: "TAXII",
        text: "Trusted Automated Exchange of Intelligence Information: una norma de OASIS (versión 2.1) para intercambiar objetos STIX por HTTPS. Un servidor TAXII ofrece colecciones; un cliente extrae objetos de ellas o los añade.",
      },
      cap: {
        name: "CAP",
        text: "Common Alerting Protocol: una norma de OASIS (versión 1.2), un formato XML para alertas de emergencia y avisos al público, para que un mismo aviso pueda transmitirse a la vez por muchos tipos de redes. Bulwark exporta las alertas en este formato.",
      },
      kOfN: {
        name: "k de n",
        text: "Una regla de redundancia de una dependencia: el activo sigue funcionando mientras al menos k de sus n proveedores de un servicio funcionen. Con 2 de 3, resiste la pérdida de un proveedor, pero no de dos.",
      },
      fourEyes: {
        name: "Cuatro ojos",
        text: "Una segunda persona de la organización debe aprobar un elemento antes de que salga. Una organización puede exigirlo para los elementos AMBER, AMBER+STRICT y RED; nadie aprueba su propio elemento.",
      },
      community: {
        name: "Comunidad",
        text: "Un grupo de organizaciones que comparten entre sí, por ejemplo los operadores de un sector. Los elementos y activos TLP:GREEN llegan a las organizaciones que comparten una comunidad con su propietario.",
      },
      appetite: {
        name: "Apetito de riesgo",
        text: "El nivel de riesgo que una organización está dispuesta a aceptar. Una evaluación cuya puntuación lo supera se señala para su tratamiento.",
      },
    },
  },
};
