"""Candidates selected by relevance to the asker, not by uid; hubs discounted; partial teams."""

from __future__ import annotations

import pytest

from graph_service.domain.records import EntityRecord, PropertyValue, RelationRecord
from graph_service.ontology import EntityKind, RelationType
from graph_service.services.ingest.writer import write_entities, write_relations
from graph_service.services.match.candidates import Need
from graph_service.services.match.recommend import recommend_partners
from graph_service.services.match.scoring import Via, network_proximity
from graph_service.services.match.team import recommend_team
from graph_service.store.embedded import EmbeddedStore

pytestmark = pytest.mark.both_engines

K, R = EntityKind, RelationType
CITIES = ("成都市", "重庆市")


def _entity(kind: EntityKind, uid: str, name: str, **props: PropertyValue) -> EntityRecord:
    return EntityRecord(kind, uid, {"uid": uid, "name": name, **props})


def _field_of_equals(store: EmbeddedStore) -> None:
    """Two fields, each with 100 scientists of equal (missing) weight, half of them in each city."""
    entities = [_entity(K.FIELD, "f:bat", "储能电池"), _entity(K.FIELD, "f:chip", "芯片设计")]
    ties = []
    for field in ("bat", "chip"):
        for i in range(100):
            uid = f"p:{field}:{i:03d}"
            entities.append(_entity(K.SCIENTIST, uid, f"学者{field}{i}", region=CITIES[i % 2]))
            ties.append(RelationRecord(R.IN_FIELD, uid, f"f:{field}", {}))
    write_entities(store, entities)
    write_relations(store, ties)


def _newcomer(store: EmbeddedStore, uid: str, city: str) -> None:
    write_entities(store, [_entity(K.ENTERPRISE, uid, f"新企业{uid}", region=city)])


def _ask(store: EmbeddedStore, uid: str, field: str) -> list[str]:
    recs = recommend_partners(store, uid, kinds=[K.SCIENTIST], need=Need([field]), first=10)
    return [r.partner.uid for r in recs]


def test_equal_weights_give_same_city_members_not_the_lowest_uids(store: EmbeddedStore) -> None:
    _field_of_equals(store)
    _newcomer(store, "e:cd", "成都市")
    found = _ask(store, "e:cd", "f:bat")
    assert len(found) == 10
    chengdu = sorted(f"p:bat:{i:03d}" for i in range(0, 100, 2))
    assert set(found) <= set(chengdu), "all from the asker's city"
    assert sorted(found) != chengdu[:10], "and not simply the lowest uids"


def test_newcomers_with_the_same_need_in_other_cities_or_other_needs_differ(store: EmbeddedStore) -> None:
    _field_of_equals(store)
    for uid, city in (("e:cd1", "成都市"), ("e:cd2", "成都市"), ("e:cq", "重庆市")):
        _newcomer(store, uid, city)
    chengdu, other_chengdu, chongqing = (_ask(store, u, "f:bat") for u in ("e:cd1", "e:cd2", "e:cq"))
    assert chengdu != chongqing
    assert not set(chengdu) & set(chongqing), "each city's newcomer is offered its own city first"
    assert chengdu != other_chengdu, "two newcomers in one city are not handed one list either"
    assert _ask(store, "e:cd1", "f:chip") != chengdu


def test_a_hub_shared_neighbour_counts_less_than_a_private_one(store: EmbeddedStore) -> None:
    entities = [
        _entity(K.ENTERPRISE, "e:1", "企业"),
        _entity(K.SOCIETY, "soc:hub", "大学会"),
        _entity(K.SCIENTIST, "p:friend", "老朋友"),
        _entity(K.SCIENTIST, "s:private", "朋友的合作者"),
    ]
    entities += [_entity(K.SCIENTIST, f"s:hub{i:02d}", f"会员{i}") for i in range(40)]
    ties = [
        RelationRecord(R.MEMBER_OF, "e:1", "soc:hub", {}),
        RelationRecord(R.AFFILIATED_WITH, "p:friend", "e:1", {}),
        RelationRecord(R.COLLABORATED_WITH, "p:friend", "s:private", {}),
    ]
    ties += [RelationRecord(R.MEMBER_OF, f"s:hub{i:02d}", "soc:hub", {}) for i in range(40)]
    write_entities(store, entities)
    write_relations(store, ties)
    hub = Via("soc:hub", "Society", "大学会", "MEMBER_OF", "MEMBER_OF", True, False, 41)
    friend = Via("p:friend", "Scientist", "老朋友", "AFFILIATED_WITH", "COLLABORATED_WITH", False, True, 2)
    assert network_proximity([friend]) > 10 * network_proximity([hub])
    recs = recommend_partners(store, "e:1", kinds=[K.SCIENTIST], first=5)
    assert recs[0].partner.uid == "s:private"
    network = [r for r in recs[0].reasons if r.component == "network"]
    assert network
    assert "老朋友" in network[0].zh
    assert "共有2个联系" in network[0].zh
    hub_member = next(r for r in recs if r.partner.uid.startswith("s:hub"))
    hub_network = next(c for c in hub_member.components if c.name == "network")
    top_network = next(c for c in recs[0].components if c.name == "network")
    assert hub_network.score < top_network.score / 5


