"""Import templates: what a 科协 staff member fills in, imported by the real importer into the real engine."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from graph_service.cli.commands import data as data_commands
from graph_service.cli.main import build_parser, main
from graph_service.errors import NotFoundError
from graph_service.ontology import RELATION_SPECS, EntityKind, RelationType, kind_properties
from graph_service.services.explore.entities import get_entity
from graph_service.services.ingest.headers import entity_headers, normalise, relation_headers
from graph_service.services.ingest.importer import import_files
from graph_service.services.ingest.readers import NOTES_SHEET
from graph_service.services.ingest.template import (
    MEDIA_TYPE,
    SUGGESTED,
    columns,
    example_uid,
    parse_subject,
    sheet_title,
    write_template,
)
from graph_service.store.embedded import EmbeddedStore
from tests.api_client import api_client
from tests.raw_cypher import read_raw

K, R = EntityKind, RelationType
SUBJECTS: list[EntityKind | RelationType] = [*EntityKind, *RelationType]


def _rows(path: Path) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("subject", SUBJECTS, ids=lambda s: s.value)
def test_template_headers_examples_drop_downs_and_notes(subject: EntityKind | RelationType, tmp_path: Path) -> None:
    path = write_template(subject, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [sheet_title(subject), NOTES_SHEET]
    data = book.worksheets[0]
    headers = [c.value for c in data[1]]
    # Every header is one the importer reads as the column's property.
    mapping = entity_headers(subject) if isinstance(subject, EntityKind) else relation_headers(subject)
    assert [mapping[normalise(str(h))] for h in headers] == [c.spec.name for c in columns(subject)]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in str(h)) for h in headers), "Chinese headers"
    assert data.max_row == 2, "one example row"
    # A drop-down wherever the values are a closed list or 是/否.
    cols = columns(subject)
    listed = {
        str(rng).split(":")[0].rstrip("0123456789")
        for dv in data.data_validations.dataValidation
        if dv.type == "list"
        for rng in dv.sqref.ranges
    }
    wanted = {
        openpyxl.utils.get_column_letter(i)
        for i, c in enumerate(cols, start=1)
        if c.spec.choices or c.spec.type.value == "boolean" or c.spec.name in SUGGESTED
    }
    assert listed == wanted
    notes = [[c.value for c in row] for row in book[NOTES_SHEET].iter_rows()]
    assert notes[0][:4] == ["列名 / Column", "字段 / Property", "必填 / Required", "类型 / Type"]
    assert [n[0] for n in notes[1 : len(cols) + 1]] == headers
    uid_note = notes[1]
    assert uid_note[2] == "必填 / Required"


def test_drop_downs_offer_words_and_booleans(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_template(K.WORKSTATION, tmp_path / "ws.xlsx"))
    formulas = {dv.formula1 for dv in book.worksheets[0].data_validations.dataValidation if dv.type == "list"}
    assert '"院士（专家）工作站,专家工作站,海外人才工作站,青年科学家工作站,服务站,离岸创新基地"' in formulas
    assert '"国家级,省级,市级,区县级"' in formulas
    society = openpyxl.load_workbook(write_template(K.SOCIETY, tmp_path / "s.xlsx")).worksheets[0]
    rating = [dv for dv in society.data_validations.dataValidation if dv.formula1 == '"5A,4A,3A,2A,1A"']
    assert len(rating) == 1
    assert not rating[0].showErrorMessage, "a rating outside the usual ones is still allowed"
    enterprise = openpyxl.load_workbook(write_template(K.ENTERPRISE, tmp_path / "e.xlsx")).worksheets[0]
    formulas = {dv.formula1 for dv in enterprise.data_validations.dataValidation if dv.type == "list"}
    assert '"是,否"' in formulas
    assert '"种子期,天使轮,A轮,B轮,C轮,成长期,拟上市,已上市"' in formulas
    ranges = [dv for dv in enterprise.data_validations.dataValidation if dv.type == "whole"]
    assert {(dv.formula1, dv.formula2) for dv in ranges} >= {("1800", "2100")}


def test_every_template_imports_as_is(store: EmbeddedStore, tmp_path: Path) -> None:
    paths = [write_template(kind, tmp_path / f"{kind.value}.xlsx") for kind in EntityKind]
    # The types that join a kind to itself name a second example entity: a staff member adds its row.
    for kind in (K.FIELD, K.CHAIN_SEGMENT, K.REGION):
        book = openpyxl.load_workbook(tmp_path / f"{kind.value}.xlsx")
        sheet = book.worksheets[0]
        second = [c.value for c in sheet[2]]
        second[0], second[1] = f"{example_uid(kind)}-2", f"{second[1]}乙"
        sheet.append(second)
        book.save(tmp_path / f"{kind.value}.xlsx")
    paths += [write_template(rel, tmp_path / f"{rel.value}.xlsx") for rel in RelationType]
    report = import_files(store, paths)
    assert sum(report.entities.values()) == len(EntityKind) + 3
    assert report.relations == {rel.value: 1 for rel in RelationType}
    rows = read_raw(store, "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n", {})
    assert {row["type"]: row["n"] for row in rows} == {rel.value: 1 for rel in RelationType}
    station = get_entity(store, example_uid(K.WORKSTATION))
    assert station is not None
    # Chosen in words from the drop-downs, stored as codes.
    assert (station.properties["station_kind"], station.properties["level"]) == ("academician", "national")
    assert station.properties["established"] == 2021
    investor = get_entity(store, example_uid(K.INVESTOR))
    assert investor is not None
    assert investor.properties["stages"] == ["angel", "a"]
    assert investor.properties["aliases"] == ["简称甲", "简称乙"]


def test_a_filled_in_template_round_trips(store: EmbeddedStore, tmp_path: Path) -> None:
    """As a staff member does it: the example row replaced, the file renamed, imported as is."""
    book = openpyxl.load_workbook(write_template(K.ENTERPRISE, tmp_path / "t.xlsx"))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    filled = {
        "唯一标识": "ent:cd-0001",
        "名称": "成都锐芯微电子有限公司",
        "所属区县": "成都高新区",
        "链主企业": "是",
        "专精特新": "否",
        "发展阶段": "B轮",
        "规模": "中型",
        "成立年份": 2012,
        "员工数": 380,
    }
    for i, header in enumerate(headers, start=1):
        sheet.cell(2, i).value = filled.get(str(header))
    book.save(tmp_path / "我们区的企业名单.xlsx")
    investors = openpyxl.load_workbook(write_template(K.INVESTOR, tmp_path / "i.xlsx"))
    investors.save(tmp_path / "投资机构.xlsx")
    ties = openpyxl.load_workbook(write_template(R.INVESTED_IN, tmp_path / "r.xlsx"))
    rel_sheet = ties.worksheets[0]
    assert [c.value for c in rel_sheet[1]][:2] == ["起点标识", "终点标识"]
    rel_sheet["B2"] = "ent:cd-0001"
    ties.save(tmp_path / "投资关系.xlsx")

    files = [tmp_path / n for n in ("我们区的企业名单.xlsx", "投资机构.xlsx", "投资关系.xlsx")]
    report = import_files(store, files)
    assert report.entities == {"Enterprise": 1, "Investor": 1}
    assert report.relations == {"INVESTED_IN": 1}
    entity = get_entity(store, "ent:cd-0001")
    assert entity is not None
    assert entity.name == "成都锐芯微电子有限公司"
    props = entity.properties
    assert (props["region"], props["chain_leader"], props["specialised"]) == ("成都高新区", True, False)
    assert (props["stage"], props["size"], props["founded"], props["employees"]) == ("b", "medium", 2012, 380)
    tie = read_raw(
        store,
        "MATCH (:Entity {uid: $s})-[r:INVESTED_IN]->(:Entity {uid: $t}) RETURN r.round AS round, r.amount AS amount",
        {"s": example_uid(K.INVESTOR), "t": "ent:cd-0001"},
    )
    assert tie == [{"round": "A轮", "amount": 500}]
    # Imported again, unchanged: re-import changes nothing.
    shutil.copy(files[0], tmp_path / "again.xlsx")
    assert import_files(store, [tmp_path / "again.xlsx"]).entities == {"Enterprise": 1}


def test_subjects_by_any_name() -> None:
    assert parse_subject("企业") is K.ENTERPRISE
    assert parse_subject("invested_in") is R.INVESTED_IN
    assert parse_subject("会员/成员") is R.MEMBER_OF
    with pytest.raises(NotFoundError):
        parse_subject("独角兽")
    # Nothing the service records itself is asked for.
    assert "synthetic" not in {c.spec.name for c in columns(K.SCIENTIST)}
    assert {c.spec.name for c in columns(K.SCIENTIST)} == {p.name for p in kind_properties(K.SCIENTIST)} - {"synthetic"}
    assert [c.spec.name for c in columns(R.NEEDS)] == [
        "source",
        "target",
        *(p.name for p in RELATION_SPECS[R.NEEDS].properties),
    ]


def test_template_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "企业模板.xlsx"
    assert main(["template", "--kind", "企业", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert _rows(out)[0][:2] == ["唯一标识", "名称"]
    assert main(["template", "--kind", "企业", "--out", str(tmp_path / "x.csv")]) != 0
    assert main(["template", "--kind", "独角兽", "--out", str(out)]) != 0


def test_the_template_command_s_workbook_goes_through_the_import_command(
    store: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """graph-service template, then graph-service import of the file as written: the staff member's two steps."""
    out = tmp_path / "工作站模板.xlsx"
    assert main(["template", "--kind", "工作站", "--out", str(out)]) == 0
    capsys.readouterr()
    # The command on the test's engine: a second engine must not open the same data.
    monkeypatch.setattr(data_commands, "open_graph", lambda args: contextlib.nullcontext(store))
    args = build_parser().parse_args(["import", str(out)])
    assert args.func(args) == 0
    assert json.loads(capsys.readouterr().out)["entities"] == {"Workstation": 1}
    station = get_entity(store, example_uid(K.WORKSTATION))
    assert station is not None
    assert (station.properties["station_kind"], station.properties["level"]) == ("academician", "national")


def test_template_download(store: EmbeddedStore) -> None:
    with api_client(store=store) as client:
        answer = client.get("/templates/Workstation.xlsx")
        assert answer.status_code == 200
        assert answer.headers["content-type"] == MEDIA_TYPE
        assert "template-Workstation.xlsx" in answer.headers["content-disposition"]
        assert answer.content[:2] == b"PK"
        assert client.get("/templates/投资.xlsx").status_code == 200
        assert client.get("/templates/nothing.xlsx").status_code == 404


def test_a_template_without_its_notes_still_names_its_kind(store: EmbeddedStore, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_template(K.WORKSTATION, tmp_path / "t.xlsx"))
    del book[NOTES_SHEET]
    book.save(tmp_path / "2025年新设工作站.xlsx")
    report = import_files(store, [tmp_path / "2025年新设工作站.xlsx"])
    assert report.entities == {"Workstation": 1}
