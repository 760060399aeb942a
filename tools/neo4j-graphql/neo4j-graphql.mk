# @neo4j/graphql on Apollo Server (npm, exact versions in package.json / package-lock.json),
# served by `graph-service bench engines` beside the service on the same Neo4j. Included by
# the main Makefile; paths are relative to the repo root.
NEO4J_GRAPHQL := tools/neo4j-graphql

.PHONY: neo4j-graphql-deps
## neo4j-graphql-deps: install the engines benchmark's @neo4j/graphql server from the lock file (npm ci)
neo4j-graphql-deps: $(NEO4J_GRAPHQL)/node_modules/.installed

$(NEO4J_GRAPHQL)/node_modules/.installed: $(NEO4J_GRAPHQL)/package.json $(NEO4J_GRAPHQL)/package-lock.json
	npm ci --prefix $(NEO4J_GRAPHQL) --no-audit --no-fund
	touch $@
