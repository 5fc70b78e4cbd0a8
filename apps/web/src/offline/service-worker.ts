/// <reference types="vite/client" />
// Registers the service worker (src/offline/sw.js, written into the build as /sw.js) in production
// builds only: in development Vite serves files that change all the time, and a worker keeping old
// ones would only confuse.
import { whenSettled } from "../app/settled.ts";

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const register = () =>
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .catch((error: unknown) => console.warn("The service worker was not registered.", error));
  // Once the page has settled, so that the worker's downloads (the app's files for offline use,
  // about 650 kB) do not compete with what the reader opened.
  void whenSettled().then(register);
}
