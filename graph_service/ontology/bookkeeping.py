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

# The matchmaking workflow (graph_service/services/workflow/): technology needs, the
# introductions brokered for them, the audit log of every change and the change events
# subscribers read (services/workflow/events.py). Unlike the two above they are records
# nobody can derive again, so backups carry them (ops/backup.py). Keyed by ``id``
# (``need:…``, ``intro:…``, ``audit:…``, ``event:…``), never by an entity ``uid``.
TECH_NEED_LABEL = "TechNeed"
INTRODUCTION_LABEL = "Introduction"
AUDIT_ENTRY_LABEL = "AuditEntry"
CHANGE_EVENT_LABEL = "ChangeEvent"
WORKFLOW_LABELS = (TECH_NEED_LABEL, INTRODUCTION_LABEL, AUDIT_ENTRY_LABEL, CHANGE_EVENT_LABEL)

# The one node that numbers change events in commit order (cypher/fragments/number_event.cypher).
# Derived from the events, so backups leave it out and a restore sets it again.
CHANGE_CLOCK_LABEL = "ChangeClock"

BOOKKEEPING_LABELS = frozenset({RANKER_MODEL_LABEL, POPULAR_LIST_LABEL, CHANGE_CLOCK_LABEL, *WORKFLOW_LABELS})
