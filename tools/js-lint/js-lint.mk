# eslint and prettier (npm, exact versions in package.json / package-lock.json) over the
# explorer's ES modules and style sheet, run by make check. Included by the main Makefile;
# paths are relative to the repo root.
JS_LINT := tools/js-lint
EXPLORER := graph_service/web/static/explorer

.PHONY: js-lint-deps js-lint js-format
## js-lint-deps: install eslint and prettier from the lock file (npm ci)
js-lint-deps: $(JS_LINT)/node_modules/.installed

$(JS_LINT)/node_modules/.installed: $(JS_LINT)/package.json $(JS_LINT)/package-lock.json
	npm ci --prefix $(JS_LINT) --no-audit --no-fund
	touch $@

## js-lint: eslint's recommended rules and prettier's layout over the explorer
js-lint: js-lint-deps
	$(JS_LINT)/node_modules/.bin/eslint --config $(JS_LINT)/eslint.config.mjs $(EXPLORER)
	$(JS_LINT)/node_modules/.bin/prettier --config $(JS_LINT)/prettier.json --check '$(EXPLORER)/**/*.{js,css}'

## js-format: rewrite the explorer in prettier's layout
js-format: js-lint-deps
	$(JS_LINT)/node_modules/.bin/prettier --config $(JS_LINT)/prettier.json --write '$(EXPLORER)/**/*.{js,css}'