def test_a_team_with_no_investor_at_hand_is_returned_partial(store: EmbeddedStore) -> None:
    entities = [
        _entity(K.FIELD, "f:bat", "储能电池"),
        _entity(K.ENTERPRISE, "e:1", "电池企业", region="成都市"),
        _entity(K.SCIENTIST, "p:1", "电池学者", region="成都市"),
        _entity(K.SERVICE_AGENCY, "a:1", "技术转移中心", region="成都市"),
    ]
    ties = [
        RelationRecord(R.NEEDS, "e:1", "f:bat", {"priority": 5}),
        RelationRecord(R.IN_FIELD, "p:1", "f:bat", {}),
        RelationRecord(R.IN_FIELD, "a:1", "f:bat", {}),
    ]
    write_entities(store, entities)
    write_relations(store, ties)
    teams = recommend_team(store, "e:1")
    assert teams
    assert teams[0].missing == ("Investor",)
    assert {m.partner.uid for m in teams[0].members} == {"p:1", "a:1"}
    lacking = [r for r in teams[0].reasons if r.component == "team"]
    assert lacking
    assert "创投机构" in lacking[0].zh
    assert "investor" in lacking[0].en


def test_a_degree_at_the_cap_is_not_shown_as_a_count() -> None:
    from graph_service.services.match.reasons import network_reason
    from graph_service.services.match.scoring import DEGREE_CAP

    hub = Via("soc:hub", "Society", "大学会", "MEMBER_OF", "MEMBER_OF", True, False, DEGREE_CAP)
    reason = network_reason("e:1", "p:1", hub, "Big Society", DEGREE_CAP)
    assert f"逾{DEGREE_CAP}个联系" in reason.zh
    assert f"over {DEGREE_CAP} ties" in reason.en


def test_fields_given_beside_a_text_that_matches_nothing_still_serve(store: EmbeddedStore) -> None:
    _field_of_equals(store)
    _newcomer(store, "e:cd", "成都市")
    recs = recommend_partners(store, "e:cd", kinds=[K.SCIENTIST], need=Need(["f:bat"], "找人合作xyz"), first=5)
    assert len(recs) == 5


def test_a_newcomer_with_nothing_stated_is_offered_the_most_connected(store: EmbeddedStore) -> None:
    """No need, no field, no tie: new ties go most often to those who have many, and the reason counts them."""
    entities = [_entity(K.ENTERPRISE, "e:new", "新企业")]
    entities += [_entity(K.SCIENTIST, f"s:{i:02d}", f"学者{i}") for i in range(30)]
    # s:00 has 14 collaborators, s:01 has 12, s:02 has 10, the rest one each at most.
    ties = [RelationRecord(R.COLLABORATED_WITH, "s:00", f"s:{i:02d}", {}) for i in range(3, 17)]
    ties += [RelationRecord(R.COLLABORATED_WITH, "s:01", f"s:{i:02d}", {}) for i in range(17, 29)]
    ties += [RelationRecord(R.COLLABORATED_WITH, "s:02", f"s:{i:02d}", {}) for i in range(3, 13)]
    write_entities(store, entities)
    write_relations(store, ties)
    recs = recommend_partners(store, "e:new", kinds=[K.SCIENTIST], first=3)
    assert [r.partner.uid for r in recs] == ["s:00", "s:01", "s:02"]
    standing = [reason for reason in recs[0].reasons if reason.component == "credibility"]
    assert [(r.zh, r.en) for r in standing] == [("联系广泛：共14个合作联系", "Well connected: 14 ties")]
    assert [(a.entity, a.name, a.value) for a in standing[0].attributes] == [("s:00", "ties", "14")]


def test_an_investor_three_ties_away_is_found_through_co_investment(store: EmbeddedStore) -> None:
    """No two-tie path reaches an investor from an enterprise; its investors' co-investors do."""
    entities = [
        _entity(K.ENTERPRISE, "e:ask", "求投企业"),
        _entity(K.INVESTOR, "i:mine", "现有投资方"),
        _entity(K.ENTERPRISE, "e:peer", "被投同行"),
        _entity(K.INVESTOR, "i:co", "联合投资方", name_en="Co-investor Capital"),
        _entity(K.INVESTOR, "i:far", "无关投资方"),
    ]
    ties = [
        RelationRecord(R.INVESTED_IN, "i:mine", "e:ask", {}),
        RelationRecord(R.INVESTED_IN, "i:mine", "e:peer", {}),
        RelationRecord(R.INVESTED_IN, "i:co", "e:peer", {}),
    ]
    write_entities(store, entities)
    write_relations(store, ties)
    recs = recommend_partners(store, "e:ask", kinds=[K.INVESTOR], first=5)
    assert recs[0].partner.uid == "i:co"
    [bridge] = [r for r in recs[0].reasons if r.component == "network"]
    assert bridge.zh == "经由现有投资方（共2个联系）与被投同行（共2个联系）相连，相隔三层关系"
    assert bridge.en == "Three ties away: through 现有投资方 (2 ties in all) and 被投同行 (2 ties in all)"
    [path] = bridge.evidence
    assert path.nodes == ("e:ask", "i:mine", "e:peer", "i:co")
    # Every tie of the evidence is in the graph, in its recorded direction.
    assert path.edges == (
        ("i:mine", "INVESTED_IN", "e:ask"),
        ("i:mine", "INVESTED_IN", "e:peer"),
        ("i:co", "INVESTED_IN", "e:peer"),
    )
    network = {r.partner.uid: next(c.score for c in r.components if c.name == "network") for r in recs}
    assert network["i:co"] > 0
    assert network.get("i:far", 0.0) == 0.0
