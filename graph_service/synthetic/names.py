"""Plainly fictional names: every synthetic person and organisation is marked as such.

People: ``李青山（虚构）`` / ``Li Qingshan (fictional)``. Organisations start with ``示例·``
(example) and say so in English: ``示例·蓉芯微电子有限公司`` / ``Example Rongxin Microelectronics
Co.``. Names are drawn from small syllable tables; the marker makes clear that any likeness
to a real person or company is chance.
"""

from __future__ import annotations

import random

SURNAMES = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("赵", "Zhao"),
    ("黄", "Huang"),
    ("周", "Zhou"),
    ("吴", "Wu"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("胡", "Hu"),
    ("朱", "Zhu"),
    ("高", "Gao"),
    ("林", "Lin"),
    ("何", "He"),
    ("郭", "Guo"),
    ("罗", "Luo"),
    ("唐", "Tang"),
]
GIVEN = [
    ("青", "qing"),
    ("山", "shan"),
    ("明", "ming"),
    ("远", "yuan"),
    ("晓", "xiao"),
    ("雨", "yu"),
    ("子", "zi"),
    ("涵", "han"),
    ("思", "si"),
    ("博", "bo"),
    ("文", "wen"),
    ("静", "jing"),
    ("嘉", "jia"),
    ("宁", "ning"),
    ("承", "cheng"),
    ("泽", "ze"),
    ("舟", "zhou"),
    ("岚", "lan"),
    ("航", "hang"),
    ("蓉", "rong"),
]
PLACE_WORDS = [
    ("蓉", "Rong"),
    ("天府", "Tianfu"),
    ("锦江", "Jinjiang"),
    ("巴渝", "Bayu"),
    ("青城", "Qingcheng"),
    ("峨眉", "Emei"),
    ("岷江", "Minjiang"),
    ("嘉陵", "Jialing"),
    ("永川", "Yongchuan"),
    ("西岭", "Xiling"),
]
# The place words that belong to each seed place, so an organisation's name says where it is
# (a 巴渝 company is not in 成都); a place of another seed draws from all of them.
_PLACES: dict[str, list[tuple[str, str]]] = {
    "成都市": [("蓉", "Rong"), ("天府", "Tianfu"), ("锦江", "Jinjiang"), ("青城", "Qingcheng"), ("西岭", "Xiling")],
    "四川天府新区": [("天府", "Tianfu"), ("蓉", "Rong")],
    "成都东部新区": [("蓉", "Rong"), ("岷江", "Minjiang")],
    "重庆市": [("巴渝", "Bayu"), ("嘉陵", "Jialing")],
    "永川区": [("永川", "Yongchuan"), ("巴渝", "Bayu")],
}


def places(region: str | None) -> list[tuple[str, str]]:
    """The place words a name in ``region`` may carry.

    >>> [cn for cn, _ in places("永川区")]
    ['永川', '巴渝']
    """
    return _PLACES.get(region or "", PLACE_WORDS)


TRADE_WORDS = [
    ("芯", "xin", "微电子", "Microelectronics"),
    ("光", "guang", "光电", "Optoelectronics"),
    ("医", "yi", "生物医药", "Biopharma"),
    ("能", "neng", "新能源", "New Energy"),
    ("智", "zhi", "智能科技", "Intelligent Technology"),
    ("航", "hang", "航空科技", "Aviation Technology"),
    ("材", "cai", "新材料", "New Materials"),
    ("数", "shu", "数据科技", "Data Technology"),
    ("农", "nong", "农业科技", "Agritech"),
    ("车", "che", "汽车科技", "Automotive Technology"),
]
INSTITUTION_TYPES = [
    ("研究院", "Research Institute", "institute"),
    ("大学", "University", "university"),
    ("重点实验室", "Key Laboratory", "laboratory"),
]
AGENCY_TYPES = [
    ("技术转移中心", "Technology Transfer Centre", "transfer"),
    ("知识产权服务中心", "IP Service Centre", "ip"),
    ("检验检测中心", "Testing Centre", "testing"),
    ("孵化器", "Incubator", "incubation"),
    ("科技金融服务中心", "Tech Finance Centre", "finance"),
    ("律师事务所", "Law Firm", "legal"),
]
INVESTOR_TYPES = [
    ("创投", "Ventures", "vc"),
    ("天使基金", "Angel Fund", "angel"),
    ("产业引导基金", "Guidance Fund", "guidance"),
    ("种子基金", "Seed Fund", "seed"),
]
METHOD_WORDS = ["一种", "基于", "面向", "高效", "低成本", "新型"]


