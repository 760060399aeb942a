# Neo4j's Cypher linter (npm, pinned in package-lock.json); included by the main Makefile.
CYPHER_LINT := tools/cypher-lint

.PHONY: lint-deps
lint-deps: $(CYPHER_LINT)/node_modules/.installed

$(CYPHER_LINT)/node_modules/.installed: $(CYPHER_LINT)/package.json $(CYPHER_LINT)/package-lock.json
	npm ci --prefix $(CYPHER_LINT) --no-audit --no-fund
	touch $@
