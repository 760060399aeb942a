"""An import's references, checked as its rows stream past.

An entity's uid must keep the kind it has in the graph and elsewhere in the import; a
relationship's ends must exist, in the import or in the graph, and be kinds its type
allows. The graph is asked in chunks as rows arrive, and a relationship whose end has
not been seen yet waits for the end of the import. Memory holds one entry per entity of
the import and per end looked up in the graph, and the relationships still waiting: not
the rows themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.errors import FieldProblem
from graph_service.ontology import RELATION_SPECS, EntityKind, allowed_pairs_text, parse_kind
from graph_service.store import GraphStore

LOOKUP_CHUNK = 5000

Located = tuple[EntityKind, str, int]


class ReferenceCheck:
    """Feed it every checked record in order, then call ``finish``; problems go to ``report``."""

    def __init__(self, store: GraphStore, report: Callable[[FieldProblem], None]) -> None:
        self._store = store
        self._report = report
        self._imported: dict[str, Located] = {}
        self._stored: dict[str, EntityKind] = {}
        self._absent: set[str] = set()
        self._unasked: list[str] = []
        self._waiting: list[tuple[RelationRecord, str, int]] = []
        self._resolve_at = LOOKUP_CHUNK
        # Uids of the import the graph already holds, or that the import gives twice: the
        # writer upserts these and creates the rest without asking the graph again.
        self.known: set[str] = set()

    def entity(self, entity: EntityRecord, file: str, row: int) -> Located | None:
        """None for a uid new to the import; else the kind, file and row it was first given with."""
        seen = self._imported.get(entity.uid)
        if seen is None:
            self._imported[entity.uid] = (entity.kind, file, row)
            self._unasked.append(entity.uid)
            if len(self._unasked) >= LOOKUP_CHUNK:
                self._ask_about_entities()
            return None
        self.known.add(entity.uid)
        if seen[0] is not entity.kind:
            self._report(
                FieldProblem(
                    "kind",
                    f"uid also given as a {seen[0].value} in {seen[1]} row {seen[2]} / 同一标识类型冲突",
                    entity.uid,
                    file,
                    row,
                )
            )
        return seen

    def relation(self, relation: RelationRecord, file: str, row: int) -> None:
        if self._kind(relation.source) and self._kind(relation.target):
            self._check_pair(relation, file, row)
            return
        self._waiting.append((relation, file, row))
        if len(self._waiting) >= self._resolve_at:
            self._resolve(final=False)

    def finish(self) -> None:
        """Check what waited for the whole import to be read."""
        self._ask_about_entities()
        self._resolve(final=True)

    def _kind(self, uid: str) -> EntityKind | None:
        seen = self._imported.get(uid)
        return seen[0] if seen else self._stored.get(uid)

    def _lookup(self, uids: Iterable[str]) -> dict[str, EntityKind]:
        found: dict[str, EntityKind] = {}
        for row in self._store.read("entity_kinds", {"uids": sorted(uids)}):
            kind = parse_kind(str(row["kind"]))
            if kind is not None:
                found[str(row["uid"])] = kind
        return found

    def _ask_about_entities(self) -> None:
        uids, self._unasked = self._unasked, []
        if not uids:
            return
        for uid, before in self._lookup(uids).items():
            self.known.add(uid)
            kind, file, row = self._imported[uid]
            if before is not kind:
                self._report(
                    FieldProblem(
                        "kind",
                        f"uid exists as a {before.value}, not a {kind.value} / 标识已属于其他类型",
                        uid,
                        file,
                        row,
                    )
                )

    def _resolve(self, *, final: bool) -> None:
        unknown = {
            uid
            for relation, _, _ in self._waiting
            for uid in (relation.source, relation.target)
            if self._kind(uid) is None and uid not in self._absent
        }
        pending = sorted(unknown)
        for start in range(0, len(pending), LOOKUP_CHUNK):
            chunk = pending[start : start + LOOKUP_CHUNK]
            found = self._lookup(chunk)
            self._stored.update(found)
            self._absent.update(uid for uid in chunk if uid not in found)
        still: list[tuple[RelationRecord, str, int]] = []
        for relation, file, row in self._waiting:
            if self._kind(relation.source) and self._kind(relation.target):
                self._check_pair(relation, file, row)
            elif final:
                self._report_dangling(relation, file, row)
            else:
                still.append((relation, file, row))
        self._waiting = still
        # Waiting relationships are checked again only once their number has doubled.
        self._resolve_at = max(LOOKUP_CHUNK, 2 * len(still))

    def _report_dangling(self, relation: RelationRecord, file: str, row: int) -> None:
        for end, uid in (("source", relation.source), ("target", relation.target)):
            if self._kind(uid) is None:
                self._report(
                    FieldProblem(
                        end,
                        f"'{uid}' is neither in the import nor in the graph / 引用的实体不存在",
                        f"{relation.source}->{relation.target}",
                        file,
                        row,
                    )
                )

    def _check_pair(self, relation: RelationRecord, file: str, row: int) -> None:
        source, target = self._kind(relation.source), self._kind(relation.target)
        if source is None or target is None:
            return
        if not RELATION_SPECS[relation.type].allows(source, target):
            self._report(
                FieldProblem(
                    "type",
                    f"{relation.type.value} cannot connect {source.value} to {target.value}; it allows "
                    f"{allowed_pairs_text(relation.type)} / 本体不允许该关系",
                    f"{relation.source}->{relation.target}",
                    file,
                    row,
                )
            )
