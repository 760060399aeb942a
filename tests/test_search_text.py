"""Search terms past the doctests: every bigram of every run is indexed and every one must match."""

from __future__ import annotations

from graph_service.domain.search_text import cjk_bigrams, pinyin_pairs, query_terms, search_terms, split_pinyin
from graph_service.services.explore.search import search
from graph_service.store.embedded import EmbeddedStore
from tests import ecosystem


def test_every_run_gives_all_its_bigrams_in_order() -> None:
    assert cjk_bigrams("四川省电子学会 and 天府青百会") == [
        *["四川", "川省", "省电", "电子", "子学", "学会"],
        *["天府", "府青", "青百", "百会"],
    ]
    assert cjk_bigrams("甲 乙丙") == ["甲", "乙丙"], "a one-character run stands for itself"
    assert cjk_bigrams("Chengdu") == []


def test_indexed_terms_hold_every_bigram_word_and_syllable_pair_of_every_text() -> None:
    terms = search_terms(["示例大学", "Example University", "示例大学"]).split()
    assert terms == ["示例", "例大", "大学", "shili", "lida", "daxue", "example", "university"]
    assert pinyin_pairs("甲 乙丙") == ["yibing"]
    assert pinyin_pairs("成都 高新") == ["chengdu", "gaoxin"], "every run's pairs, not the last run's"


def test_pinyin_splits_into_the_fewest_syllables_the_first_found_on_a_tie() -> None:
    assert split_pinyin("a") == ["a"]
    assert split_pinyin("xian") == ["xian"]
    assert split_pinyin("fangan") == ["fan", "gan"], "fang-an splits as few: the first found stays"


def test_a_query_keeps_every_term_once() -> None:
    assert query_terms("示例大学 示例 Hi-tech hi") == ["示例", "例大", "大学", "hi", "tech"]


def test_a_search_must_match_every_bigram_not_only_the_first(store: EmbeddedStore) -> None:
    ecosystem.build(store)  # four names begin with 示例: the university, two enterprises, a fund
    assert [hit.entity.uid for hit in search(store, "示例大学")] == ["inst:u"]
    assert [hit.entity.uid for hit in search(store, "大学")] == ["inst:u"], "a later bigram alone finds it"
    assert {hit.entity.uid for hit in search(store, "示例")} == {"inst:u", "ent:x", "ent:y", "inv:v"}
