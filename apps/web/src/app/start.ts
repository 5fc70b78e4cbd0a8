// What the app asks for the moment its code runs, before React draws anything (main.tsx imports this
// first): who is signed in and, when the address is a page loaded on demand, that page's code, what
// every such page needs (every-page.ts) and the endpoint table its first call needs, all in parallel.
// Otherwise each waits for the one before: the app's code, then who is signed in, then the frame
// drawn, then the page's code and strings, then the endpoint table, then the page's data.
import { preloadEndpointTable } from "./api.ts";
import { prefetchMe } from "./auth.tsx";
import { forEveryPage } from "./every-page.ts";
import { pageCodeAt } from "./page-code.ts";

function startEarly(pathname: string): void {
  // The sign-in page asks nothing of the server before the visitor does.
  if (pathname === "/sign-in") return;
  prefetchMe();
  const code = pageCodeAt(pathname);
  if (!code) return;
  // Failures show where these are awaited (the page's Suspense boundary, the call that needs the
  // table), which load them again or show the route's error.
  code().catch(() => undefined);
  forEveryPage().catch(() => undefined);
  preloadEndpointTable();
}

startEarly(window.location.pathname);
