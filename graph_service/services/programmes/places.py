"""Places for the programmes' maps: a recorded region rolled up to its city, and how far
it lies from a home region along the region tree (WITHIN).

A talent map counts people by where they are recorded. Its columns are cities: a district
or new area is counted in the city it lies within, so 永川区 is read as 重庆市 and
四川天府新区 as 成都市. Regions the tree does not hold stay as they are recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from graph_service.errors import FieldProblem, InvalidInputError, NotFoundError
from graph_service.services.match.scoring import ancestors
from graph_service.services.stats import region_names
from graph_service.store import GraphStore

# The level a place is rolled up to; a province or a zone above a city stays itself.
CITY = "city"
UNRECORDED = ""


def region_scope(store: GraphStore, region: str) -> list[str]:
    """The region's recorded name first, then the regions within it; the error names the argument."""
    try:
        return region_names(store, region)
    except NotFoundError as exc:
        raise NotFoundError(f"region: {exc}") from exc
    except InvalidInputError as exc:
        raise InvalidInputError(f"region: {exc}", [FieldProblem("region", str(exc))]) from exc


def home_region(store: GraphStore, region: str | None, own: object) -> tuple[str, frozenset[str], bool]:
    """The home region (as recorded), the names counted as in it, and whether it is the chain's own.

    Without ``region``, the chain's own city (``own``) is home; a chain without one needs a region.
    """
    if region:
        names = region_scope(store, region)
        return names[0], frozenset(names), False
    if not own:
        message = "region: the chain has no city of its own, give a region / region：该产业链未记录所在城市，请指定地区"
        raise InvalidInputError(message, [FieldProblem("region", message)])
    try:
        names = region_names(store, str(own))
    except NotFoundError:
        # A chain's city recorded as text only, with no Region entity: itself, nothing within.
        names = [str(own)]
    return names[0], frozenset(names), True


@dataclass(frozen=True, slots=True)
class RegionTree:
    """Each region's parents (WITHIN), level and English name, by region name."""

    parents: Mapping[str, tuple[str, ...]]
    levels: Mapping[str, str]
    names_en: Mapping[str, str]

    @classmethod
    def read(cls, store: GraphStore) -> RegionTree:
        rows = store.read("regions_tree")
        return cls(
            {str(r["name"]): tuple(str(n) for n in r["within"] if n) for r in rows},
            {str(r["name"]): str(r["level"]) for r in rows if r.get("level")},
            {str(r["name"]): str(r["name_en"]) for r in rows if r.get("name_en")},
        )

    def city_of(self, region: str) -> str:
        """The city ``region`` lies in (itself when a city, or when no city lies above it).

        >>> tree = RegionTree({"永川区": ("重庆市",), "重庆市": ()}, {"永川区": "district", "重庆市": "city"}, {})
        >>> tree.city_of("永川区"), tree.city_of("重庆市"), tree.city_of("某县")
        ('重庆市', '重庆市', '某县')
        """
        if not region or self.levels.get(region) == CITY:
            return region
        up = sorted(ancestors(region, self.parents).items(), key=lambda item: (item[1], item[0]))
        return next((name for name, _ in up if self.levels.get(name) == CITY), region)


def place_of(region: str | None, home: str, home_names: frozenset[str], tree: RegionTree) -> str:
    """Where talent recorded in ``region`` is counted: the home region when in it, else its city.

    >>> tree = RegionTree({"永川区": ("重庆市",)}, {"重庆市": "city"}, {})
    >>> place_of("永川区", "成都市", frozenset({"成都市"}), tree), place_of(None, "成都市", frozenset(), tree)
    ('重庆市', '')
    """
    if not region:
        return UNRECORDED
    if region in home_names:
        return home
    return tree.city_of(region)


def steps_apart(place: str, home: str, tree: RegionTree) -> int | None:
    """Steps up the region tree to the nearest region holding both ``place`` and ``home``.

    0 for the home itself, 1 for a place within it or within the same parent, and so on;
    None when the tree holds no region above both (or the place is unrecorded).

    >>> tree = RegionTree({"成都市": ("四川省", "成渝"), "重庆市": ("成渝",), "绵阳市": ("四川省",)}, {}, {})
    >>> [steps_apart(place, "成都市", tree) for place in ("重庆市", "绵阳市", "某地")]
    [1, 1, None]
    """
    if not place:
        return None
    if place == home:
        return 0
    up_p, up_h = ancestors(place, tree.parents), ancestors(home, tree.parents)
    shared = [max(up_p[r], up_h[r]) for r in up_p if r in up_h]
    return min(shared) if shared else None


def upstream_order(positions: Mapping[str, int], next_of: Mapping[str, Sequence[str]]) -> list[str]:
    """Segments upstream to downstream: each after every segment leading to it (NEXT).

    Segments NEXT does not order (parallel branches, none recorded) follow their
    ``position``, then their uid; a cycle is broken the same way.

    Parameters
    ----------
    positions : segment uid -> its recorded position
    next_of : segment uid -> the segments it leads to

    Returns
    -------
    Every uid of ``positions``, upstream first.

    >>> upstream_order({"a": 3, "b": 1, "c": 2}, {"a": ["b"], "b": ["c"]})
    ['a', 'b', 'c']
    >>> upstream_order({"x": 2, "y": 1}, {})
    ['y', 'x']
    """
    incoming = dict.fromkeys(positions, 0)
    for source, targets in next_of.items():
        for target in set(targets):
            if source in positions and target in incoming and target != source:
                incoming[target] += 1
    order: list[str] = []
    left = set(positions)
    while left:
        ready = [uid for uid in left if incoming[uid] == 0] or list(left)
        uid = min(ready, key=lambda u: (positions[u], u))
        order.append(uid)
        left.discard(uid)
        for target in set(next_of.get(uid, ())):
            if target in left and target != uid:
                incoming[target] -= 1
    return order


def ranked_places(totals: Iterable[tuple[str, int]], home: str, tree: RegionTree) -> list[tuple[str, int, int | None]]:
    """Places with their totals and steps from home, biggest first (then nearest, then name).

    >>> tree = RegionTree({"重庆市": ("成渝",), "成都市": ("成渝",)}, {}, {})
    >>> ranked_places([("北京市", 5), ("重庆市", 5), ("上海市", 1)], "成都市", tree)
    [('重庆市', 5, 1), ('北京市', 5, None), ('上海市', 1, None)]
    """
    out = [(place, total, steps_apart(place, home, tree)) for place, total in totals]
    out.sort(key=lambda item: (-item[1], item[2] if item[2] is not None else 99, item[0]))
    return out
