"""Need texts in everyday Chinese read as taxonomy fields, on both engines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph_service.errors import InvalidInputError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services import edit
from graph_service.services.match import need_text
from graph_service.services.match.need_text import MAX_FIELDS, MAX_TEXT, MIN_SHARE, NeedReading, read_need
from graph_service.services.seed import load_demo, seed_dir
from graph_service.store import GraphStore

pytestmark = pytest.mark.both_engines

BATTERY = frozenset(
    {
        "field:energy",
        "field:lithium-battery",
        "field:cathode-anode",
        "field:cell-process",
        "field:energy-storage",
        "field:storage-integration",
        "field:bms",
    }
)
LONG_NEED = (
    "我们是一家位于成都高新区的储能系统集成企业，主要产品是工商业储能柜和集装箱储能系统，"
    "已在四川、重庆的多个工业园区投运，去年出货约两百兆瓦时。"
    "目前电池包在高倍率充放电时温升明显，偶尔出现电芯一致性变差、SOC估算误差大的问题，"
    "希望寻找在电池管理系统算法、电池均衡和热失控预警方面有经验的专家或团队合作，"
    "也欢迎有液冷热管理方案的科研院所联系我们，共同申报省级科技项目，推动成果在本地转化落地。"
)


@pytest.fixture(scope="module")
def demo(module_store: GraphStore) -> GraphStore:
    load_demo(module_store, synthetic_size=300)
    return module_store


def _check_scores(reading: NeedReading) -> None:
    scores = list(reading.fields.values())
    assert 1 <= len(scores) <= MAX_FIELDS
    assert scores[0] == 1.0
    assert scores == sorted(scores, reverse=True)
    assert all(MIN_SHARE <= s <= 1.0 for s in scores)
    assert {u.field for u in reading.understood} <= reading.fields.keys()


@pytest.mark.parametrize(
    ("text", "best", "words"),
    [
        ("固态电池电解质", "field:lithium-battery", {"固态电池", "电解质"}),
        ("锂电池材料", "field:cathode-anode", {"锂电池材料"}),
        ("需要电池管理系统专家", "field:bms", {"电池管理系统"}),
        ("BMS", "field:bms", {"BMS"}),
        ("bms", "field:bms", {"bms"}),
        # Not a lexicon term whole: read by the term inside it.
        ("固态电解质膜", "field:lithium-battery", {"固态电解质"}),
    ],
)
def test_battery_needs_map_to_battery_fields(demo: GraphStore, text: str, best: str, words: set[str]) -> None:
    reading = read_need(demo, text)
    _check_scores(reading)
    assert next(iter(reading.fields)) == best
    assert reading.fields.keys() <= BATTERY
    assert {u.word for u in reading.understood} == words
    assert reading.not_understood == ()


def test_english_words_are_matched_in_any_case_and_number(demo: GraphStore) -> None:
    reading = read_need(demo, "Battery Management Systems")
    _check_scores(reading)
    assert next(iter(reading.fields)) == "field:bms"
    # Reported as written, matched in lower case and singular.
    assert {u.word for u in reading.understood} == {"Battery", "Management", "Systems"}
    assert need_text.segment("Battery Management Systems") == ["battery", "management", "system"]


def test_a_word_the_index_does_not_know_is_read_by_the_words_inside_it(demo: GraphStore) -> None:
    reading = read_need(demo, "电池组")
    assert next(iter(reading.fields)) == "field:lithium-battery"
    assert {u.word for u in reading.understood} == {"电池"}
    assert reading.not_understood == ()


def test_understood_words_name_their_fields(demo: GraphStore) -> None:
    reading = read_need(demo, "需要电池管理系统专家")
    [term] = reading.understood
    assert (term.word, term.field, term.name, term.name_en, term.score) == (
        "电池管理系统",
        "field:bms",
        "电池管理系统",
        "Battery management systems",
        1.0,
    )
    # 需要 and 专家 say what help is wanted, not in which technology: neither is reported.
    assert reading.not_understood == ()


def test_a_long_need_is_read_with_its_unknown_words(demo: GraphStore) -> None:
    assert 180 <= len(LONG_NEED) <= MAX_TEXT
    reading = read_need(demo, LONG_NEED)
    _check_scores(reading)
    assert next(iter(reading.fields)) == "field:bms"
    assert "field:storage-integration" in reading.fields
    understood = {(u.word, u.field) for u in reading.understood}
    assert {("电池管理系统", "field:bms"), ("热失控预警", "field:bms"), ("储能柜", "field:storage-integration")} <= (
        understood
    )
    # A place is not a technology; stopwords are neither understood nor not understood.
    assert "成都" in reading.not_understood
    reported = {u.word for u in reading.understood} | set(reading.not_understood)
    assert not reported & {"我们", "需要", "专家", "寻找", "合作", "的", "团队"}


def test_a_need_of_several_technologies_keeps_each(demo: GraphStore) -> None:
    reading = read_need(demo, "寻找碳化硅功率器件封装专家")
    _check_scores(reading)
    assert list(reading.fields)[:2] == ["field:power-semiconductor", "field:packaging-test"]


def test_text_of_the_longest_length_is_read_and_one_more_is_refused(demo: GraphStore) -> None:
    assert read_need(demo, "电池管理系统" * (MAX_TEXT // 6) + "电" * (MAX_TEXT % 6)).fields
    with pytest.raises(InvalidInputError) as refused:
        read_need(demo, "电" * (MAX_TEXT + 1))
    message = str(refused.value)
    assert "longer than 500 characters" in message
    assert "需求描述超过 500 字" in message


def test_a_need_that_matches_nothing_is_refused_naming_the_words_tried(demo: GraphStore) -> None:
    with pytest.raises(InvalidInputError) as refused:
        read_need(demo, "量子烹饪学xyz")
    message = str(refused.value)
    assert "no field matches the need text" in message
    assert "未匹配到任何技术领域" in message
    assert all(word in message for word in ("量子", "烹饪", "xyz"))


@pytest.mark.parametrize("text", ["需要专家合作", "   "])
def test_a_need_without_technology_words_is_refused(demo: GraphStore, text: str) -> None:
    with pytest.raises(InvalidInputError, match="需求描述"):
        read_need(demo, text)


def test_the_index_is_built_once_per_graph_version(demo: GraphStore) -> None:
    first = need_text.need_index(demo)
    before = demo.round_trips
    assert need_text.need_index(demo) is first
    read_need(demo, "BMS")
    # Only the version check reaches the engine.
    assert demo.round_trips - before <= 2


def test_graph_texts_teach_the_index_new_words(demo: GraphStore) -> None:
    # Last of the demo's tests: the words it adds are in no other test's need.
    with pytest.raises(InvalidInputError):
        read_need(demo, "XQZ9热压")
    edit.upsert_entity(demo, EntityKind.ACHIEVEMENT, {"uid": "ach:xqz9", "name": "XQZ9型电芯热压工艺"})
    edit.link(demo, RelationType.IN_FIELD, "ach:xqz9", "field:cell-process", {"weight": 1.0})
    edit.upsert_entity(
        demo, EntityKind.SCIENTIST, {"uid": "sci:zzt7", "name": "测试专家", "description": "长期研究ZZT7均衡算法"}
    )
    edit.link(demo, RelationType.IN_FIELD, "sci:zzt7", "field:bms", {"weight": 1.0})
    # The write moved the graph's version: the next reading sees the new texts.
    assert next(iter(read_need(demo, "XQZ9").fields)) == "field:cell-process"
    assert next(iter(read_need(demo, "ZZT7").fields)) == "field:bms"


def test_segmenting_writes_no_cache_and_logs_nothing(tmp_path: Path) -> None:
    # A fresh interpreter, so the dictionary is built here with the temp dir pointed at tmp_path.
    code = "from graph_service.services.match.need_text import segment; print(segment('需要电池管理系统专家'))"
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        env={"TMPDIR": str(tmp_path), "PATH": "", "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "电池" in done.stdout
    assert done.stderr == ""
    assert list(tmp_path.iterdir()) == []


def _seed_fields() -> dict[str, dict[str, object]]:
    with (seed_dir() / "fields.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    fields = {str(r["uid"]): r for r in records if r.get("kind") == "Field"}
    broader = {str(r["target"]) for r in records if r.get("type") == "BROADER"}
    return {uid: {**record, "leaf": uid not in broader} for uid, record in fields.items()}


def test_the_lexicon_covers_every_field_and_each_leaf_with_eight_terms() -> None:
    fields = _seed_fields()
    with (seed_dir() / need_text.LEXICON_FILE).open(encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle if line.strip()]
    lexicon = {line["field"]: line["terms"] for line in lines}
    assert len(lexicon) == len(lines), "a field is listed twice"
    assert set(lexicon) - fields.keys() == set(), "lexicon fields missing from fields.jsonl"
    assert fields.keys() - set(lexicon) == set(), "fields without lexicon terms"
    for uid, terms in lexicon.items():
        assert all(isinstance(t, str) and t.strip() == t and t for t in terms), uid
        assert len(set(terms)) == len(terms), f"{uid} repeats a term"
        assert len(terms) >= (8 if fields[uid]["leaf"] else 5), uid
    assert need_text.read_lexicon() == {uid: tuple(terms) for uid, terms in lexicon.items()}
