"""Import templates: an Excel workbook per entity kind or relationship type, to fill in and import as is.

The data sheet has the importer's Chinese headers (each property's own label), one example
row that imports as it stands, drop-down lists for closed vocabularies (in words: 国家级, not
``national``) and for 是/否, and range checks for numbers. The sheet's name tells the importer
what the rows are, whatever the file is renamed to. A notes sheet (``NOTES_SHEET``, which the
importer skips) explains each column: required or not, type, allowed values, an example.
Example uids are ``example:<kind>``, so a relationship template's example row joins the
example rows of its kinds' templates when they are imported together (a type joining one kind
to itself names a second one, ``example:<kind>-2``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from graph_service.errors import NotFoundError
from graph_service.ontology import (
    KIND_SPECS,
    RELATION_SPECS,
    EntityKind,
    PropertySpec,
    PropertyType,
    RelationType,
    kind_properties,
    parse_kind,
    parse_relation,
)
from graph_service.ontology.vocabulary import value_label
from graph_service.services.export.tables import text_width
from graph_service.services.ingest.readers import NOTES_SHEET

Subject = EntityKind | RelationType
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows the drop-downs and checks cover: more than a staff member types in by hand.
ROWS = 2000
# Recorded by the service itself, not by whoever fills in a template.
LEFT_OUT = frozenset({"synthetic"})
# Excel refuses these in a sheet's name.
_SHEET_FORBIDDEN = set("/\\?*[]:")
_REQUIRED_FILL = PatternFill("solid", fgColor="FDE2E1")
_HEADER_FILL = PatternFill("solid", fgColor="E8EEF7")
NOTES_HEADERS = (
    "列名 / Column",
    "字段 / Property",
    "必填 / Required",
    "类型 / Type",
    "可选值 / Allowed values",
    "示例 / Example",
    "说明 / Notes",
)
_TYPE_WORDS = {
    PropertyType.STRING: "文本 / Text",
    PropertyType.INTEGER: "整数 / Whole number",
    PropertyType.FLOAT: "数字 / Number",
    PropertyType.BOOLEAN: "是/否 / Yes or no",
    PropertyType.STRING_LIST: "多个文本，用；分隔 / Several texts, separated by ；",
}
_NAMES = {
    EntityKind.SCIENTIST: "张明（示例）",
    EntityKind.SOCIETY: "四川省示例学会",
    EntityKind.ENTERPRISE: "成都示例科技有限公司",
    EntityKind.PARK: "示例高新技术产业园区",
    EntityKind.INVESTOR: "示例创业投资基金",
    EntityKind.SERVICE_AGENCY: "示例技术转移中心",
    EntityKind.INSTITUTION: "示例大学",
    EntityKind.WORKSTATION: "示例院士（专家）工作站",
    EntityKind.ACHIEVEMENT: "一种示例材料的制备方法",
    EntityKind.FIELD: "示例技术领域",
    EntityKind.INDUSTRY_CHAIN: "示例产业链",
    EntityKind.CHAIN_SEGMENT: "示例环节",
    EntityKind.REGION: "示例区",
    EntityKind.PROGRAMME: "示例计划",
}
# An example for a property wherever it appears; choices and yes/no are taken from the ontology.
_EXAMPLES: dict[str, object] = {
    "name_en": "Example",
    "aliases": "简称甲；简称乙",
    "region": "成都市",
    "tags": "示例；待核实",
    "description": "示例行：导入前请替换或删除",
    "source": "科协填报",
    "website": "https://example.com",
    "title": "研究员",
    "young": "是",
    "phone": "028-00000000",
    "email": "someone@example.com",
    "rating": "5A",
    "chain_leader": "是",
    "founded": 2015,
    "employees": 120,
    "focus_industries": "集成电路；生物医药",
    "district": "高新区",
    "stages": "天使轮；A轮",
    "sectors": "集成电路；新能源",
    "fund_size": 50000,
    "services": "技术转移；知识产权",
    "accreditation": "国家技术转移示范机构",
    "established": 2021,
    "trl": 6,
    "year": 2023,
    "depth": 1,
    "position": 1,
    "role": "理事",
    "since": 2020,
    "weight": 0.8,
    "priority": 1,
    "round": "A轮",
    "amount": 500,
    "date": "2023-06-01",
    "service": "技术转移",
    "value": 100,
    "collaboration": "联合研发",
}
# Open text the drop-down still offers the usual values of (社会组织评估等级): offered, not enforced.
SUGGESTED: dict[str, tuple[str, ...]] = {"rating": ("5A", "4A", "3A", "2A", "1A")}
R = RelationType
# The typical tie of a type, where the first kinds it allows would make an odd example.
_ENDS: dict[RelationType, tuple[EntityKind, EntityKind]] = {
    R.LOCATED_IN: (EntityKind.ENTERPRISE, EntityKind.PARK),
    R.HOSTED_BY: (EntityKind.WORKSTATION, EntityKind.ENTERPRISE),
    R.COLLABORATED_WITH: (EntityKind.SCIENTIST, EntityKind.ENTERPRISE),
    R.PARTNER_OF: (EntityKind.ENTERPRISE, EntityKind.PROGRAMME),
    R.FOCUSES_ON: (EntityKind.PARK, EntityKind.INDUSTRY_CHAIN),
}
_REL_EXAMPLES: dict[tuple[RelationType, str], object] = {
    (R.AFFILIATED_WITH, "role"): "研究员",
    (R.STATIONED_AT, "role"): "进站专家",
    (R.IN_SEGMENT, "role"): "龙头企业",
    (R.PARTNER_OF, "role"): "生态伙伴单位",
    (R.MEMBER_OF, "role"): "会员",
    (R.NEEDS, "description"): "需要示例材料的量产工艺",
}
_NOTES = {
    "uid": "每条记录唯一，只能由字母、数字和 _ . : - 组成；再次导入同一标识会更新该记录 "
    "/ Unique per record: letters, digits and _ . : - ; importing it again updates the record",
    "name": "全称 / Full name",
    "region": "所在地区，如 成都市、成都高新区 / The region it is in, e.g. 成都市",
    "source": "数据从何而来 / Where the data came from",
    "phone": "联系方式，仅有权限的角色可见 / Contact data, shown only to privileged roles",
    "email": "联系方式，仅有权限的角色可见 / Contact data, shown only to privileged roles",
}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a template: its header, the property it fills and its example."""

    header: str
    spec: PropertySpec
    example: object
    note: str


