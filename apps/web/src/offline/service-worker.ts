/// <reference types="vite/client" />
// Registers the service worker (src/offline/sw.js, written into the build as /sw.js) in production
// builds only: in development Vite serves files that change all the time, and a worker keeping old
// ones would only confuse.

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const register = () =>
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .catch((error: unknown) => console.warn("The service worker was not registered.", error));
  // After the page's own loading, so that the worker's downloads do not compete with it.
  if (document.readyState === "complete") void register();
  else window.addEventListener("load", () => void register(), { once: true });
}
