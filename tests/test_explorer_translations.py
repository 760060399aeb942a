"""The explorer names every kind, relationship type, gap kind, score component and property
of the ontology in Chinese and in English, so no stored code reaches a user.

Closed-vocabulary values come to the explorer from ``/vocabulary.json`` (tested with the
ontology's own names); this test reads the tables in ``i18n.js`` itself.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import pytest

from graph_service.domain import workflow as wf
from graph_service.domain.recommendation import Component
from graph_service.ontology import KIND_SPECS, EntityKind
from graph_service.ontology.relations import RelationType
from graph_service.services.chains.gap_rules import GapKind

I18N = Path(__file__).parents[1] / "graph_service" / "web" / "static" / "explorer" / "i18n.js"
HAN = re.compile(r"[\u3400-\u9fff]")
# A table entry: `KEY: ["中文", "English"],`
ENTRY = re.compile(r'^\s*(\w+):\s*\["([^"]*)",\s*"([^"]*)"\]', re.MULTILINE)


def table(name: str, source: str | None = None) -> dict[str, tuple[str, str]]:
    text = I18N.read_text(encoding="utf-8") if source is None else source
    found = re.search(rf"^const {name} = \{{\n(.*?)^\}};", text, re.MULTILINE | re.DOTALL)
    assert found, f"i18n.js has no table {name}"
    return {key: (zh, en) for key, zh, en in ENTRY.findall(found.group(1))}


def camel(name: str) -> str:
    return re.sub(r"_(\w)", lambda m: m.group(1).upper(), name)


def problems(entries: dict[str, tuple[str, str]], wanted: set[str]) -> list[str]:
    """Keys left untranslated, and entries whose Chinese has no Chinese or whose English has some."""
    out = [f"{key}: missing" for key in sorted(wanted - entries.keys())]
    for key, (zh, en) in sorted(entries.items()):
        if not HAN.search(zh):
            out.append(f"{key}: Chinese name {zh!r} has no Chinese")
        if not en or HAN.search(en):
            out.append(f"{key}: English name {en!r} is empty or has Chinese")
    return out


# The explorer's tables and what each must cover; kinds and relations are keyed by the
# enum names the API answers, properties by their camelCase GraphQL names.
COVERAGE: dict[str, set[str]] = {
    "KINDS": {kind.name for kind in EntityKind},
    "RELATIONS": {relation.name for relation in RelationType},
    "GAPS": {gap.name for gap in GapKind},
    "COMPONENTS": {str(component) for component in Component},
    "FIELDS": {camel(p.name) for spec in KIND_SPECS.values() for p in spec.properties},
}

# The workflow's vocabularies (issue 21), keyed by the GraphQL enum names, named as the domain names them.
WORKFLOW: dict[str, type[StrEnum]] = {
    "NEED_STATUSES": wf.NeedStatus,
    "INTRODUCTION_STATUSES": wf.IntroductionStatus,
    "SOURCES": wf.IntroductionSource,
    "DECLINE_REASONS": wf.DeclineReason,
    "DECLINE_SIDES": wf.DeclineSide,
    "AGREEMENT_KINDS": wf.AgreementKind,
    "CONFIDENTIALITY": wf.Confidentiality,
}
COVERAGE.update({name: {member.name for member in vocabulary} for name, vocabulary in WORKFLOW.items()})


@pytest.mark.parametrize("name", sorted(COVERAGE))
def test_the_explorer_names_every_ontology_term_in_both_languages(name: str) -> None:
    assert problems(table(name), COVERAGE[name]) == []


@pytest.mark.parametrize("name", sorted(WORKFLOW))
def test_the_explorer_names_the_workflow_s_terms_as_the_domain_does(name: str) -> None:
    """The same Chinese, and the same English but for capitals, as ``domain/workflow.py``'s labels."""
    entries = table(name)
    for member in WORKFLOW[name]:
        zh, en = wf.names(member)
        assert entries[member.name][0] == zh, member
        assert entries[member.name][1].lower() == en.lower(), member


def test_the_check_sees_a_missing_or_one_language_entry() -> None:
    source = 'const KINDS = {\n  SCIENTIST: ["科技工作者", "Scientist"],\n  PARK: ["Park", "园区"],\n};\n'
    assert problems(table("KINDS", source), {"SCIENTIST", "PARK", "REGION"}) == [
        "REGION: missing",
        "PARK: Chinese name 'Park' has no Chinese",
        "PARK: English name '园区' is empty or has Chinese",
    ]
