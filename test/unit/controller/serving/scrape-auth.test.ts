// Who may read /metrics: the decisions of the scrape filter against a scripted reviewer, and how
// long they are cached (controller-runtime's TTLs), read on a manual clock.
import { describe, expect, it } from "vitest";
import {
  SCRAPE_AUTH_CACHE,
  ScrapeAuthorizer,
  bearerToken,
  type AccessReviewResult,
  type Reviewer,
  type TokenReviewResult,
  type UserInfo,
} from "../../../../src/controller/serving/scrape-auth.js";
import { ManualClock } from "../../../support/manual-clock.js";

const READER: UserInfo = {
  username: "system:serviceaccount:mon:prometheus",
  uid: "u1",
  groups: ["system:serviceaccounts"],
};
const OTHER: UserInfo = { username: "system:serviceaccount:mon:nobody", uid: "u2", groups: ["system:serviceaccounts"] };

/** Tokens "reader" and "other" are valid; the reader may get /metrics. Counts every review asked. */
class FakeReviewer implements Reviewer {
  tokenReviews: string[] = [];
  accessReviews: { user: string | undefined; path: string; verb: string }[] = [];
  failNext: "token" | "access" | undefined;

  tokenReview(token: string): Promise<TokenReviewResult> {
    this.tokenReviews.push(token);
    if (this.failNext === "token") {
      this.failNext = undefined;
      return Promise.reject(new Error("connection refused"));
    }
    const user = { reader: READER, other: OTHER }[token];
    return Promise.resolve(user ? { authenticated: true, user } : { authenticated: false, error: "invalid token" });
  }

  subjectAccessReview(user: UserInfo, nonResource: { path: string; verb: string }): Promise<AccessReviewResult> {
    this.accessReviews.push({ user: user.username, ...nonResource });
    if (this.failNext === "access") {
      this.failNext = undefined;
      return Promise.reject(new Error("503"));
    }
    const allowed = user.username === READER.username && nonResource.path === "/metrics" && nonResource.verb === "get";
    return Promise.resolve({ allowed, ...(!allowed && { reason: "no RBAC policy matched" }) });
  }
}

function setup() {
  const reviewer = new FakeReviewer();
  const clock = new ManualClock();
  return { reviewer, clock, auth: new ScrapeAuthorizer(reviewer, clock) };
}

