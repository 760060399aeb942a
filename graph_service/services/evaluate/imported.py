"""Evaluate on an ecosystem a user brings: a directory of import files, read into a scratch engine.

The directory holds what ``graph-service import`` reads (CSV, TSV, JSON Lines, Excel;
entity and relationship files, Chinese headers accepted). The project's field taxonomy
is imported first, so the files may name its fields (``field:…``) as an import into the
service's graph may; everything else they refer to they must hold themselves. The files
go through the importer, all-or-nothing, so a bad file is rejected with its usual report
naming file, row and field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph_service.errors import FieldProblem, InvalidInputError
from graph_service.ontology import parse_relation
from graph_service.services.evaluate.run import evaluate
from graph_service.services.ingest.importer import import_files
from graph_service.services.ingest.readers import SUFFIXES
from graph_service.services.seed import seed_dir
from graph_service.store import GraphStore
from graph_service.store.factory import temporary_store

TAXONOMY = "fields.jsonl"


def _names_relations(path: Path) -> bool:
    stem = path.stem.lower()
    named = any(parse_relation(s) for s in (path.stem, path.stem.removesuffix("s")))
    return named or "relation" in stem or "关系" in stem


def import_files_of(directory: Path) -> list[Path]:
    """The files of ``directory`` the importer reads; entity files before relationship files.

    The order only spares memory: a relationship read before its entity waits until the end.
    """
    if not directory.is_dir():
        raise InvalidInputError(
            f"{directory.name or directory}: not a directory / 不是目录",
            [FieldProblem("", "no such directory / 目录不存在", file=str(directory))],
        )
    files = [p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES]
    if not files:
        raise InvalidInputError(
            f"{directory.name}: no files to import; expected {', '.join(SUFFIXES)} / 目录中没有可导入的文件"
        )
    return sorted(files, key=lambda p: (_names_relations(p), p.name))


def import_directory(store: GraphStore, directory: Path) -> dict[str, Any]:
    """Import the taxonomy and then ``directory``'s files into ``store``; returns the counts imported."""
    files = import_files_of(directory)
    import_files(store, [seed_dir() / TAXONOMY])
    report = import_files(store, files)
    return {"files": report.files, "entities": report.entities, "relations": report.relations}


def evaluate_directory(
    directory: Path,
    *,
    max_queries: int = 300,
    seed: int = 7,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Import ``directory`` into a temporary embedded engine and evaluate on it (see ``run.evaluate``)."""
    import_files_of(directory)  # a wrong directory fails before an engine starts
    with temporary_store() as store:
        imported = import_directory(store, directory)
        result = evaluate(store, max_queries=max_queries, seed=seed, progress=progress)
    return {"imported": imported, **result}
