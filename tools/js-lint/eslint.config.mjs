// eslint over the explorer's ES modules, which run in the browser unbundled. Run from the
// repository root (make js-lint): with --config, eslint resolves file patterns from there.
// The recommended rules catch unused names, undefined globals and unreachable code.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["graph_service/web/static/explorer/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
  },
];
