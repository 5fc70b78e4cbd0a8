// Configuration is read once, here, from the environment; nothing else reads process.env.
import { resolve } from "node:path";
import { type DatabaseTimeouts, DEFAULT_TIMEOUTS } from "@bulwark/db";
import { ipFamily } from "./outbound/address.ts";
import type { AllowedHost } from "./outbound/outbound-fetch.ts";

export interface Config {
  readonly port: number;
  readonly host: string;
  /** PostgreSQL connection URL; null means embedded PGlite in dataDir. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  /** Password of every demo account; null means generate one when the demo is loaded. */
  readonly demoPassword: string | null;
  /** Send cookies with Secure (set BULWARK_SECURE_COOKIES=true behind HTTPS). */
  readonly secureCookies: boolean;
  readonly logLevel: string;
  /** Hours a session lives without use. */
  readonly sessionHours: number;
  /** Days a session lives at most, however much it is used (BULWARK_SESSION_MAX_DAYS). */
  readonly sessionMaxDays: number;
  /**
   * The address people reach this installation at (https://bulwark.example.gov), for links that
   * leave it (CAP, the Atom feed, TAXII discovery) and the CAP sender. Null: links name this
   * server's own listening address (linkOrigin), never a request's Host header.
   */
  readonly publicUrl: string | null;
  /**
   * Reverse proxies whose X-Forwarded-For, -Proto and -Host are believed (BULWARK_TRUSTED_PROXIES:
   * addresses, CIDR ranges, or loopback / linklocal / uniquelocal). Empty: none, so the client
   * address is the connection's and no forwarded header counts.
   */
  readonly trustedProxies: readonly string[];
  /** Minutes between two runs of the scheduled personal-data purge (retention). */
  readonly purgeIntervalMinutes: number;
  /**
   * The instance's secret (BULWARK_SECRET), from which keys for secrets kept in the database derive
   * (a TAXII subscription's credentials). Null: read from, or created in, dataDir/secret.key at
   * start. Never stored in the database, so backups do not hold it.
   */
  readonly secret: string | null;
  /** Seconds between looks for TAXII subscriptions due a pull; 0 turns the scheduler off. */
  readonly taxiiPollSeconds: number;
  /**
   * Hosts on loopback, private or link-local addresses the server may still reach when a user
   * names them (BULWARK_OUTBOUND_ALLOW="taxii.internal:8443,10.0.0.5"); every other such address
   * is refused (outbound/outbound-fetch.ts).
   */
  readonly outboundAllow: readonly AllowedHost[];
  /**
   * How long to wait for PostgreSQL (BULWARK_DB_*_MS): to connect or get a free connection, for an
   * answer before asking whether the server is alive, for one statement, and for a transaction
   * left idle. A database that does not answer costs a request at most about 2 × answerMs.
   */
  readonly databaseTimeouts: DatabaseTimeouts;
  /**
   * The SMTP server notifications are mailed through (BULWARK_SMTP_URL: smtp://user:pass@host:587
   * or smtps://host:465). Null: no e-mail; notifications stay in the app. The operator names this
   * host, never a user, so it is not held to the outbound guard (a mail relay on a private address
   * is usual); nothing a user types decides where mail goes but their own account's address.
   */
  readonly smtpUrl: string | null;
  /** The From of every e-mail (BULWARK_MAIL_FROM: an address, optionally "Name <address>"). */
  readonly mailFrom: string;
  /**
   * The federation's anonymity rule (BULWARK_FEDERATION_K, 3 to 1000, default 5): a national
   * installation sends, and a hub keeps, only cells behind at least this many organisations.
   */
  readonly federationK: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

function integer(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${value}").`);
  return parsed;
}

function smtpAddress(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError("BULWARK_SMTP_URL must be an smtp:// or smtps:// address.");
  }
  // The value may hold a password: never echoed in the error.
  if ((url.protocol !== "smtp:" && url.protocol !== "smtps:") || !url.hostname || url.pathname.length > 1)
    throw new ConfigError(
      "BULWARK_SMTP_URL must be an smtp:// or smtps:// address (smtp://user:password@host:port).",
    );
  return value;
}

const MAILBOX = /^[^\s@<>]+@[^\s@<>]+\.?[^\s@<>]*$/;

function mailFrom(value: string | undefined): string {
  if (!value) return "Bulwark <bulwark@localhost>";
  const address = /<([^<>]+)>\s*$/.exec(value)?.[1] ?? value;
  if (!MAILBOX.test(address.trim()) || /[\r\n]/.test(value))
    throw new ConfigError(
      `BULWARK_MAIL_FROM must be an e-mail address or "Name <address>" (got "${value}").`,
    );
  return value.trim();
}

function publicAddress(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`BULWARK_PUBLIC_URL must be an http(s) address (got "${value}").`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new ConfigError(`BULWARK_PUBLIC_URL must be an http(s) address (got "${value}").`);
  return url.origin;
}

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function proxyList(value: string | undefined): string[] {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (const entry of entries) {
    const [address, bits, extra] = entry.split("/");
    const family = ipFamily(address ?? "");
    const maxBits = family === 4 ? 32 : 128;
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (!PROXY_NAMES.has(entry) && (family === 0 || !okBits || extra !== undefined))
      throw new ConfigError(
        `BULWARK_TRUSTED_PROXIES must list IP addresses, CIDR ranges or loopback/linklocal/uniquelocal, separated by commas (got "${entry}").`,
      );
  }
  return entries;
}