def parse_subject(text: str) -> Subject:
    """The entity kind or relationship type ``text`` names (Enterprise, 企业, MEMBER_OF, 会员/成员…)."""
    found: Subject | None = parse_kind(text) or parse_relation(text)
    if found is None:
        known = ", ".join([*(k.value for k in EntityKind), *(r.value for r in RelationType)])
        raise NotFoundError(f"no template for '{text}' (kinds and relationship types: {known}) / 没有该类型的模板")
    return found


def example_uid(kind: EntityKind) -> str:
    return f"example:{kind.value.lower()}"


def sheet_title(subject: Subject) -> str:
    """The data sheet's name: Chinese where Excel allows it and it names the subject back."""
    if isinstance(subject, EntityKind):
        spec = KIND_SPECS[subject]
        # A sheet named like a relationship type would be read as one (the importer asks that first).
        names = [n for n in (spec.zh, *spec.headers) if parse_kind(n) is subject and parse_relation(n) is None]
    else:
        names = [n for n in (RELATION_SPECS[subject].zh,) if parse_relation(n) is subject]
    allowed = [n for n in names if not _SHEET_FORBIDDEN & set(n)]
    return allowed[0] if allowed else str(subject.value)


def _words(spec: PropertySpec) -> list[str]:
    return [value_label(spec.name, code)[0] for code in spec.choices]


def _example(spec: PropertySpec) -> object:
    if spec.name in _EXAMPLES:
        return _EXAMPLES[spec.name]
    if spec.choices:
        return _words(spec)[0]
    if spec.type is PropertyType.BOOLEAN:
        return "否"
    if spec.type in (PropertyType.INTEGER, PropertyType.FLOAT):
        return spec.minimum if spec.minimum is not None else 1
    return spec.zh


