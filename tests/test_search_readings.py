"""Search past exact fragments: real records first, pinyin, traditional characters, near
misses; regions by their other names."""

from __future__ import annotations

import pytest

from graph_service.domain.records import EntityRecord, PropertyValue, RelationRecord
from graph_service.errors import InvalidInputError, NotFoundError
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.explore.search import Reading, search
from graph_service.services.ingest.search_refresh import refresh_search_terms, search_terms_stale
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.stats import graph_stats, region_names
from graph_service.store import GraphStore
from tests.api_client import api_client, graphql_post
from tests.raw_cypher import write_raw

pytestmark = pytest.mark.both_engines

K = EntityKind


def _entity(kind: EntityKind, uid: str, name: str, **props: PropertyValue) -> EntityRecord:
    return EntityRecord(kind, uid, {"uid": uid, "name": name, **props})


@pytest.fixture
def parks(store: GraphStore) -> GraphStore:
    write_entities(
        store,
        [
            _entity(K.PARK, "park:gaoxin", "成都高新区", region="成都市", name_en="Chengdu Hi-tech Zone"),
            _entity(K.PARK, "park:tianfu", "天府新区", region="成都市"),
            _entity(K.ENTERPRISE, "ent:bank", "成都银行"),
        ],
    )
    return store


def test_real_records_come_first_whatever_is_asked(store: GraphStore) -> None:
    crowd = [_entity(K.WORKSTATION, f"ws:syn{i:03d}", f"合成院士工作站{i}", synthetic=True) for i in range(120)]
    real = [_entity(K.WORKSTATION, f"ws:real{i}", f"真实院士专家工作站{i}", synthetic=False) for i in range(3)]
    write_entities(store, crowd + real)
    for first in (1, 3, 10, 20):
        found = [hit.entity.uid for hit in search(store, "工作站", first=first)]
        assert found[: min(first, 3)] == ["ws:real0", "ws:real1", "ws:real2"][:first]


@pytest.mark.parametrize(
    ("text", "expected", "reading"),
    [
        ("gaoxin", "park:gaoxin", Reading.TERMS),  # syllable pairs are indexed words
        ("chengdugaoxin", "park:gaoxin", Reading.PINYIN),  # split into syllables first
        ("Chengdu Gaoxin", "park:gaoxin", Reading.TERMS),
        ("成都高新區", "park:gaoxin", Reading.TERMS),  # traditional characters
        ("成都高薪区", "park:gaoxin", Reading.PINYIN),  # a homophone slip
        ("成都高兴区", "park:gaoxin", Reading.NEAR_MISS),  # a slip that sounds different
        ("天府新趣", "park:tianfu", Reading.PINYIN),
    ],
)
def test_pinyin_traditional_and_slips_find_the_name(
    parks: GraphStore, text: str, expected: str, reading: Reading
) -> None:
    hits = search(parks, text, first=3)
    assert hits, text
    assert hits[0].entity.uid == expected
    assert hits[0].reading is reading


def test_an_exact_fragment_still_wins_and_unrelated_names_stay_out(parks: GraphStore) -> None:
    assert [h.entity.uid for h in search(parks, "高新", first=5)] == ["park:gaoxin"]
    assert [h.entity.uid for h in search(parks, "Hi-tech", first=5)] == ["park:gaoxin"]
    # "银行" shares no sound with 高新; a near miss must look like the text.
    assert "ent:bank" not in [h.entity.uid for h in search(parks, "成都高兴区", first=5)]
    assert search(parks, "tech", first=5)[0].entity.uid == "park:gaoxin"


def test_terms_stored_by_an_earlier_version_are_re_derived(parks: GraphStore) -> None:
    # As an earlier version stored them: bigrams and words, no pinyin.
    old_terms = "成都 都高 高新 新区 chengdu hi tech zone"
    write_raw(parks, "MATCH (n:Entity {uid: 'park:gaoxin'}) SET n.search_text = $t", {"t": old_terms})
    assert search_terms_stale(parks)
    assert not search(parks, "chengdugaoxin", first=3)
    assert refresh_search_terms(parks) == 3
    assert not search_terms_stale(parks)
    assert search(parks, "chengdugaoxin", first=3)[0].entity.uid == "park:gaoxin"


def test_the_api_says_how_each_hit_matched(parks: GraphStore) -> None:
    with api_client(store=parks) as client:
        body = graphql_post(client, '{ search(text: "成都高兴区", first: 3) { matchedBy entity { uid } } }')
    assert body["data"]["search"][0] == {"matchedBy": "NEAR_MISS", "entity": {"uid": "park:gaoxin"}}


@pytest.mark.parametrize("asked", ["成都市", "成都", "Chengdu", "chengdu city", "CHENGDU", "成都市 "])
def test_a_region_is_found_by_its_other_names(store: GraphStore, asked: str) -> None:
    write_entities(
        store,
        [
            _entity(K.REGION, "region:sc", "四川省", name_en="Sichuan Province", level="province"),
            _entity(K.REGION, "region:cd", "成都市", name_en="Chengdu", level="city", region="四川省"),
            _entity(K.SCIENTIST, "p:1", "学者", region="成都市"),
        ],
    )
    write_relations(store, [RelationRecord(RelationType.WITHIN, "region:cd", "region:sc", {})])
    assert region_names(store, asked) == ["成都市"]
    assert region_names(store, "sichuan") == ["四川省", "成都市"]
    assert graph_stats(store, asked).entity_total == graph_stats(store, "成都市").entity_total


def test_an_unknown_or_ambiguous_region_says_so(store: GraphStore) -> None:
    write_entities(
        store,
        [
            _entity(K.REGION, "region:a", "朝阳区", level="district"),
            _entity(K.REGION, "region:b", "朝阳市", level="city"),
        ],
    )
    with pytest.raises(InvalidInputError, match="朝阳区、朝阳市"):
        region_names(store, "朝阳")
    with pytest.raises(NotFoundError, match="未知地区「火星」"):
        region_names(store, "火星")
