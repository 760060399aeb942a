"""Checks of what a caller sends the workflow: texts, dates, budgets, and the entities it names.

Every check adds a ``FieldProblem`` naming the field rather than raising at once, so one
answer lists everything wrong with a request, as the edits do.
"""

from __future__ import annotations

import math
from datetime import date

from graph_service.domain.entities import Entity
from graph_service.errors import FieldProblem, NotFoundError
from graph_service.ontology import EntityKind, parse_kind
from graph_service.ontology.validation import UNSTORABLE, validate_uid
from graph_service.services.stats import region_names
from graph_service.store import GraphStore

MAX_NEED_TEXT = 2000
MAX_NOTE = 500
MAX_FIELDS = 10
# 万元: ten billion yuan is beyond any technology need a 科协 brokers.
MAX_BUDGET = 1_000_000.0


def text(value: str | None, field: str, limit: int, problems: list[FieldProblem], *, required: bool = False) -> str:
    """``value`` stripped; a problem when it is required and empty, too long, or unstorable."""
    cleaned = (value or "").strip()
    if required and not cleaned:
        problems.append(FieldProblem(field, "must not be empty / 不能为空"))
    if len(cleaned) > limit:
        problems.append(FieldProblem(field, f"longer than {limit} characters / 超过 {limit} 个字符"))
    if UNSTORABLE.search(cleaned):
        problems.append(FieldProblem(field, "contains a NUL character or an invalid code point / 含有空字符或无效字符"))
    return cleaned


def deadline(value: str | None, today: date, problems: list[FieldProblem]) -> str | None:
    """An ISO date (YYYY-MM-DD) not before ``today``, or None."""
    if value is None or not value.strip():
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        problems.append(FieldProblem("deadline", "expected a date as YYYY-MM-DD / 日期格式应为 YYYY-MM-DD"))
        return None
    if len(value.strip()) != 10:  # fromisoformat also reads 20260501; one stored form sorts and compares
        problems.append(FieldProblem("deadline", "expected a date as YYYY-MM-DD / 日期格式应为 YYYY-MM-DD"))
        return None
    if day < today:
        problems.append(FieldProblem("deadline", f"{day} has passed / 截止日期已过"))
    return day.isoformat()


def budget(low: float | None, high: float | None, problems: list[FieldProblem]) -> None:
    """Each bound finite, 0 to ``MAX_BUDGET`` 万元, and the minimum not above the maximum."""
    for name, value in (("budgetMin", low), ("budgetMax", high)):
        if value is not None and not (math.isfinite(value) and 0 <= value <= MAX_BUDGET):
            limit = f"{MAX_BUDGET:.0f}"
            problems.append(FieldProblem(name, f"must be 0 to {limit} (万元) / 预算须在 0 到 {limit} 万元之间"))
    if low is not None and high is not None and low > high:
        problems.append(FieldProblem("budgetMin", f"{low} is above the maximum {high} / 预算下限高于上限"))


def uid(value: str, field: str, problems: list[FieldProblem]) -> bool:
    found = validate_uid(value, field)
    problems.extend(found)
    return not found


def kinds_of(store: GraphStore, uids: list[str]) -> dict[str, EntityKind]:
    """The kind of each uid that names an entity, in one round trip."""
    kinds: dict[str, EntityKind] = {}
    for row in store.read("entity_kinds", {"uids": uids}) if uids else []:
        kind = parse_kind(str(row["kind"]))
        if kind is not None:
            kinds[str(row["uid"])] = kind
    return kinds


def fields(store: GraphStore, values: list[str], problems: list[FieldProblem]) -> list[str]:
    """The field uids, each named once, each a ``Field`` entity."""
    chosen = list(dict.fromkeys(v.strip() for v in values))
    if len(chosen) > MAX_FIELDS:
        problems.append(FieldProblem("fields", f"at most {MAX_FIELDS} fields / 最多 {MAX_FIELDS} 个领域"))
        return chosen
    valid = [f for f in chosen if uid(f, "fields", problems)]
    kinds = kinds_of(store, valid)
    for f in valid:
        if kinds.get(f) is not EntityKind.FIELD:
            problems.append(FieldProblem("fields", f"'{f}' is not a technology field / 「{f}」不是技术领域", f))
    return chosen


def region(store: GraphStore, value: str | None, problems: list[FieldProblem]) -> str | None:
    """The region's own name (given by any of its names), or None."""
    before = len(problems)
    cleaned = text(value, "region", 100, problems)
    if not cleaned or len(problems) > before:
        return None
    try:
        return region_names(store, cleaned)[0]
    except NotFoundError:
        problems.append(FieldProblem("region", f"unknown region '{cleaned}' / 未知地区「{cleaned}」"))
        return None


def enterprise(store: GraphStore, value: str, field: str, problems: list[FieldProblem]) -> Entity | None:
    """The enterprise ``value`` names, or None with a problem."""
    if not uid(value, field, problems):
        return None
    rows = store.read("entity_get", {"uid": value})
    found = Entity.from_row(rows[0]["entity"]) if rows else None
    if found is None or found.kind is not EntityKind.ENTERPRISE:
        problems.append(FieldProblem(field, f"'{value}' is not an enterprise / 「{value}」不是企业", value))
        return None
    return found


def programme(store: GraphStore, value: str | None, problems: list[FieldProblem]) -> str | None:
    """The uid of the ``Programme`` entity ``value`` names, or None when none is given."""
    cleaned = (value or "").strip()
    if not cleaned or not uid(cleaned, "programme", problems):
        return None
    if kinds_of(store, [cleaned]).get(cleaned) is not EntityKind.PROGRAMME:
        refused = f"'{cleaned}' is not a programme / 「{cleaned}」不是计划或平台"
        problems.append(FieldProblem("programme", refused, cleaned))
        return None
    return cleaned
