"""Exports and imports against the audit's files (issue 15, items 7-11), on both engines.

Formula-like names are inert in every spreadsheet file the product writes; a quote left
open, a Latin-1 file guessed as GB18030, a record given twice and a workbook whose parts
would not fit in memory are each refused with file and row, and the graph left unchanged.
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from graph_service.cli.main import build_parser
from graph_service.domain.records import EntityRecord, RelationRecord
from graph_service.domain.spreadsheet import FORMULA_STARTS, inert
from graph_service.errors import ImportRejectedError, InvalidInputError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.analytics.report import compute
from graph_service.services.analytics.report_export import export_ecosystem_report
from graph_service.services.chains.gaps import chain_gaps
from graph_service.services.chains.report_export import export_gap_report
from graph_service.services.explore.entities import get_entity
from graph_service.services.export import export_graph
from graph_service.services.ingest import workbook
from graph_service.services.ingest.importer import import_files
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.stats import graph_stats
from graph_service.store import GraphStore

pytestmark = pytest.mark.both_engines

K, R = EntityKind, RelationType
FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1+1", "'=1"]


def _rejected(store: GraphStore, paths: list[Path], **options: object) -> ImportRejectedError:
    before = graph_stats(store)
    with pytest.raises(ImportRejectedError) as caught:
        import_files(store, paths, **options)  # type: ignore[arg-type]
    assert graph_stats(store) == before, "a refused import writes nothing"
    return caught.value


# --- 7. formula injection -------------------------------------------------------------------


def _formula_graph(store: GraphStore) -> None:
    people = [EntityRecord(K.SCIENTIST, f"sci:f{i}", {"uid": f"sci:f{i}", "name": n}) for i, n in enumerate(FORMULAS)]
    chain = [
        EntityRecord(K.INDUSTRY_CHAIN, "chain:f", {"uid": "chain:f", "name": "=1+1"}),
        EntityRecord(K.CHAIN_SEGMENT, "seg:f", {"uid": "seg:f", "name": FORMULAS[0], "position": 1}),
    ]
    write_entities(store, [*people, *chain])
    write_relations(store, [RelationRecord(R.PART_OF, "seg:f", "chain:f")])


def _xlsx_cells(path: Path) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(path)  # formulas as written, not their values
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def test_formula_like_names_are_inert_in_every_spreadsheet_file(store: GraphStore, tmp_path: Path) -> None:
    _formula_graph(store)
    export_graph(store, "csv", tmp_path / "csv")
    reports = {
        "gaps.xlsx": export_gap_report(chain_gaps(store, "chain:f"), tmp_path / "gaps.xlsx"),
        "gaps.csv": export_gap_report(chain_gaps(store, "chain:f"), tmp_path / "gaps.csv"),
        "ecosystem.xlsx": export_ecosystem_report(compute(store), tmp_path / "ecosystem.xlsx"),
        "ecosystem.csv": export_ecosystem_report(compute(store), tmp_path / "ecosystem.csv"),
    }

    names = _csv_cells(tmp_path / "csv" / "Scientist.csv")
    assert all(inert(name) in names for name in FORMULAS), names
    for name, path in reports.items():
        if path.suffix == ".csv":
            cells = _csv_cells(path)
            assert inert(FORMULAS[0]) in cells, name
            assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], (name, cells)
        else:
            texts = [cell for cell in _xlsx_cells(path) if isinstance(cell.value, str)]
            risky = [cell for cell in texts if cell.value.lstrip("'").startswith(FORMULA_STARTS)]
            assert FORMULAS[0] in [cell.value for cell in risky], name
            # Typed as text, shown as written, and kept text when edited in Excel.
            assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky), name

    # The export reads back as the names it was given; a tab that kept one inert is kept too.
    files = sorted((tmp_path / "csv").glob("*.csv"))
    store.clear()
    import_files(store, files)
    for i, name in enumerate(FORMULAS):
        entity = get_entity(store, f"sci:f{i}")
        assert entity is not None
        assert entity.name == name


# --- 8. an unterminated quote ---------------------------------------------------------------


@pytest.mark.parametrize(
    "tail",
    [
        "Scientist,u2,ok\nScientist,u3,fine\n",  # open to the end of the file
        'Scientist,u2,"closed" late\n',  # closed by a quote of a later row
        "Scientist,u2,ok\n" * 20_000,  # longer than a field may be
    ],
)
def test_an_unterminated_quote_is_refused_at_the_row_it_opens(store: GraphStore, tmp_path: Path, tail: str) -> None:
    path = tmp_path / "people.csv"
    path.write_text('kind,uid,name\nScientist,u0,甲\nScientist,u1,"unterminated\n' + tail, encoding="utf-8")
    error = _rejected(store, [path])
    assert [(p.file, p.row) for p in error.problems] == [("people.csv", 3)], error.report()
    assert "quote" in error.report()
    assert "引号" in error.report()


# --- 9. encodings ---------------------------------------------------------------------------


def test_a_latin1_file_is_refused_then_read_as_told(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "Scientist.csv"
    path.write_bytes("uid,name\nsci:m,Müller\nsci:z,Zürich Straße\n".encode("latin-1"))
    error = _rejected(store, [path])
    assert [(p.file, p.row) for p in error.problems] == [("Scientist.csv", 2)], error.report()
    assert "--encoding" in error.report()

    import_files(store, [path], encoding="latin-1")
    entity = get_entity(store, "sci:m")
    assert entity is not None
    assert entity.name == "Müller"

    # GBK is still guessed where it reads as Chinese, rare characters and all.
    gbk = tmp_path / "Society.csv"
    gbk.write_bytes("uid,name\nsoc:z,朱镕基学会（虚构）\n".encode("gbk"))
    import_files(store, [gbk])
    society = get_entity(store, "soc:z")
    assert society is not None
    assert society.name == "朱镕基学会（虚构）"

    with pytest.raises(InvalidInputError, match="encoding"):
        import_files(store, [path], encoding="base64")
    assert build_parser().parse_args(["import", "--encoding", "gbk", "a.csv"]).encoding == "gbk"


# --- 10. duplicate uids ---------------------------------------------------------------------


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def test_records_given_twice_are_refused_or_merged_when_allowed(store: GraphStore, tmp_path: Path) -> None:
    first = tmp_path / "Scientist.csv"
    first.write_text(
        "uid,name,title\nsci:a,甲（虚构）,教授\nsci:b,乙（虚构）,\nsci:a,甲二（虚构）,\n", encoding="utf-8"
    )
    second = _jsonl(
        tmp_path / "more.jsonl",
        [
            {"kind": "Scientist", "uid": "sci:b", "name": "乙（虚构）", "title": "研究员"},
            {"type": "COLLABORATED_WITH", "source": "sci:a", "target": "sci:b", "year": 2020},
            {"type": "COLLABORATED_WITH", "source": "sci:a", "target": "sci:b", "year": 2021},
            {"type": "COLLABORATED_WITH", "source": "sci:b", "target": "sci:a", "year": 2021},
        ],
    )
    error = _rejected(store, [first, second])
    found = {(p.file, p.row, p.field): str(p) for p in error.problems}
    assert set(found) == {("Scientist.csv", 4, "uid"), ("more.jsonl", 1, "uid"), ("more.jsonl", 3, "target")}
    assert "Scientist.csv row 2" in found["Scientist.csv", 4, "uid"]
    assert "Scientist.csv row 3" in found["more.jsonl", 1, "uid"]
    assert "more.jsonl row 2" in found["more.jsonl", 3, "target"]
    assert "--allow-duplicates" in error.report()

    report = import_files(store, [first, second], allow_duplicates=True)
    # Records stored, not rows read: two scientists, two ties (a→b once, b→a).
    assert (report.rows, report.entities, report.relations) == (7, {"Scientist": 2}, {"COLLABORATED_WITH": 2})
    assert report.repeated_rows == 3
    replaced = {
        (o.record, o.field, o.before, o.after, o.file, o.row, o.replaced_file, o.replaced_row)
        for o in report.overwritten
    }
    assert replaced == {
        ("sci:a", "name", "甲（虚构）", "甲二（虚构）", "Scientist.csv", 4, "Scientist.csv", 2),
        ("sci:a->sci:b", "year", 2020, 2021, "more.jsonl", 3, "more.jsonl", 2),
    }
    assert report.overwritten_total == 2
    a, b = get_entity(store, "sci:a"), get_entity(store, "sci:b")
    assert a is not None
    assert b is not None
    # Later rows win field by field; a blank cell keeps the earlier value.
    assert (a.name, a.properties["title"], b.properties["title"]) == ("甲二（虚构）", "教授", "研究员")
    assert graph_stats(store).relation_total == 2
    ties = store.read(
        "export_relations", {"after_source": "", "after_target": "", "limit": 10}, slots={"rel": R.COLLABORATED_WITH}
    )
    assert {(t["source"], t["target"], t["props"]["year"]) for t in ties} == {
        ("sci:a", "sci:b", 2021),
        ("sci:b", "sci:a", 2021),
    }
    assert build_parser().parse_args(["import", "--allow-duplicates", "a.csv"]).allow_duplicates


# --- 11. XLSX memory ------------------------------------------------------------------------


def _workbook_with_shared_strings(directory: Path, count: int) -> Path:
    """A small workbook with one record and a shared-strings part of ``count`` strings, compressed a thousandfold."""
    directory.mkdir()
    path, plain = directory / "Scientist.xlsx", directory / "plain.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Scientist"
    sheet.append(["uid", "name"])
    sheet.append(["sci:x", "甲（虚构）"])
    book.save(plain)
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    strings = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t>a</t></si>" * count
        + b"</sst>"
    )
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override)
            target.writestr(item.filename, data)
        target.writestr("xl/sharedStrings.xml", strings)
    return path


def test_a_workbook_past_the_limits_is_refused_before_parsing(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past the shared-string count (the real limit: a 40 KB file holding 17 MB of strings).
    many = _workbook_with_shared_strings(tmp_path / "many", workbook.MAX_SHARED_STRINGS + 1)
    assert many.stat().st_size < 100_000
    error = _rejected(store, [many])
    assert [(p.file, p.row) for p in error.problems] == [("Scientist.xlsx", None)]
    assert f"{workbook.MAX_SHARED_STRINGS:,} shared strings" in error.report()

    # Past a part's uncompressed size (the limit lowered, so the file stays small).
    monkeypatch.setattr(workbook, "MAX_PART_BYTES", 64 * 1024)
    large = _workbook_with_shared_strings(tmp_path / "large", 5000)
    error = _rejected(store, [large])
    assert [p.file for p in error.problems] == ["Scientist.xlsx"]
    assert "xl/sharedStrings.xml" in error.report()
    assert "MiB" in error.report()

    # Within the limits, the same workbook imports.
    monkeypatch.undo()
    import_files(store, [_workbook_with_shared_strings(tmp_path / "fine", 100)])
    assert get_entity(store, "sci:x") is not None
