// English read by the first screen (sign-in, the shell, the home): loaded with the app. The rest
// (en-later.ts) loads with the first other page; en.ts joins both, the complete set.
import type { OrganisationKind, Role, Sector } from "@bulwark/core";
import { accountLanguage, pagination, pattern } from "./en-account-language.ts";
import { contentTranslation } from "./en-content-translation.ts";
import { home } from "./en-home.ts";
import { live } from "./en-live.ts";
import { dependencyKinds, markings, statuses } from "./en-markings.ts";
import { notifications } from "./en-notifications.ts";
import { search } from "./en-search.ts";

const sectors = {
  "energy-electricity": "Energy – electricity",
  "energy-oil": "Energy – oil",
  "energy-gas": "Energy – gas",
  "energy-hydrogen": "Energy – hydrogen",
  "district-heating": "District heating and cooling",
  nuclear: "Nuclear",
  dams: "Dams",
  "water-drinking": "Drinking water",
  "water-waste": "Waste water",
  "food-agriculture": "Food and agriculture",
  health: "Health",
  chemical: "Chemical",
  "transport-air": "Transport – air",
  "transport-rail": "Transport – rail",
  "transport-water": "Transport – water",
  "transport-road": "Transport – road",
  "transport-public": "Public transport",
  "digital-infrastructure": "Digital infrastructure",
  telecommunications: "Telecommunications",
  space: "Space",
  banking: "Banking",
  "financial-market-infrastructure": "Financial market infrastructure",
  "government-services": "Government services",
  "emergency-services": "Emergency services",
  "defence-industrial-base": "Defence industrial base",
  "critical-manufacturing": "Critical manufacturing",
  "commercial-facilities": "Commercial facilities",
  "public-administration": "Public administration",
} satisfies Record<Sector, string>;

const kinds = {
  "national-authority": "National authority",
  regulator: "Regulator",
  "law-enforcement": "Law enforcement",
  "public-operator": "Public operator",
  "private-operator": "Private operator",
  "sector-isac": "Sector ISAC",
  "international-organisation": "International organisation",
  academia: "Academia",
  "civil-society": "Civil society",
} satisfies Record<OrganisationKind, string>;

const roles = {
  "platform-admin": "Platform administrator",
  "organisation-admin": "Organisation administrator",
  coordinator: "Coordinator",
  analyst: "Analyst",
  member: "Member",
  auditor: "Auditor",
} satisfies Record<Role, string>;

/** What the first screen (sign-in, the shell and its drawers, the home) reads: it comes with the app. */
export const enFirstScreen = {
  app: {
    name: "Bulwark",
    tagline: "Protecting critical infrastructure against terrorist attacks",
    loading: "Loading Bulwark…",
    unavailable: "Bulwark could not load your session.",
  },
  common: {
    save: "Save",
    cancel: "Cancel",
    create: "Create",
    edit: "Edit",
    delete: "Delete",
    remove: "Remove",
    close: "Close",
    copy: "Copy",
    copied: "Copied",
    search: "Search",
    retry: "Try again",
    actions: "Actions",
    yes: "Yes",
    no: "No",
    never: "Never",
    none: "None",
    open: "Open",
    revoke: "Revoke",
    signOut: "Sign out",
    language: "Language",
    range: "{{from}}–{{to}} of {{total}}",
    showOnce: "Shown this once: copy it now. It cannot be displayed again.",
    done: "Done",
    optional: "Optional",
    required: "Required.",
  },
  errors: {
    network: "The server could not be reached. Check the connection and try again.",
    generic: "Something went wrong",
    notAllowed: "You are not allowed to do this.",
    crash: "This page could not be displayed. Go back to the overview or try again.",
    unavailable: "The service is briefly unavailable. Please try again in a moment.",
    storageFull:
      "Nothing can be saved at the moment: the server's storage is full. Please tell your administrator.",
  },
  nav: {
    open: "Open navigation",
    label: "Main navigation",
    overview: "Overview",
    administration: "Administration",
    organisations: "Organisations",
    people: "People",
    communities: "Communities",
    audit: "Audit trail",
    account: "Account",
    myAccount: "My account",
    planned: "planned",
    plannedSection: "Capabilities to come",
    infrastructure: "Infrastructure",
    assets: "Asset registry",
    analysis: "Analysis",
    risk: "Risk",
    sharing: "Sharing",
    incidents: "Incidents",
    compendium: "Compendium",
    selfAssessment: "Self-assessment",
  },
  signIn: {
    title: "Sign in",
    subtitle: "Use the account your organisation's administrator gave you.",
    email: "Email",
    password: "Password",
    code: "Six-digit code",
    codeHint:
      "Two-factor sign-in is on for this account: enter the current code from your authenticator app.",
    submit: "Sign in",
    failed: "Sign-in failed",
    missing: "Enter your email and password.",
    codeFormat: "A code is six digits.",
    resolution: "UN Security Council resolution 2341 (2017)",
  },
  overview: {
    welcome: "Welcome, {{name}}",
  },
  // Of these capabilities' words, the few the first screen shows (the menu, the offline frame):
  // the same as in their own files (en-later.ts), which first-screen.test.ts checks; the rest of
  // each loads with the first other page.
  assistance: { nav: "Technical assistance" },
  compendium: {
    navSection: "Knowledge",
    offline: {
      badge: "Offline",
      frame:
        "No network: the compendium's CLEAR entries saved on this device. Everything else needs a connection.",
      reconnect: "Try again",
    },
  },
  experts: { navSection: "Expert network" },
  events: { nav: "Events" },
  exercises: { nav: "Exercises" },
  notifications,
  home,
  accountLanguage,
  pagination,
  pattern,
  search,
  live,
  contentTranslation,
  sectors,
  kinds,
  roles,
  markings,
  statuses,
  dependencyKinds,
};
