// ESLint (flat config, its recommended rules) over the site's own JavaScript: `make test` runs it.
// The theme's scripts run in the reader's browser as classic scripts, except search.js, a module
// that search-loader.js imports; the tests' .mjs helpers run in Node. (CommonJS: package.json
// declares no "type", and the web editor's files must not change meaning.)
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["overrides/assets/javascripts/*.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: globals.browser },
    // `catch (e)` without using e: the catch binding cannot be left out in the older phone
    // browsers the scripts still run in.
    rules: { "no-unused-vars": ["error", { caughtErrors: "none" }] },
  },
  {
    files: ["overrides/assets/javascripts/search.js"],
    languageOptions: { sourceType: "module" },
  },
  {
    files: ["tests/*.mjs"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
];
