"""Search entities by any two-character fragment of a name, alias or English name, by pinyin,
in traditional characters, and past a slip of one character.

Three readings of the text are tried in turn, each only while the results are fewer than
asked for: its terms (after traditional characters are read as simplified), its pinyin
(``gaoxin`` finds 高新; a homophone slip, 成都高薪区, finds 成都高新区), and near misses
(any term matching, kept when the name is similar enough to the text).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import IntEnum

from graph_service.domain.entities import Entity
from graph_service.domain.search_text import pinyin_query_terms, query_terms, simplified
from graph_service.errors import InvalidInputError, LimitExceededError
from graph_service.ontology import EntityKind
from graph_service.services.access import policy
from graph_service.store import GraphStore

MAX_RESULTS = 100
MAX_TEXT = 100
# Candidates fetched per result asked for, so re-ranking can lift exact and prefix matches.
OVERFETCH = 5
# Matches ordered per reading, best scores first (the index yields them so): what a common
# fragment costs stays flat as the graph grows. A demo's real records come first among them.
WINDOW = 2000


# A near miss is kept when its name is at least this similar to the text (difflib's ratio):
# 成都高薪区 and 成都高新区 are 0.8 alike; 成都高新区 and 成都市 0.5.
NEAR_MISS_SIMILARITY = 0.6


class Reading(IntEnum):
    """How a hit matched the text, best first."""

    TERMS = 0
    PINYIN = 1
    NEAR_MISS = 2


@dataclass(frozen=True, slots=True)
class SearchHit:
    entity: Entity
    score: float
    reading: Reading = Reading.TERMS


def _similarity(entity: Entity, text: str) -> float:
    names = [entity.name, str(entity.properties.get("name_en") or "")]
    names += [str(a) for a in entity.properties.get("aliases") or []]
    return max(difflib.SequenceMatcher(None, text.lower(), n.lower()).ratio() for n in names if n)


def _rank(entity: Entity, text: str, score: float) -> tuple[int, float, str]:
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
    return (closeness, -score, entity.uid)


def search(store: GraphStore, text: str, *, kinds: list[EntityKind] | None = None, first: int = 10) -> list[SearchHit]:
    """Entities whose name, aliases or English name contain every two-character term of ``text``,
    then those its pinyin finds, then near misses.

    Real records come before synthetic ones; then by reading; within a reading exact name,
    prefix, substring of the name, then alias matches, by full-text score, then uid.
    """
    policy.require_read()
    if not 1 <= first <= MAX_RESULTS:
        raise LimitExceededError(f"first must be between 1 and {MAX_RESULTS} / 每次最多 {MAX_RESULTS} 条")
    text = simplified(text.strip())
    if len(text) > MAX_TEXT:
        raise InvalidInputError(f"search text longer than {MAX_TEXT} characters / 搜索词过长")
    terms = query_terms(text)
    if not terms or len(text) < 2:
        raise InvalidInputError("search needs at least two characters or letters / 请至少输入两个字或字母")
    wanted = sorted(k.value for k in kinds or [])
    limit = max(first * OVERFETCH, 50)
    found: dict[str, SearchHit] = {}

    def read(reading: Reading, words: list[str], *, any_term: bool = False) -> None:
        for row in store.read(
            "search", {"terms": words, "kinds": wanted, "limit": limit, "window": WINDOW, "any": any_term}
        ):
            entity = Entity.from_row(row["entity"])
            if entity.uid in found:
                continue
            if reading is Reading.NEAR_MISS and _similarity(entity, text) < NEAR_MISS_SIMILARITY:
                continue
            found[entity.uid] = SearchHit(entity, float(row["score"]), reading)

    read(Reading.TERMS, terms)
    pinyin = pinyin_query_terms(text)
    if len(found) < first and pinyin and pinyin != terms:
        read(Reading.PINYIN, pinyin)
    if len(found) < first and len(terms) > 1:
        read(Reading.NEAR_MISS, terms, any_term=True)
    hits = sorted(
        found.values(),
        key=lambda h: (bool(h.entity.properties.get("synthetic")), h.reading, *_rank(h.entity, text, h.score)),
    )
    return hits[:first]
