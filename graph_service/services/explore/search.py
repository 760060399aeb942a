"""Search entities by any two-character fragment of a name, alias or English name."""

from __future__ import annotations

from dataclasses import dataclass

from graph_service.domain.entities import Entity
from graph_service.domain.search_text import query_terms
from graph_service.errors import InvalidInputError, LimitExceededError
from graph_service.ontology import EntityKind
from graph_service.services.access import policy
from graph_service.store import GraphStore

MAX_RESULTS = 100
MAX_TEXT = 100
# Candidates fetched per result asked for, so re-ranking can lift exact and prefix matches.
OVERFETCH = 5


@dataclass(frozen=True, slots=True)
class SearchHit:
    entity: Entity
    score: float


def _rank(entity: Entity, text: str, score: float) -> tuple[int, float, int, str]:
    name = entity.name
    english = str(entity.properties.get("name_en") or "").lower()
    aliases = [str(a) for a in entity.properties.get("aliases") or []]
    lowered = text.lower()
    if name == text or english == lowered or text in aliases:
        closeness = 0
    elif name.startswith(text) or english.startswith(lowered):
        closeness = 1
    elif text in name or lowered in english:
        closeness = 2
    elif any(text in alias for alias in aliases):
        closeness = 3
    else:
        closeness = 4
    synthetic = 1 if entity.properties.get("synthetic") else 0
    return (closeness, -score, synthetic, entity.uid)


def search(store: GraphStore, text: str, *, kinds: list[EntityKind] | None = None, first: int = 10) -> list[SearchHit]:
    """Entities whose name, aliases or English name contain every two-character term of ``text``.

    Ranked: exact name, then prefix, then substring of the name, then alias matches;
    within each, by full-text score, real records before synthetic ones, then uid.
    """
    policy.require_read()
    if not 1 <= first <= MAX_RESULTS:
        raise LimitExceededError(f"first must be between 1 and {MAX_RESULTS} / 每次最多 {MAX_RESULTS} 条")
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise InvalidInputError(f"search text longer than {MAX_TEXT} characters / 搜索词过长")
    terms = query_terms(text)
    if not terms or len(text) < 2:
        raise InvalidInputError("search needs at least two characters or letters / 请至少输入两个字或字母")
    rows = store.read(
        "search",
        {"terms": terms, "kinds": sorted(k.value for k in kinds or []), "limit": max(first * OVERFETCH, 50)},
    )
    hits = [SearchHit(Entity.from_row(row["entity"]), float(row["score"])) for row in rows]
    hits.sort(key=lambda hit: _rank(hit.entity, text, hit.score))
    return hits[:first]
