# graphql-http's server audits (npm, exact versions in package.json / package-lock.json),
# run by tests/test_graphql_over_http.py against a real server. Included by the main
# Makefile; paths are relative to the repo root.
GRAPHQL_HTTP_AUDIT := tools/graphql-http-audit

.PHONY: audit-deps
## audit-deps: install the GraphQL-over-HTTP audit's node_modules from the lock file (npm ci)
audit-deps: $(GRAPHQL_HTTP_AUDIT)/node_modules/.installed

$(GRAPHQL_HTTP_AUDIT)/node_modules/.installed: $(GRAPHQL_HTTP_AUDIT)/package.json $(GRAPHQL_HTTP_AUDIT)/package-lock.json
	npm ci --prefix $(GRAPHQL_HTTP_AUDIT) --no-audit --no-fund
	touch $@