/**
 * Where links point: the configured public address, else this server's own listening address
 * (`port`: the port it actually listens on, when that differs from the configured one). A wildcard
 * or loopback listening address is written `localhost`. Never from a request header.
 */
export function linkOrigin(config: Pick<Config, "publicUrl" | "host" | "port">, port = config.port): string {
  if (config.publicUrl) return config.publicUrl;
  const local = ["0.0.0.0", "::", "127.0.0.1", "::1", "localhost", ""].includes(config.host);
  const host = local ? "localhost" : config.host.includes(":") ? `[${config.host}]` : config.host;
  return `http://${host}:${port}`;
}

/** "host", "host:port", "[v6]" or "[v6]:port", comma-separated; host names as URLs write them. */
function allowList(value: string | undefined): AllowedHost[] {
  if (!value?.trim()) return [];
  return value.split(",").map((raw) => {
    const entry = raw.trim();
    const wrong = () =>
      new ConfigError(
        `BULWARK_OUTBOUND_ALLOW takes host or host:port entries separated by commas (got "${entry}").`,
      );
    let url: URL;
    try {
      url = new URL(`http://${entry}`);
    } catch {
      throw wrong();
    }
    // Anything beyond a host and a port (a path, credentials, a query) is a mistake.
    if (!entry || url.username || url.password || url.pathname !== "/" || url.search || url.hash)
      throw wrong();
    const port = /:(\d+)$/.exec(entry)?.[1];
    return { host: url.hostname.toLowerCase(), port: port === undefined ? null : Number(port) };
  });
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const demoPassword = env.BULWARK_DEMO_PASSWORD || null;
  if (demoPassword !== null && demoPassword.length < 8)
    throw new ConfigError("BULWARK_DEMO_PASSWORD must have at least 8 characters.");
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError("DATABASE_URL must be a postgres:// or postgresql:// URL.");
  const publicUrl = env.BULWARK_PUBLIC_URL ? publicAddress(env.BULWARK_PUBLIC_URL) : null;
  const secret = env.BULWARK_SECRET || null;
  if (secret !== null && secret.length < 32)
    throw new ConfigError("BULWARK_SECRET must have at least 32 characters (e.g. openssl rand -hex 32).");
  return {
    port: integer("PORT", env.PORT, 8080, 0, 65535),
    host: env.HOST || "127.0.0.1",
    databaseUrl,
    dataDir: resolve(env.BULWARK_DATA || "data"),
    demoPassword,
    secureCookies: env.BULWARK_SECURE_COOKIES === "true",
    logLevel: env.LOG_LEVEL || "info",
    sessionHours: integer("BULWARK_SESSION_HOURS", env.BULWARK_SESSION_HOURS, 12, 1, 24 * 30),
    sessionMaxDays: integer("BULWARK_SESSION_MAX_DAYS", env.BULWARK_SESSION_MAX_DAYS, 7, 1, 90),
    publicUrl,
    trustedProxies: proxyList(env.BULWARK_TRUSTED_PROXIES),
    purgeIntervalMinutes: integer(
      "BULWARK_PURGE_INTERVAL_MINUTES",
      env.BULWARK_PURGE_INTERVAL_MINUTES,
      60,
      1,
      7 * 24 * 60,
    ),
    secret,
    taxiiPollSeconds: integer("BULWARK_TAXII_POLL_SECONDS", env.BULWARK_TAXII_POLL_SECONDS, 60, 0, 3600),
    outboundAllow: allowList(env.BULWARK_OUTBOUND_ALLOW),
    smtpUrl: env.BULWARK_SMTP_URL ? smtpAddress(env.BULWARK_SMTP_URL) : null,
    mailFrom: mailFrom(env.BULWARK_MAIL_FROM),
    federationK: integer("BULWARK_FEDERATION_K", env.BULWARK_FEDERATION_K, 5, 3, 1000),
    databaseTimeouts: {
      connectMs: integer(
        "BULWARK_DB_CONNECT_TIMEOUT_MS",
        env.BULWARK_DB_CONNECT_TIMEOUT_MS,
        DEFAULT_TIMEOUTS.connectMs,
        100,
        600_000,
      ),
      answerMs: integer(
        "BULWARK_DB_ANSWER_TIMEOUT_MS",
        env.BULWARK_DB_ANSWER_TIMEOUT_MS,
        DEFAULT_TIMEOUTS.answerMs,
        100,
        600_000,
      ),
      statementMs: integer(
        "BULWARK_DB_STATEMENT_TIMEOUT_MS",
        env.BULWARK_DB_STATEMENT_TIMEOUT_MS,
        DEFAULT_TIMEOUTS.statementMs,
        0,
        86_400_000,
      ),
      idleInTransactionMs: integer(
        "BULWARK_DB_IDLE_TRANSACTION_TIMEOUT_MS",
        env.BULWARK_DB_IDLE_TRANSACTION_TIMEOUT_MS,
        DEFAULT_TIMEOUTS.idleInTransactionMs,
        0,
        86_400_000,
      ),
    },
  };
}
