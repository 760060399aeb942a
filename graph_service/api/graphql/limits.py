"""Validation-rule limits built once per process.

strawberry wants extension classes or factories (one instance per request), but a
depth or alias limiter builds a new rule class in its constructor, and the validation
cache is keyed by the rule classes: per-request construction makes every request miss
it. So each limiter is constructed once here and its rules are shared by a small class.
"""

from __future__ import annotations

from strawberry.extensions import AddValidationRules, MaxAliasesLimiter, QueryDepthLimiter


def _sharing(prototype: AddValidationRules) -> type[AddValidationRules]:
    rules = list(prototype.validation_rules)

    class SharedRules(AddValidationRules):
        def __init__(self) -> None:
            super().__init__(rules)

    SharedRules.__name__ = SharedRules.__qualname__ = f"Shared{type(prototype).__name__}"
    return SharedRules


def depth_limit(max_depth: int) -> type[AddValidationRules]:
    return _sharing(QueryDepthLimiter(max_depth=max_depth))


def alias_limit(max_aliases: int) -> type[AddValidationRules]:
    return _sharing(MaxAliasesLimiter(max_alias_count=max_aliases))
