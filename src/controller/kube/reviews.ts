// TokenReview and SubjectAccessReview, asked of the API server for the metrics endpoint's
// authentication and authorization (see serving/scrape-auth.ts). Both are create-only, cluster-scoped
// virtual resources: nothing is stored, the answer comes back in the created object's status.
import { z } from "zod";
import type { AccessReviewResult, Reviewer, TokenReviewResult, UserInfo } from "../serving/scrape-auth.js";
import type { ApiClient, KubeObject, Resource } from "./api.js";

export const TOKEN_REVIEWS: Resource = {
  group: "authentication.k8s.io",
  version: "v1",
  plural: "tokenreviews",
  namespaced: false,
};
export const SUBJECT_ACCESS_REVIEWS: Resource = {
  group: "authorization.k8s.io",
  version: "v1",
  plural: "subjectaccessreviews",
  namespaced: false,
};

const UserInfoSchema = z.object({
  username: z.string().optional(),
  uid: z.string().optional(),
  groups: z.array(z.string()).optional(),
  extra: z.record(z.string(), z.array(z.string())).optional(),
});

const TokenReviewStatus = z.object({
  status: z
    .object({ authenticated: z.boolean().optional(), user: UserInfoSchema.optional(), error: z.string().optional() })
    .optional(),
});

const AccessReviewStatus = z.object({
  status: z.object({ allowed: z.boolean(), reason: z.string().optional() }),
});

interface Review extends KubeObject {
  spec: object;
}

function parsed<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new Error(`the API server answered a ${what} without a valid status: ${result.error.message}`);
  return result.data;
}

/** A Reviewer over the API client (its identity needs create on both resources). */
export function apiReviewer(api: ApiClient): Reviewer {
  return {
    async tokenReview(token: string): Promise<TokenReviewResult> {
      const review: Review = { apiVersion: "authentication.k8s.io/v1", kind: "TokenReview", spec: { token } };
      const { status } = parsed(TokenReviewStatus, await api.create(TOKEN_REVIEWS, "", review), "TokenReview");
      return {
        authenticated: status?.authenticated ?? false,
        ...(status?.user && { user: status.user }),
        ...(status?.error && { error: status.error }),
      };
    },
    async subjectAccessReview(user: UserInfo, nonResource): Promise<AccessReviewResult> {
      const review: Review = {
        apiVersion: "authorization.k8s.io/v1",
        kind: "SubjectAccessReview",
        spec: {
          user: user.username,
          uid: user.uid,
          groups: user.groups,
          extra: user.extra,
          nonResourceAttributes: { path: nonResource.path, verb: nonResource.verb },
        },
      };
      const { status } = parsed(
        AccessReviewStatus,
        await api.create(SUBJECT_ACCESS_REVIEWS, "", review),
        "SubjectAccessReview",
      );
      return { allowed: status.allowed, ...(status.reason && { reason: status.reason }) };
    },
  };
}
