# Neo4j's Cypher linter (npm, exact version in package.json / package-lock.json), used by
# tests/test_cypher_lint.py. Included by the main Makefile; paths are relative to the repo root.
# The pinned release declares node >=24.11.1 but is tested to work under Node 20, hence
# --engine-strict=false (npm only warns, EBADENGINE, unless a user config makes it strict).
CYPHER_LINT := tools/cypher-lint

.PHONY: lint-deps
## lint-deps: install the Cypher linter's node_modules from the lock file (npm ci)
lint-deps: $(CYPHER_LINT)/node_modules/.installed

$(CYPHER_LINT)/node_modules/.installed: $(CYPHER_LINT)/package.json $(CYPHER_LINT)/package-lock.json
	npm ci --prefix $(CYPHER_LINT) --engine-strict=false --no-audit --no-fund
	touch $@
