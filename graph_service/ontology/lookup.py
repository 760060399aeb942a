"""Turn user-supplied names (English or Chinese, any case) into ontology members."""

from __future__ import annotations

from graph_service.ontology.kinds import KIND_SPECS, EntityKind
from graph_service.ontology.relations import RELATION_SPECS, RelationType


def _normalise(text: str) -> str:
    return text.strip().replace("_", "").replace(" ", "").replace("-", "").lower()


_KIND_NAMES: dict[str, EntityKind] = {}
for _kind, _spec in KIND_SPECS.items():
    for _name in (_kind.value, _kind.name, _spec.zh, _spec.en, *_spec.headers):
        _KIND_NAMES.setdefault(_normalise(_name), _kind)

_RELATION_NAMES: dict[str, RelationType] = {}
for _rel, _rspec in RELATION_SPECS.items():
    for _name in (_rel.value, _rspec.zh, _rspec.en):
        _RELATION_NAMES.setdefault(_normalise(_name), _rel)


# Most names arrive exactly as the ontology spells them; those skip normalising.
_EXACT_KINDS = {kind.value: kind for kind in EntityKind}
_EXACT_RELATIONS = {rel.value: rel for rel in RelationType}


def parse_kind(text: str) -> EntityKind | None:
    """The kind named by ``text`` (``Scientist``, ``scientist``, ``科技工作者``…), or None."""
    return _EXACT_KINDS.get(text) or _KIND_NAMES.get(_normalise(text))


def parse_relation(text: str) -> RelationType | None:
    """The relationship type named by ``text`` (``MEMBER_OF``, ``member of``, ``会员/成员``…)."""
    return _EXACT_RELATIONS.get(text) or _RELATION_NAMES.get(_normalise(text))