def person(rng: random.Random) -> tuple[str, str]:
    surname, surname_en = rng.choice(SURNAMES)
    parts = [rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))]
    given = "".join(p[0] for p in parts)
    given_en = "".join(p[1] for p in parts).capitalize()
    return f"{surname}{given}（虚构）", f"{surname_en} {given_en} (fictional)"


def code(index: int, count: int) -> tuple[str, str]:
    """A name part unique to ``index`` among ``count`` (given-name characters as base-20 digits).

    Every entity of a kind gets one of the same length, so no two share a name.

    >>> code(0, 300), code(21, 300)
    (('青青', 'Qingqing'), ('山山', 'Shanshan'))
    """
    digits = 1
    while len(GIVEN) ** digits < count:
        digits += 1
    parts = []
    for _ in range(digits):
        index, digit = divmod(index, len(GIVEN))
        parts.append(GIVEN[digit])
    return "".join(p[0] for p in parts), "".join(p[1] for p in parts).capitalize()


def organisation(
    rng: random.Random, cn_suffix: str, en_suffix: str, index: int = 0, count: int = 1, region: str | None = None
) -> tuple[str, str]:
    place, place_en = rng.choice(places(region))
    rng.choice(GIVEN)  # drawn as before, so every later draw of the generator stays the same
    word, word_en = code(index, count)
    return f"示例·{place}{word}{cn_suffix}", f"Example {place_en} {word_en} {en_suffix}"


# What an enterprise's field says about its trade, by words in the field's name.
TRADE_KEYWORDS: dict[int, tuple[str, ...]] = {
    0: ("集成电路", "芯片", "半导体", "电子", "EDA"),
    1: ("光电", "显示", "激光", "光"),
    2: ("医", "药", "生物", "健康"),
    3: ("能源", "储能", "电池", "氢", "光伏", "电力"),
    4: ("智能", "机器人", "软件", "人工智能", "数字"),
    5: ("航空", "航天", "飞", "无人机"),
    6: ("材料",),
    7: ("数据", "信息", "计算", "网络", "通信"),
    8: ("农", "食品", "种"),
    9: ("汽车", "车"),
}
GENERIC_TRADE = ("科", "ke", "科技", "Technology")


def trade_of(field_name: str) -> tuple[str, str, str, str]:
    """The trade words an enterprise of this field is named by (a battery maker is 新能源, not 农业)."""
    for trade, words in TRADE_KEYWORDS.items():
        if any(w in field_name for w in words):
            return TRADE_WORDS[trade]
    return GENERIC_TRADE


def enterprise(
    rng: random.Random, field_name: str = "", index: int = 0, count: int = 1, region: str | None = None
) -> tuple[str, str]:
    place, place_en = rng.choice(places(region))
    rng.choice(TRADE_WORDS)  # drawn as before, so every later draw of the generator stays the same
    _, _, trade, trade_en = trade_of(field_name)
    word, word_en = code(index, count)
    return f"示例·{place}{word}{trade}有限公司", f"Example {place_en} {word_en} {trade_en} Co."


def achievement(rng: random.Random, field_name: str, field_name_en: str) -> tuple[str, str]:
    word = rng.choice(METHOD_WORDS)
    return f"{word}{field_name}关键技术（示例）", f"Example key technology in {field_name_en.lower()}"
