// The reviews as they go over the wire: TokenReview and SubjectAccessReview created at the
// cluster-scoped paths with the fields the API server reads, and their answers read back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HttpApiClient } from "../../../../src/controller/kube/client.js";
import { apiReviewer } from "../../../../src/controller/kube/reviews.js";
import { FakeApiServer, sendJson, sendStatus } from "../fake-apiserver.js";

let server: FakeApiServer;
let api: HttpApiClient;
beforeEach(async () => {
  server = await FakeApiServer.start();
  api = new HttpApiClient(server.kubeConfig(), { maxRetries: 0 });
});
afterEach(async () => {
  api.close();
  await server.close();
});

const USER = { username: "system:serviceaccount:mon:prom", uid: "u-1", groups: ["system:serviceaccounts"] };

describe("apiReviewer", () => {
  it("creates a TokenReview with the token and reads who it belongs to", async () => {
    server.handle((req, res) =>
      sendJson(res, 201, { ...(req.body as object), status: { authenticated: true, user: USER } }),
    );
    expect(await apiReviewer(api).tokenReview("t0ken")).toEqual({ authenticated: true, user: USER });
    const [sent] = server.matching("POST", "/apis/authentication.k8s.io/v1/tokenreviews");
    expect(sent?.body).toEqual({
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenReview",
      spec: { token: "t0ken" },
    });
  });

  it("reads an unauthenticated token as such, with the API server's reason", async () => {
    server.handle((req, res) => sendJson(res, 201, { ...(req.body as object), status: { error: "token expired" } }));
    expect(await apiReviewer(api).tokenReview("old")).toEqual({ authenticated: false, error: "token expired" });
  });

  it("creates a SubjectAccessReview for the user and the non-resource URL, and reads the decision", async () => {
    server.handle((req, res) =>
      sendJson(res, 201, { ...(req.body as object), status: { allowed: false, reason: "no binding" } }),
    );
    expect(await apiReviewer(api).subjectAccessReview(USER, { path: "/metrics", verb: "get" })).toEqual({
      allowed: false,
      reason: "no binding",
    });
    const [sent] = server.matching("POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews");
    expect(sent?.body).toEqual({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SubjectAccessReview",
      spec: {
        user: USER.username,
        uid: USER.uid,
        groups: USER.groups,
        nonResourceAttributes: { path: "/metrics", verb: "get" },
      },
    });
  });

  it("rejects when the API server refuses the review (403: the operator lacks create) or answers no status", async () => {
    server.handle((_req, res) => sendStatus(res, 403, "Forbidden", "cannot create tokenreviews"));
    await expect(apiReviewer(api).tokenReview("t")).rejects.toThrow(/cannot create tokenreviews/);
    server.handle((_req, res) => sendJson(res, 201, { kind: "SubjectAccessReview" }));
    await expect(apiReviewer(api).subjectAccessReview(USER, { path: "/metrics", verb: "get" })).rejects.toThrow(
      /answered a SubjectAccessReview without a valid status/,
    );
  });
});
