import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          // A few unit tests run helm or lua: on a loaded machine a spawn alone can take seconds, so the
          // timeout is a backstop against a hang, not a measure of speed (benchmarks measure speed).
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Checks of the chart by tools built from Go source (kube-score): run by `npm run test:all`
        // and `npm run test:static`, so that `npm test` needs no Go.
        test: {
          name: "static",
          include: ["test/static/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/support/global-setup.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e-helm",
          include: ["test/e2e-helm/**/*.test.ts"],
          environment: "node",
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // npm start and its cluster (hack/start.sh restarts the local cluster): test:all runs it.
          name: "start",
          include: ["test/start/**/*.test.ts"],
          environment: "node",
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "bench",
          include: ["bench/**/*.bench.ts"],
          exclude: ["bench/soak.bench.ts", "bench/scale.bench.ts"],
          environment: "node",
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "scale",
          include: ["bench/scale.bench.ts"],
          environment: "node",
          // The test sets its own timeout from BENCH_SCALE_N.
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "soak",
          include: ["bench/soak.bench.ts"],
          environment: "node",
          // The test sets its own timeout from the run's length (SOAK_MINUTES).
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