def _type_words(spec: PropertySpec) -> str:
    if spec.choices and spec.type is PropertyType.STRING_LIST:
        return "从列表中选一个或多个，用；分隔 / One or more from the list, separated by ；"
    if spec.choices:
        return "从下拉列表中选择 / Pick from the drop-down list"
    return _TYPE_WORDS[spec.type]


def _allowed(spec: PropertySpec) -> str:
    if spec.name in SUGGESTED:
        return f"常用：{'、'.join(SUGGESTED[spec.name])}（也可填其他）/ Usual values; others allowed"
    if spec.choices:
        return "、".join(_words(spec))
    if spec.type is PropertyType.BOOLEAN:
        return "是、否"
    low, high = spec.minimum, spec.maximum
    if low is not None and high is not None:
        return f"{low:g} – {high:g}"
    if low is not None:
        return f"≥ {low:g}"
    return ""


def _kinds_words(kinds: frozenset[EntityKind]) -> str:
    return "、".join(KIND_SPECS[k].zh for k in EntityKind if k in kinds)


def columns(subject: Subject) -> list[Column]:
    """The template's columns in order, each with its example value."""
    if isinstance(subject, EntityKind):
        out = []
        for spec in kind_properties(subject):
            if spec.name in LEFT_OUT:
                continue
            example: object = {"uid": example_uid(subject), "name": _NAMES[subject]}.get(spec.name) or _example(spec)
            out.append(Column(spec.zh, spec, example, _NOTES.get(spec.name, f"{spec.zh} / {spec.en}")))
        return out
    rel = RELATION_SPECS[subject]
    first_source, first_target = _ENDS.get(subject, (next(k for k in EntityKind if k in rel.sources), None))
    others = [k for k in EntityKind if k in rel.targets and k is not first_source]
    # No tie to itself in the example: a second entity of the kind when the type joins only one.
    if first_target is not None:
        second = example_uid(first_target)
    else:
        second = example_uid(others[0]) if others else f"{example_uid(first_source)}-2"
    ends = [
        Column(
            "起点标识",
            PropertySpec("source", PropertyType.STRING, "起点标识", "Source uid", required=True),
            example_uid(first_source),
            f"起点的唯一标识，可为：{_kinds_words(rel.sources)} / The source's uid",
        ),
        Column(
            "终点标识",
            PropertySpec("target", PropertyType.STRING, "终点标识", "Target uid", required=True),
            second,
            f"终点的唯一标识，可为：{_kinds_words(rel.targets)} / The target's uid",
        ),
    ]
    props = [
        Column(s.zh, s, _REL_EXAMPLES.get((subject, s.name)) or _example(s), f"{s.zh} / {s.en}") for s in rel.properties
    ]
    return ends + props


def _validation(spec: PropertySpec, header: str) -> DataValidation | None:
    prompt = f"{spec.zh} / {spec.en}"
    if spec.choices or spec.type is PropertyType.BOOLEAN or spec.name in SUGGESTED:
        words = _words(spec) if spec.choices else list(SUGGESTED.get(spec.name, ("是", "否")))
        several = spec.type is PropertyType.STRING_LIST or spec.name in SUGGESTED
        check = DataValidation(
            type="list",
            formula1='"' + ",".join(words) + '"',
            allow_blank=True,
            # A list property takes several values (种子期；天使轮), a suggestion others: offered, not enforced.
            showErrorMessage=not several,
            errorTitle="不是可选值 / Not a choice"[:32],
            error=f"请从下拉列表中选择：{'、'.join(words)}"[:255],
        )
        if spec.name in SUGGESTED:
            prompt += "；可从下拉列表中选择，也可填其他"
        else:
            prompt += "；可填多个，用；分隔" if several else "；从下拉列表中选择"
    elif spec.type in (PropertyType.INTEGER, PropertyType.FLOAT) and spec.minimum is not None:
        kind = "whole" if spec.type is PropertyType.INTEGER else "decimal"
        low, high = spec.minimum, spec.maximum
        operator = "between" if high is not None else "greaterThanOrEqual"
        check = DataValidation(
            type=kind,
            operator=operator,
            formula1=f"{low:g}",
            formula2=f"{high:g}" if high is not None else None,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="超出范围 / Out of range",
            error=f"{spec.zh}应为{_allowed(spec)}的{'整数' if kind == 'whole' else '数字'}",
        )
    else:
        return None
    check.showInputMessage = True
    check.promptTitle = header[:32]
    check.prompt = prompt[:255]
    return check