describe("the metrics scrape filter", () => {
  it("answers 401 without a bearer token, and asks the API server nothing", async () => {
    const { auth, reviewer } = setup();
    expect((await auth.decide(undefined, "GET", "/metrics")).code).toBe(401);
    expect((await auth.decide("Basic dXNlcjpwYXNz", "GET", "/metrics")).code).toBe(401);
    expect((await auth.decide("Bearer ", "GET", "/metrics")).code).toBe(401);
    expect(reviewer.tokenReviews).toEqual([]);
  });

  it("answers 401 to a token the TokenReview does not authenticate, and asks no SubjectAccessReview", async () => {
    const { auth, reviewer } = setup();
    expect(await auth.decide("Bearer forged", "GET", "/metrics")).toEqual({ code: 401, message: "Unauthorized" });
    expect(reviewer.tokenReviews).toEqual(["forged"]);
    expect(reviewer.accessReviews).toEqual([]);
  });

  it("answers 403 naming the user when the SubjectAccessReview denies get on /metrics", async () => {
    const { auth, reviewer } = setup();
    expect(await auth.decide("Bearer other", "GET", "/metrics")).toEqual({
      code: 403,
      message: "Authorization denied for user system:serviceaccount:mon:nobody",
    });
    expect(reviewer.accessReviews).toEqual([{ user: OTHER.username, path: "/metrics", verb: "get" }]);
  });

  it("answers 200 when the user may get /metrics; the verb is the request's method, lower-cased", async () => {
    const { auth, reviewer } = setup();
    expect((await auth.decide("bearer  reader ", "GET", "/metrics")).code).toBe(200);
    expect((await auth.decide("Bearer reader", "POST", "/metrics")).code).toBe(403);
    expect(reviewer.accessReviews.map((r) => r.verb)).toEqual(["get", "post"]);
  });

  it("answers a repeated scrape from its cache: no second TokenReview or SubjectAccessReview", async () => {
    const { auth, reviewer } = setup();
    for (let i = 0; i < 5; i++) expect((await auth.decide("Bearer reader", "GET", "/metrics")).code).toBe(200);
    for (let i = 0; i < 5; i++) expect((await auth.decide("Bearer other", "GET", "/metrics")).code).toBe(403);
    for (let i = 0; i < 5; i++) expect((await auth.decide("Bearer forged", "GET", "/metrics")).code).toBe(401);
    expect(reviewer.tokenReviews).toEqual(["reader", "other", "forged"]);
    expect(reviewer.accessReviews).toHaveLength(2);
  });

  it("asks again once a decision's time is up: a token after 1 min, a deny after 30 s, an allow after 5 min", async () => {
    const { auth, reviewer, clock } = setup();
    await auth.decide("Bearer reader", "GET", "/metrics");
    await auth.decide("Bearer other", "GET", "/metrics");
    expect([reviewer.tokenReviews.length, reviewer.accessReviews.length]).toEqual([2, 2]);

    clock.advance(SCRAPE_AUTH_CACHE.denyTtlMs - 1);
    await auth.decide("Bearer other", "GET", "/metrics");
    expect(reviewer.accessReviews).toHaveLength(2);
    clock.advance(1);
    await auth.decide("Bearer other", "GET", "/metrics"); // the deny expired; the token is still known
    expect([reviewer.tokenReviews.length, reviewer.accessReviews.length]).toEqual([2, 3]);

    clock.advance(SCRAPE_AUTH_CACHE.authenticatedTtlMs - SCRAPE_AUTH_CACHE.denyTtlMs);
    await auth.decide("Bearer reader", "GET", "/metrics"); // the token expired; the allow is still known
    expect([reviewer.tokenReviews.length, reviewer.accessReviews.length]).toEqual([3, 3]);

    clock.advance(SCRAPE_AUTH_CACHE.allowTtlMs - SCRAPE_AUTH_CACHE.authenticatedTtlMs);
    await auth.decide("Bearer reader", "GET", "/metrics");
    expect([reviewer.tokenReviews.length, reviewer.accessReviews.length]).toEqual([4, 4]);
  });

  it("answers 500 when the API server cannot be asked, and does not cache the failure", async () => {
    const { auth, reviewer } = setup();
    reviewer.failNext = "token";
    const failed = await auth.decide("Bearer reader", "GET", "/metrics");
    expect(failed).toMatchObject({ code: 500, message: "Authentication failed" });
    expect(String(failed.cause)).toContain("connection refused");
    reviewer.failNext = "access";
    expect(await auth.decide("Bearer reader", "GET", "/metrics")).toMatchObject({
      code: 500,
      message: "Authorization for user system:serviceaccount:mon:prometheus failed",
    });
    expect((await auth.decide("Bearer reader", "GET", "/metrics")).code).toBe(200);
    expect([reviewer.tokenReviews.length, reviewer.accessReviews.length]).toEqual([2, 2]);
  });

  it("holds a bounded number of decisions under a flood of made-up tokens", async () => {
    const { auth, reviewer } = setup();
    for (let i = 0; i < SCRAPE_AUTH_CACHE.maxEntries + 10; i++)
      await auth.decide(`Bearer made-up-${i}`, "GET", "/metrics");
    // The first ones were evicted: asking again reviews them again.
    await auth.decide("Bearer made-up-0", "GET", "/metrics");
    expect(reviewer.tokenReviews.at(-1)).toBe("made-up-0");
    expect(reviewer.tokenReviews).toHaveLength(SCRAPE_AUTH_CACHE.maxEntries + 11);
  });
});

describe("bearerToken", () => {
  it("reads the token of an Authorization: Bearer header, case-insensitively", () => {
    expect(bearerToken("Bearer abc.def")).toBe("abc.def");
    expect(bearerToken("bearer abc")).toBe("abc");
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken("Bearer a b")).toBeUndefined();
  });
});
