"""Analytics that Cypher does poorly, with networkx on projections exported by Cypher."""
