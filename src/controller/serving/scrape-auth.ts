// Who may read /metrics, decided by the API server as controller-runtime's
// filters.WithAuthenticationAndAuthorization does: the request's bearer token goes into a TokenReview,
// and the user it names into a SubjectAccessReview for the non-resource URL and the request's verb
// (`get /metrics`, which the chart's metrics-reader ClusterRole grants). Decisions are cached with
// controller-runtime's TTLs, so a scrape every 30 s costs the API server no request at all most of
// the time: an authentication for a minute, an allow for five, a deny for 30 s. Failures to ask are
// never cached.
import { createHash } from "node:crypto";
import type { Clock } from "../runtime/clock.js";
import { TtlCache } from "./ttl-cache.js";

/** authentication.k8s.io/v1 UserInfo. */
export interface UserInfo {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface TokenReviewResult {
  authenticated: boolean;
  user?: UserInfo;
  /** Why authentication failed, as the API server says it. */
  error?: string;
}

export interface AccessReviewResult {
  allowed: boolean;
  reason?: string;
}

/** The two reviews, asked of the API server; rejects when it could not be asked. */
export interface Reviewer {
  tokenReview(token: string): Promise<TokenReviewResult>;
  subjectAccessReview(user: UserInfo, nonResource: { path: string; verb: string }): Promise<AccessReviewResult>;
}

/** What to answer: 200 lets the request through. */
export interface ScrapeDecision {
  code: 200 | 401 | 403 | 500;
  message: string;
  /** The failure behind a 500. */
  cause?: unknown;
}

export const SCRAPE_AUTH_CACHE = {
  authenticatedTtlMs: 60_000,
  allowTtlMs: 5 * 60_000,
  denyTtlMs: 30_000,
  maxEntries: 1024,
} as const;

/** The token of an `Authorization: Bearer TOKEN` header; undefined without one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

export class ScrapeAuthorizer {
  private readonly tokens: TtlCache<TokenReviewResult>;
  private readonly access: TtlCache<AccessReviewResult>;

  constructor(
    private readonly reviewer: Reviewer,
    clock: Pick<Clock, "now">,
  ) {
    this.tokens = new TtlCache(clock, SCRAPE_AUTH_CACHE.maxEntries);
    this.access = new TtlCache(clock, SCRAPE_AUTH_CACHE.maxEntries);
  }

  /** Decides a request by its Authorization header, HTTP method and path. */
  async decide(authorization: string | undefined, method: string, path: string): Promise<ScrapeDecision> {
    const token = bearerToken(authorization);
    if (token === undefined) return { code: 401, message: "Unauthorized" };
    let identity: TokenReviewResult;
    try {
      identity = await this.authenticate(token);
    } catch (cause) {
      return { code: 500, message: "Authentication failed", cause };
    }
    if (!identity.authenticated || !identity.user) return { code: 401, message: "Unauthorized" };
    const user = identity.user;
    const name = user.username ?? "";
    let access: AccessReviewResult;
    try {
      access = await this.authorize(user, { path, verb: method.toLowerCase() });
    } catch (cause) {
      return { code: 500, message: `Authorization for user ${name} failed`, cause };
    }
    if (!access.allowed) return { code: 403, message: `Authorization denied for user ${name}` };
    return { code: 200, message: "OK" };
  }

  private async authenticate(token: string): Promise<TokenReviewResult> {
    // Keyed by a digest: the cache never holds a usable token.
    const key = createHash("sha256").update(token).digest("base64");
    const cached = this.tokens.get(key);
    if (cached) return cached;
    const result = await this.reviewer.tokenReview(token);
    this.tokens.set(key, result, SCRAPE_AUTH_CACHE.authenticatedTtlMs);
    return result;
  }

  private async authorize(user: UserInfo, nonResource: { path: string; verb: string }): Promise<AccessReviewResult> {
    const key = JSON.stringify([
      user.username,
      user.uid,
      [...(user.groups ?? [])].sort(),
      Object.entries(user.extra ?? {}).sort(([a], [b]) => a.localeCompare(b)),
      nonResource.path,
      nonResource.verb,
    ]);
    const cached = this.access.get(key);
    if (cached) return cached;
    const result = await this.reviewer.subjectAccessReview(user, nonResource);
    const ttl = result.allowed ? SCRAPE_AUTH_CACHE.allowTtlMs : SCRAPE_AUTH_CACHE.denyTtlMs;
    this.access.set(key, result, ttl);
    return result;
  }
}