def _data_sheet(sheet: Worksheet, subject: Subject, cols: list[Column]) -> None:
    sheet.append([c.header for c in cols])
    sheet.append([c.example for c in cols])
    for index, col in enumerate(cols, start=1):
        letter = get_column_letter(index)
        head = sheet.cell(1, index)
        head.font = Font(bold=True, color="9C0006" if col.spec.required else None)
        head.fill = _REQUIRED_FILL if col.spec.required else _HEADER_FILL
        head.alignment = Alignment(horizontal="center")
        check = _validation(col.spec, col.header)
        if check is not None:
            sheet.add_data_validation(check)
            check.add(f"{letter}2:{letter}{ROWS}")
        if col.spec.type in (PropertyType.STRING, PropertyType.STRING_LIST):
            # Typed as text: a uid like 001 or a phone number keeps its leading zeros.
            sheet.cell(2, index).number_format = "@"
        width = max(text_width(col.header), text_width(col.example), 8)
        sheet.column_dimensions[letter].width = min(width, 40) + 4
    sheet.freeze_panes = "B2" if isinstance(subject, EntityKind) else "C2"


def _notes_sheet(sheet: Worksheet, subject: Subject, cols: list[Column], title: str) -> None:
    sheet.append(list(NOTES_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for col in cols:
        sheet.append(
            [
                col.header,
                col.spec.name,
                "必填 / Required" if col.spec.required else "选填 / Optional",
                _type_words(col.spec),
                _allowed(col.spec),
                str(col.example),
                col.note,
            ]
        )
    if isinstance(subject, EntityKind):
        spec = KIND_SPECS[subject]
        what = f"{spec.zh}（{spec.en}）：{spec.description_zh} / {spec.description_en}"
    else:
        rel = RELATION_SPECS[subject]
        what = (
            f"关系「{rel.zh}」（{rel.en}）：起点为 {_kinds_words(rel.sources)}，终点为 {_kinds_words(rel.targets)}；"
            "两端须已在图中，或在同一次导入的文件中"
        )
    general = [
        what,
        "每行一条记录；第 2 行是示例，导入前请替换或删除。"
        "/ One record a row; row 2 is an example: replace or delete it.",
        "红色表头为必填列；有下拉箭头的列请从列表中选择。/ Red headers are required; pick from the drop-down lists.",
        "多个值用分号（；）或顿号（、）分隔。/ Separate several values with ； or 、.",
        f"请勿修改工作表名「{title}」：导入时据此识别数据类型。"
        "/ Keep the sheet's name: it tells the importer what the rows are.",
        "导入：graph-service import 本文件.xlsx；全部检查通过才写入，出错时报告文件、行和列。"
        "/ Import with graph-service import FILE.xlsx: all or nothing, problems named by row and column.",
    ]
    sheet.append([])
    for line in general:
        sheet.append([line])
    widths = [16, 18, 16, 30, 40, 24, 60]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2, max_row=len(cols) + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def template_workbook(subject: Subject) -> openpyxl.Workbook:
    """The template for ``subject``: its data sheet first, then the notes."""
    cols = columns(subject)
    book = openpyxl.Workbook()
    data = book.worksheets[0]
    data.title = sheet_title(subject)
    _data_sheet(data, subject, cols)
    _notes_sheet(book.create_sheet(NOTES_SHEET), subject, cols, data.title)
    return book


def template_bytes(subject: Subject) -> bytes:
    buffer = io.BytesIO()
    template_workbook(subject).save(buffer)
    return buffer.getvalue()


def write_template(subject: Subject, out: Path) -> Path:
    """The template for ``subject`` written to ``out`` (an .xlsx file)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    template_workbook(subject).save(out)
    return out


def file_name(subject: Subject) -> str:
    return f"template-{subject.value}.xlsx"
