// @ts-check
import { builtinModules } from "node:module";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

/** Node's built-in modules that do I/O or reach the process: all of them but node:crypto (hashing). */
const NODE_IO = builtinModules
  .filter((m) => !m.startsWith("_") && !m.startsWith("crypto"))
  .flatMap((m) => [m, `node:${m}`]);

const PURE_CORE = "src/core is pure (no I/O, no clock): return data and let src/controller or src/cli act on it";

export default tseslint.config(
  {
    // test/typed-consumer is type-checked by its own tsconfig against the packed package (a unit test).
    ignores: [
      "dist/",
      "node_modules/",
      "coverage/",
      "test/**/__snapshots__/",
      "src/api/generated/",
      "test/typed-consumer/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["hack/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      complexity: ["error", 12],
      "max-depth": ["error", 4],
      "max-params": ["error", 5],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Import cycles, type-only imports aside (they vanish at run time), anywhere in the sources.
    files: ["src/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/resolver-next": [createTypeScriptImportResolver()],
    },
    rules: { "import-x/no-cycle": "error" },
  },
  {
    // Generated files (src/api/generated) are exempt: they are ignored above.
    files: ["src/**/*.ts"],
    rules: { "max-lines": ["error", { max: 300 }] },
  },
  {
    // The fence around the pure core, and the presets it renders. Types of core/v1 objects are
    // data, so type imports of the client library are allowed; its code is not.
    files: ["src/core/**/*.ts", "src/presets/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@kubernetes/client-node", allowTypeImports: true, message: PURE_CORE },
            { name: "pino", message: PURE_CORE },
            { name: "prom-client", message: PURE_CORE },
            { name: "commander", message: PURE_CORE },
            ...NODE_IO.map((name) => ({ name, message: PURE_CORE })),
          ],
          patterns: [
            { group: ["**/controller", "**/controller/**"], message: PURE_CORE },
            { group: ["**/cli", "**/cli/**"], message: PURE_CORE },
            { group: ["**/convert", "**/convert/**"], message: PURE_CORE },
          ],
        },
      ],
    },
  },
  {
    // Everything else reaches the core through its index.
    files: ["src/**/*.ts", "bench/**/*.ts"],
    ignores: ["src/core/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/core/*", "!**/core/index.js"], message: "import src/core through src/core/index.js" },
            {
              group: ["**/presets/*", "!**/presets/index.js"],
              message: "import src/presets through src/presets/index.js",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["bin/*.js", "hack/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    files: ["test/**/*.ts"],
    rules: { "max-lines-per-function": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
