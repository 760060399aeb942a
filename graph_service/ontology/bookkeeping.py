"""Labels of nodes that are not entities: the service's own bookkeeping in the graph.

They never carry the ``Entity`` label or any tie, so entity listings, statistics, exports
and search (which read ``Entity`` nodes and their ties) never see them. Cypher names them
only in its own query files, as it names the ontology's kinds.
"""

# The learned partner ranker, one node per model key (graph_service/services/match/ranker.py).
RANKER_MODEL_LABEL = "RankerModel"

# Each kind's most connected entities, kept for candidate generation
# (graph_service/services/match/popular.py).
POPULAR_LIST_LABEL = "PopularList"

BOOKKEEPING_LABELS = frozenset({RANKER_MODEL_LABEL, POPULAR_LIST_LABEL})
