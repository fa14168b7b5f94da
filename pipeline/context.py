"""Context stage: the region, period, status, indicator and industry of every figure.

Reads a document's sentences once (region mentions, time expressions, plan sections) and then
resolves each metric row from its sentence, clause and paragraph, falling back to the article.
Rules of the language, not of one article:
- region: nearest region named in the figure's clause, else the sentence's opening clause,
  else the sentence, else the paragraph, else the article's region. 我市/全市 → the article's
  city; 全区/新区 → the article's area; 全县/该县 → the county last named (else the article's, when it
  is one), 全旗 likewise of banners; 全盟/全州 → the league/prefecture of the article; 全省 → its province;
  全国/我国 → 100000. Figures after 分别 as many as the regions listed before them are one region's each;
  a place in a later item of a list, or in an item of a list summed up by 等N, is no other figure's. A city's short name outside the article's
  province (中山, 阿里, 白银 are words too) needs a stronger cue: its full name or a national alias.
  A region used as a scope or yardstick (位居全省第3位, 高于全省, 比全省(17.3%)和全国, 全市靠前, 挺进全省)
  or inside a name (山东阳平食品有限公司, 九龙报讯, …产业园, 《…》) is not the figure's region, and a sentence
  without one takes the last region named before it in its paragraph; a company takes the county the
  text places it in. Short names are words too: a district's two characters count only inside the
  article's city or province, Taiwan's districts only in an article about Taiwan, a name before
  镇/村 is a town or a village; words that no rule tells apart are data (region_stopwords.csv).
- period: the time expression nearest before the figure in its clause, else earlier in its
  sentence, else a stock cue (已有, 拥有), else the period carried from the paragraph's lead,
  else the year of the plan the sentence belongs to, else (actual figures) the period the article
  stated last (across a section heading: its lead, stated before the first heading). 同期 is the period
  just stated, 去年同期 that period a year earlier, a bare 全年 the whole year of it; the base of a
  comparison (比上年, 较去年同期) dates nothing. Periods listed before as many listed figures
  (一季度、上半年…分别增长15.2%、13.8%) date them in order, and so do the years of a span (2016年至2018年，
  分别完成…). An undated article's relative times are read against the latest year it reports on.
- status: 预计/有望, or what a project yields once built (建成后可实现) → expected; 力争/确保/目标 …, a
  sentence of a plan, or an item of a target's list (…；…；) → target, a 计划 for its clause only, until
  实际/已 reports a fact; else actual.
"""
from __future__ import annotations

import bisect
import calendar
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple
from functools import lru_cache
from importlib import resources
from itertools import accumulate

import pandas as pd
from ahocorasick_rs import AhoCorasick, MatchKind

from pipeline import numbers, reference
from pipeline.clean import Sentence
from pipeline.periods import CHANGE, CUMULATIVE, NEAR_END_DAYS, TimeSpan, find_spans

# [，,；;。！？!?：:]|……|…|\.{3,} spelled as alternatives that each open with a character: re then skips
# straight to the next break's first character instead of trying the pattern at every position. The
# comma of 1,200 is no break.
CLAUSE_BREAK = re.compile(r"，|," + numbers.NOT_THOUSANDS_COMMA + r"|；|;|。|！|？|!|\?|：|:|……?|\.\.\.+")
CLAUSE_SPLIT = re.compile(f"({CLAUSE_BREAK.pattern})")  # clause, break, clause, …, clause
RELATIVE = {
    "city": ("我市", "全市", "本市", "该市"),
    "area": ("全区", "我区", "本区", "新区", "高新区", "开发区", "经开区"),
    "county": ("全县", "我县", "本县", "该县"),
    "banner": ("全旗", "我旗", "本旗", "该旗"),
    "league": ("全盟", "我盟", "本盟", "该盟"),
    "prefecture": ("全州", "我州", "本州", "该州"),  # an autonomous prefecture (昌吉州); 全州县 keeps its 县
    "province": ("全省", "我省", "本省"),
    "country": ("全国", "我国"),
}
RELATIVE_KIND = {word: kind for kind, words in RELATIVE.items() for word in words}
# a region after these words, or before these, is the yardstick of a comparison, not the subject
SCOPE_BEFORE = ("居", "高于", "低于", "快于", "慢于", "优于", "好于", "领先于", "比", "列", "占", "较", "超")
# 在全省, 于全市, 与全市持平, 挺进全省67个建制县(市)第10名, 获评全省…先进县: a relative word only
SCOPE_BEFORE_RELATIVE = SCOPE_BEFORE + ("在", "于", "与", "挺进", "进入", "跻身", "入选", "入围", "获评")
# 产能达到全国20%左右, 占全国的一半: 全国 is the whole the figure is a share of
SHARE_AFTER_RELATIVE = re.compile(r"的?(?:\d+(?:\.\d+)?%|[一二三四五六七八九]成|一半|[二三四五六七八九十]分之[一二三四五六七八九])")
SCOPE_AFTER = ("首", "第", "唯一", "前列", "领先", "率先", "最", "平均", "同类", "排名", "排位", "总交易",
               "靠前", "靠后", "前茅", "之首")
# 涪城区第六届人民代表大会, 全县第三次党代会, 绥化第四批产业项目: a session or a batch of the region's, not its rank
SESSION_AFTER = re.compile(r"第[\d一二三四五六七八九十]+[届次批期轮]")
# 比全省平均水平(17.3%)和全国(11.4%): the base's own figure in parentheses after it
BASE_FIGURE_AFTER = re.compile(r"[(（]-?\d+(?:\.\d+)?%?[)）]")
# 高于全省和全国, 比全省(7.7%)、全国: a region joined to a yardstick is one too
JOINED_TO_SCOPE = re.compile(r"(?:[(（][^()（）\n]{0,12}[)）]|平均水平|平均|水平|的)*(?:和|与|及|以及|、)")
ORG_SUFFIX = re.compile(
    r"[^\s，。；：、“”‘’《》()（）的已是将在了与及和对把被为]{0,12}?"
    r"(?:股份有限公司|有限责任公司|有限公司|分公司|公司|研究院|研究所|大学|学院|实验室|项目库|实验园区|日报|新闻网|银行|党校"
    r"|中心支行|支行|分行|海关|宾馆|酒店|饭店|产业园)"
    r"|[^\s，。；：、“”‘’《》()（）的已是将在了与及和对把被为]{0,2}(?:集团|网讯|报讯)")
# a region after these is left out of the figure (不含红塔集团), whatever it names
EXCLUDED_BEFORE = ("不含", "不包括", "除")
# 本报兰州讯, 新华社北京电: where the reporter filed from, not what the article is about
DATELINE_BEFORE = ("报", "社", "网", "台")
# 太原10月24日讯, 呼和浩特7月13日消息: the filing date may stand between the place and the word
DATELINE_AFTER = re.compile(r"(?:\d{1,2}月\d{1,2}日)?(?:讯|消息|电(?![力网子气器池视信动商厂站源缆线]))")
# 城厢镇, 城厢街道, 将军村: a township or village that shares a district's short name (乡村 is no township)
TOWNSHIP = re.compile(r"镇|街道|乡(?![村镇])|村(?!镇)")
ADMIN_SUFFIXES = tuple("省市县区州盟旗")
TAIWAN = "710000"
# s20长丰至固始高速公路, 合肥到六安铁路: a route's ends are no figure's region
ROUTE = re.compile(r"(?:高速公路|高速|公路|铁路|高铁|城际|快速路|国道|省道)")
ROUTE_FROM = re.compile(r"[至到—-][^\s，。；：、,]{1,8}?" + ROUTE.pattern)
ASIDE = re.compile(r"[(（][^()（）]*[)）]")  # a parenthesis, innermost
# a title or a short quoted name; a quoted five-year plan (“十四五”) is a time, not a name
NAME_SPAN = re.compile(r"《[^》]*》|“(?!十[一二三四五六七八九]五”)[^”]{0,25}”")
# (completing one, 完成全年目标任务的95%, reports progress: no plan starts there)
PLAN_WORDS = re.compile(r"(?<!完成)(?<!完成全年)(?<!完成年度)"
                        r"(?:谋划|工作计划|行动计划|方案|工作措施|目标任务|工作要点|工作思路|部署|预期目标|主要目标)")
FUTURE = re.compile(r"将|今年(?!以来)|明年|下一步|未来")
PAST = re.compile(r"已|了|累计|去年|上年|同比")
def _status_words(kind: str) -> list[str]:
    with resources.files("pipeline.data").joinpath("metric_cues.toml").open("rb") as fh:
        return tomllib.load(fh)["status"][kind]


EXPECTED = re.compile(r"预计|有望|预期(?!目标)|估计|" + "|".join(map(re.escape, _status_words("projection"))))
def _any_of(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


TARGET = re.compile(r"力争|确保|争创|争取|目标(?:是|为|：|:|达到|值)|预期目标|拟|(?<!完成)(?<!完成年度)(?<!完成全年)计划(?!投资|总投资|总额|的)|将(?:会)?(?:"
                    + _any_of(_status_words("will_verbs")) + r")|(?<![主重需])要(?:实现|达到|突破)|年底前|到20\d\d年")
CLAUSE_PLAN = tuple(_status_words("clause_plan"))
# a clause break followed by a word opening a report of what was done (，实际已开工129项)
ACTUAL_OPENING = re.compile("(?:" + CLAUSE_BREAK.pattern + ")(?=" + _any_of(_status_words("actual_opening")) + ")")
PROGRESS_REACH = 20  # characters before a plan word looked through for a progress word
PROGRESS_BEFORE = re.compile("(?:" + _any_of(_status_words("progress_before")) + r")[^，,；;。：:！？!?\n]*$")
PROGRESS_AFTER = re.compile(r"[^，,；;。：:！？!?\n]{0,6}?(?:" + _any_of(_status_words("progress_after")) + ")")
HELD = re.compile(r"已|拥有|现有")
STOCK = re.compile(HELD.pattern + "|" + _any_of(CUMULATIVE))  # 累计 too, unless its sentence states a change
CONTINUES = re.compile(r"其中|同期|分(?:县区|区县|地区|区域|行业|产业|门类|季度|月份?)看|从[^，。]{1,8}(?:看|来看)")
FIGURE = re.compile(r"\d")  # a figure between a time and the figure it dates
COUNTY_PENDING = "county?"  # 全县 before the county it means is known (resolved in read_document)
BANNER_PENDING = "banner?"  # 全旗 likewise: the banner last named, else the article's
SO_FAR = re.compile(_any_of(_status_words("so_far")))
WHOLE_YEAR_NAMED = re.compile(_any_of(_status_words("whole_year_named")))
NOT_YET = timedelta(days=NEAR_END_DAYS)  # a period ending later than this after publication has not happened yet
RATES = ("growth_rate", "pp_change")  # measures that always have a period (see period_of)
UNDATED = ("day", "base", "same", "same_last", "full", "this_month", "topic")  # kinds that give a figure no period of their own


class Mention(NamedTuple):
    """A region named in a sentence: its span and the code it resolves to. (A named tuple: a frozen
    dataclass took three times as long to make, and an article has dozens, a long one thousands.)"""
    start: int
    end: int
    code: str
    named: bool  # a name in the gazetteer, not 我市/全省 …


@dataclass
class Reading:
    """What one pass over a document found, before any metric is resolved."""
    region: str | None
    city: str | None
    province: str | None
    mentions: dict[int, list[Mention]]  # sentence_id → its mentions; only sentences with any
    times: dict[int, list[TimeSpan]]  # sentence_id → its time expressions; only sentences with any
    plan_year: dict[int, int]  # sentence_id → year of the plan the sentence belongs to
    asides: dict[int, list[tuple[int, int]]]  # sentence_id → its parentheses that hold a mention; only those
    summed: dict[int, dict[int, int]]  # sentence_id → {start of a mention inside a list summed up by 等N: where 等 is}


# --- region mentions ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def _place_words() -> tuple[AhoCorasick, tuple[str, ...]]:
    """One automaton over every region name, alias, relative word and false-place word (合作 …),
    matched leftmost-longest: 山东省 as one word, not 山东 and a stray 省."""
    regions = reference.regions()
    words = tuple(dict.fromkeys([*regions.names, *regions.stopwords, *RELATIVE_KIND]))
    return AhoCorasick(words, matchkind=MatchKind.LeftmostLongest), words


@lru_cache(maxsize=None)
def _candidates(word: str, province: str | None, city: str | None) -> tuple[str, ...]:
    """Codes a name may mean here: county short names only inside the article's province."""
    regions = reference.regions()
    if word in regions.stopwords:
        return ()
    codes = []
    for code in regions.names.get(word, ()):
        r = regions.by_code[code]
        if r.level == "country":
            continue
        if r.province_code == TAIWAN and r.level == "county" and province != TAIWAN:
            continue  # 岩前镇, 将军村, 集中区: Taiwan's districts (前镇, 将军, 中区) only in an article on Taiwan
        short_county = _short_county(word, code)
        if short_county and province and r.province_code != province:
            continue
        if short_county and _short_district(word, code) and not (city and code.startswith(city[:4]) if city else province):
            continue  # 新建(项目), 卧龙(防爆): a district's short name only inside the article's city
        short_city = r.level == "prefecture" and word == r.short_name != r.name and word not in r.aliases
        if short_city and province and province != "100000" and r.province_code != province:
            continue  # 中山(大学), 阿里(巴巴), 白银 in another province's article: a word, not a city
        if short_county and not province and len(regions.names[word]) > 1:
            continue
        codes.append(code)
    if len(codes) > 1:  # 朝阳区 (several cities), 吉林 (province and city): context, then the widest
        near = [c for c in codes if city and c.startswith(city[:4])] or \
               [c for c in codes if province and c.startswith(province[:2])] or codes
        roots = [c for c in near if not any(o != c and o in regions.ancestors(c) for o in near)]
        codes = roots if len(roots) == 1 else []
    return tuple(codes)


def _masked_spans(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Per text, the spans of its 《》 and short “” names (looked for only in a text with what every
    NAME_SPAN opens with: most have neither)."""
    return [[m.span() for m in NAME_SPAN.finditer(t)] if "《" in t or "“" in t else [] for t in texts]


def _inside(pos: tuple[int, int], spans) -> bool:
    return any(s <= pos[0] and pos[1] <= e for s, e in spans)


def scan_regions(text: str, province: str | None, city: str | None,
                 relative: dict[str, str | None]) -> tuple[list[Mention], list[tuple[str, str, int, int]]]:
    """Region mentions of one sentence, and the organisations named after a region (山东冠洲股份有限公司).

    Returns (mentions, orgs) with orgs as (org name, code of the region inside it, start, end);
    a region inside an organisation's name or inside 《》/short “” is not a mention.
    """
    return _mentions(text, _places([text], _masked_spans([text])).get(0, []), province, city, relative)


def _places(texts: list[str], masked: list[list[tuple[int, int]]]) -> dict[int, list[tuple[int, int, str, str | None, int]]]:
    """Per text (by index; only those with any), (start, end, word, relative kind or None, end of the
    organisation it opens or 0) of each place word outside 《》 and short “” names (MASKED: each text's
    _masked_spans) that can name a region: a false-place word or a scope (位居全省) names none.
    None of it depends on the article's province or city, so a document is read once for all of
    read_document's passes; and in one automaton call over its texts joined by line breaks, which no
    word contains and so no match crosses: a call per sentence cost more than its matching."""
    automaton, words = _place_words()
    stopwords = _stopwords()
    joined = "\n".join(texts)
    bounds = list(accumulate((len(t) + 1 for t in texts), initial=0))  # where each text starts in JOINED
    places: dict[int, list[tuple[int, int, str, str | None, int]]] = {}
    i = 0
    scope_end = -1  # where the last region read as a yardstick ends in JOINED
    for w, start, end in automaton.find_matches_as_indexes(joined):
        while start >= bounds[i + 1]:
            i += 1
        first, last = bounds[i], bounds[i + 1] - 1  # the text's span in JOINED
        if masked[i] and _inside((start - first, end - first), masked[i]):
            continue
        word = words[w]
        if first <= scope_end and JOINED_TO_SCOPE.fullmatch(joined, scope_end, start):
            scope_end = end  # 比全省(7.7%)和全国: the second is a yardstick as well
            continue
        if kind := RELATIVE_KIND.get(word):
            if joined.endswith(SCOPE_BEFORE_RELATIVE, first, start) or _scope_after(joined, end, last) \
                    or SHARE_AFTER_RELATIVE.match(joined, end, last) or BASE_FIGURE_AFTER.match(joined, end, last):
                scope_end = end
                continue
            org_end = 0
        elif word in stopwords or _not_the_region(joined, first, start, end, last, word):
            continue
        else:
            org = ORG_SUFFIX.match(joined, end, last)
            if not org and (joined.endswith(SCOPE_BEFORE, first, start) or _scope_after(joined, end, last)):
                scope_end = end
                continue
            org_end = org.end() - first if org else 0
            if not org_end and joined.startswith(AREA_AFTER, end, last):
                word = _full_name(word)  # 松山新区: the new area of 松山区, a name as good as the full one
        places.setdefault(i, []).append((start - first, end - first, word, kind, org_end))
    return places


def _scope_after(joined: str, end: int, last: int) -> bool:
    """A region before a rank or a lead (全省第3, 全市首条, 增速全市靠前) is the field, not the subject;
    before a session of its congress (涪城区第六届人民代表大会) it is the subject."""
    return joined.startswith(SCOPE_AFTER, end, last) and not SESSION_AFTER.match(joined, end, last)


# 松山新区, 长垣经开区, 涪城全区: a new area or a development zone named after its county, or its whole
AREA_AFTER = ("新区", "高新区", "开发区", "经开区", "全区", "全县", "全市")


@lru_cache(maxsize=None)
def _full_name(word: str) -> str:
    """The full name WORD is short for, when all the counties it may name share it (松山 → 松山区, of
    赤峰 and of Taipei); else WORD."""
    regions = reference.regions()
    names = {regions.by_code[c].name for c in regions.names.get(word, ())
             if regions.by_code[c].level == "county" and regions.by_code[c].short_name == word}
    return names.pop() if len(names) == 1 and names != {word} else word


def _not_the_region(joined: str, first: int, start: int, end: int, last: int, word: str) -> bool:
    """A place name in JOINED[start:end] (its text spans first..last) used for something other than
    the region: left out (不含红塔集团), a dateline (甘肃日报兰州讯), a township sharing a short name
    (城厢镇), or the end of a route (长丰至固始高速公路)."""
    return (joined.endswith(EXCLUDED_BEFORE, first, start)
            or (joined.endswith(DATELINE_BEFORE, first, start) and DATELINE_AFTER.match(joined, end, last) is not None)
            or (not word.endswith(ADMIN_SUFFIXES) and TOWNSHIP.match(joined, end, last) is not None)
            or (len(word) == 2 and word.endswith("县") and joined.startswith("域", end, last))  # 指数和县域
            or ROUTE_FROM.match(joined, end, last) is not None
            or (joined.endswith(("至", "到"), first, start) and ROUTE.match(joined, end, last) is not None)
            or (_outside_mainland(word) and _partner(joined, first, start, end, last)))


# 对中国台湾地区、中国香港地区及日本分别进出口, 来自香港、新加坡的投资: a trading partner or an investor's home
PARTNER_BEFORE = ("对", "与", "向", "从", "自")
LIST_NEIGHBOUR = frozenset("、及和与")
OUTSIDE_MAINLAND = frozenset({TAIWAN, "810000", "820000"})


def _partner(joined: str, first: int, start: int, end: int, last: int) -> bool:
    """Hong Kong, Macau or Taiwan at START..END named as a partner: after 对/与/向/从/自, or as an item of a
    list (a list of places abroad: 香港、新加坡、日本), 中国 before it and 地区 after it or not."""
    if joined.startswith("中国", start - 2, start) and start - 2 >= first:
        start -= 2
    if joined.startswith("地区", end, last):
        end += 2
    return joined.endswith(PARTNER_BEFORE, first, start) or (start > first and joined[start - 1] in LIST_NEIGHBOUR) \
        or (end < last and joined[end] in LIST_NEIGHBOUR)


@lru_cache(maxsize=None)
def _outside_mainland(word: str) -> bool:
    """WORD names only places in Hong Kong, Macau or Taiwan (香港, 澳门, 台湾, 台北)."""
    regions = reference.regions()
    codes = regions.names.get(word, ())
    return bool(codes) and all(regions.by_code[c].province_code in OUTSIDE_MAINLAND for c in codes)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(reference.regions().stopwords)


def _mentions(text: str, places: list[tuple[int, int, str, str | None, int]], province: str | None,
              city: str | None, relative: dict[str, str | None]) -> tuple[list[Mention], list[tuple[str, str, int, int]]]:
    """scan_regions over the _places of TEXT."""
    mentions, orgs = [], []
    for start, end, word, kind, org_end in places:
        if kind:
            if word.startswith("全") and (named := _named_whole(mentions, start, kind)):
                mentions.append(Mention(start, end, named, named=False))  # 郑州全市: 郑州, whatever the article's city
            elif code := relative.get(kind):
                mentions.append(Mention(start, end, code, named=False))
            continue
        # 郑州全市 names the city, as its full name would, in any province's article
        codes = _candidates(word, *((None, None) if text.startswith(WHOLE_WORDS, end) else (province, city)))
        if len(codes) != 1:
            continue
        if org_end:
            orgs.append((text[start:org_end], codes[0], start, org_end))
        else:
            mentions.append(Mention(start, end, codes[0], named=True))
    return mentions, orgs


WHOLE_SUFFIX = {"city": "市", "county": "县", "province": "省", "area": "区", "banner": "旗", "league": "盟",
                "prefecture": "州"}  # 全市 after a 市 …
WHOLE_WORDS = tuple("全" + suffix for suffix in WHOLE_SUFFIX.values())


def _named_whole(mentions: list[Mention], start: int, kind: str) -> str | None:
    """The region named right before 全市/全省/全县/全区 at START when it is one of that kind (郑州全市,
    河南全省): the whole of that one."""
    if not mentions or mentions[-1].end != start or not mentions[-1].named or kind not in WHOLE_SUFFIX:
        return None
    code = mentions[-1].code
    return code if reference.regions().by_code[code].name.endswith(WHOLE_SUFFIX[kind]) else None


def _without_qualifiers(mentions: list[Mention]) -> list[Mention]:
    """河南长垣, 聊城市茌平区: a region named right before one inside it only says where that one is; a
    sentence that names it carries the inner one to its neighbours."""
    regions = reference.regions()
    return [m for m, n in zip(mentions, [*mentions[1:], None])
            if not (n and m.named and n.named and m.end == n.start and m.code in regions.ancestors(n.code)[1:])]


# --- reading a document -------------------------------------------------------------------

def _doc_region(weighted: Counter, first_seen: dict[str, int]) -> str | None:
    if not weighted:
        return None
    top = max(weighted.values())
    return min((c for c, w in weighted.items() if w == top), key=lambda c: first_seen[c])


def _weigh_wholes(weighted: Counter, first_seen: dict[str, int], namings: dict[str, list[int]],
                  publisher: str | None) -> None:
    """全旗, 全盟, 我省, 全市 …: each says the article is about a region of that kind, so its weight goes to
    the weightiest region of that kind named or around one named (阿巴嘎旗位于锡林郭勒盟…全旗常住人口: the
    banner; 太原 of a dateline and 我省: the province). 我市 of a publisher's site is already the publisher's."""
    regions = reference.regions()
    for word, (_where, weight) in namings.items():
        kind = RELATIVE_KIND.get(word)
        if kind not in WHOLE_SUFFIX or kind == "area" or (kind == "city" and publisher):
            continue
        of_kind: dict[str, int] = {}  # the regions named and those around them (我省 of 黔东南's article: 贵州)
        for c in list(weighted):
            for a in regions.ancestors(c):
                if regions.by_code[a].name.endswith(WHOLE_SUFFIX[kind]):
                    of_kind[a] = min(of_kind.get(a, first_seen[c]), first_seen.get(a, first_seen[c]))
        if of_kind:
            chosen = min(of_kind, key=lambda c: (-weighted[c], of_kind[c]))
            weighted[chosen] += weight
            first_seen.setdefault(chosen, of_kind[chosen])


def _enclosing(region: str | None, suffix: str) -> str | None:
    """The article's region or the one around it whose name ends with SUFFIX: 全盟 of a league's article
    or of one of its banners' is the league."""
    if region is None:
        return None
    regions = reference.regions()
    return next((c for c in regions.ancestors(region) if regions.by_code[c].name.endswith(suffix)), None)


def _home_city(region: str | None) -> str | None:
    """我市 of an article: the article's city, or a county-level city (临清市) when it is about one."""
    if region is None:
        return None
    r = reference.regions().by_code[region]
    if r.level in ("prefecture", "province") or (r.level == "county" and r.name.endswith("市")):
        return region
    return _prefecture_of(region)


@lru_cache(maxsize=None)
def _prefecture_of(code: str) -> str | None:
    """Regions.prefecture_of, remembered: read_document asks it of each region an article names, twice."""
    return reference.regions().prefecture_of(code)


def _weigh(namings: dict[str, list[int]], province: str | None, city: str | None,
           publisher: str | None, short_counties: bool = True) -> tuple[Counter, dict[str, int]]:
    """The weight of each region the article names and where it is first named. NAMINGS are per word, in
    order of its first naming: where that is and the weight of all its namings (not a region inside an
    organisation's name); of the relative words only 我市 names a region here, the publisher's city.
    Without SHORT_COUNTIES, a county's short name (上高, 惠民: words too) weighs nothing."""
    weighted, first_seen = Counter(), {}
    for word, (where, weight) in namings.items():
        if kind := RELATIVE_KIND.get(word):
            if kind != "city" or not publisher:
                continue
            code = publisher
        elif len(codes := _candidates(word, province, city)) != 1 or (not short_counties and _short_county(word, codes[0])):
            continue
        else:
            code = codes[0]
        weighted[code] += weight
        first_seen.setdefault(code, where)
    return weighted, first_seen


def _pass_qualifiers(weighted: Counter, qualifying: Counter, province: str | None, city: str | None) -> None:
    """锡林郭勒盟多伦县, 巴彦淖尔市乌拉特中旗: a region named right before one inside it only says where that
    one is, so that naming is the inner one's (QUALIFYING: the weight of each pair of words so named)."""
    regions = reference.regions()
    for (outer_word, inner_word), weight in qualifying.items():
        outer, inner = _candidates(outer_word, province, city), _candidates(inner_word, province, city)
        if len(outer) == len(inner) == 1 and outer[0] in weighted and inner[0] in weighted \
                and outer[0] in regions.ancestors(inner[0])[1:]:
            weighted[outer[0]] -= weight
            weighted[inner[0]] += weight


@lru_cache(maxsize=None)
def _short_district(word: str, code: str) -> bool:
    """WORD is a two-character short name of district CODE (新建 of 新建区, 卧龙 of 卧龙区): an urban district
    goes by its full name outside its own city, and such a pair of characters is mostly a word."""
    return len(word) == 2 and reference.regions().by_code[code].name == word + "区"


@lru_cache(maxsize=None)
def _short_county(word: str, code: str) -> bool:
    """WORD is the short name of county CODE (茌平, 上高), not its full name or an alias: a weak cue."""
    r = reference.regions().by_code[code]
    return r.level == "county" and word == r.short_name != r.name and word not in r.aliases


def read_document(document: dict, sentences: list[Sentence]) -> Reading:
    """Find the article's region, every region mention and time expression, and its plan sections."""
    regions = reference.regions()
    title, source = (v if isinstance(v, str) else "" for v in (document.get("title"), document.get("source_name")))
    texts = [title, source] + [s.text for s in sentences]
    masked = _masked_spans(texts)
    places = _places(texts, masked)
    named, orgs = _mentions(source, places.get(1, []), None, None, {})
    source_codes = [m.code for m in named] + [o[1] for o in orgs]
    publisher = _home_city(source_codes[0]) if source_codes else None  # 聊城新闻网: 我市 is 聊城
    weights = {0: 3, 1: 1, 2: 2}  # the title, the source, the first sentence; the others 1
    namings: dict[str, list[int]] = {}  # word → [where first named, weight of all its namings]
    org_namings: dict[str, list[int]] = {}  # the same of the regions inside organisations' names
    qualifying: Counter = Counter()  # (word, the word right after it) → weight of those namings
    for i, ps in places.items():
        for k, (start, end, word, kind, org_end) in enumerate(ps):
            counted = org_namings if org_end else namings
            if word in counted:
                counted[word][1] += weights.get(i, 1)
            else:
                counted[word] = [i * 10_000 + start, weights.get(i, 1)]
            if k + 1 < len(ps) and ps[k + 1][0] == end and not (org_end or kind or ps[k + 1][3] or ps[k + 1][4]):
                qualifying[word, ps[k + 1][2]] += weights.get(i, 1)
    region = province = city = None
    for _ in range(2):  # first without county short names, then inside the province found
        # (an article naming no other place is where its short names say), and an article naming places
        # only in organisations' names (甘肃日报, 人民银行兰州中心支行) is where they are
        weighted, first_seen = _weigh(namings, province, city, publisher, short_counties=province is not None)
        if not weighted and province is None:
            weighted, first_seen = _weigh(namings, province, city, publisher)
        _pass_qualifiers(weighted, qualifying, province, city)
        if not weighted:
            weighted, first_seen = _weigh(org_namings, province, city, publisher, short_counties=province is not None)
        counties = Counter(_prefecture_of(c) for c in first_seen if regions.by_code[c].level == "county")
        for prefecture, n in counties.items():  # an article naming many of a city's counties is about the city,
            if prefecture and n > 1:            # named or not (a provincial site on 东台、大丰、射阳、建湖)
                weighted[prefecture] += n - 1
                first_seen.setdefault(prefecture, min(first_seen[c] for c in first_seen
                                                      if _prefecture_of(c) == prefecture))
        _weigh_wholes(weighted, first_seen, namings, publisher)
        region = _doc_region(weighted, first_seen)
        province = regions.by_code[region].province_code if region else None
        city = _prefecture_of(region) if region else None
    home = _home_city(region)
    relative = {"city": home, "area": region, "province": province if province != "100000" else None,
                "country": "100000", "county": COUNTY_PENDING, "banner": BANNER_PENDING,
                "league": _enclosing(region, "盟"), "prefecture": _enclosing(region, "州")}
    mentions: dict[int, list[Mention]] = {}  # sentence index → its mentions; only sentences with places
    orgs: dict[int, list] = {}
    for i, ps in places.items():
        if i >= 2:
            mentions[i - 2], orgs[i - 2] = _mentions(texts[i], ps, province, city, relative)
    _resolve_counties(mentions, region)
    mentions = {i: _without_qualifiers(ms) for i, ms in mentions.items()}
    placed = _place_orgs(mentions, orgs)
    for i, sentence_orgs in orgs.items():
        if found := [Mention(start, end, placed[name], named=True)
                     for name, _code, start, end in sentence_orgs if placed.get(name)]:
            mentions[i] = sorted(mentions[i] + found, key=lambda m: m.start)
    published = _published(document)
    times = _find_times(sentences, masked[2:], published)
    stated = None if published else _stated_year(sentences, times, find_spans(title, None, masked[0])
                                            if title and not _looks_ahead(title) else [])
    if stated is not None:  # an undated article's relative times (1-7月 after 2016年1—7月) are of its year
        times = _find_times(sentences, masked[2:], None, stated)
    times = _resolve_same(_bare_periods_of_stated_years(times))
    return Reading(region, home, province, {sentences[i].sentence_id: ms for i, ms in mentions.items() if ms},
                   times, _plan_years(sentences, times, published.year if published else stated, masked[2:]),
                   {sentences[i].sentence_id: spans for i, ms in mentions.items() if ms and (spans := _asides(texts[i + 2], ms))},
                   {sentences[i].sentence_id: summed for i, ms in mentions.items() if ms and (summed := _summed(texts[i + 2], ms))})


# 滦河流域多伦段综合整治等29个重点项目: 等 and a count after a list sum its items up
SUMMED_BY = re.compile(r"等[\d一二三四五六七八九十百千几多]")


def _summed(text: str, mentions: list[Mention]) -> dict[int, int]:
    """The MENTIONS of TEXT that name a place of one item of a list summed up by 等N (…白音华…电厂、滦河流域
    多伦段综合整治等29个重点项目，总投资105亿元): the total is no item's. Start of each → where its 等 is."""
    if "、" not in text or "等" not in text:
        return {}
    summed, clauses = {}, Clauses(text)
    for m in mentions:
        lo, hi = clauses.bounds(m.start)
        total = SUMMED_BY.search(text, m.end, hi)
        if total and "、" in text[lo:total.start()]:
            summed[m.start] = total.start()
    return summed


def _asides(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """The parentheses of TEXT that hold one of its MENTIONS (全市为5.4%); looked for only in a text with one."""
    if "(" not in text and "（" not in text:
        return []
    return [m.span() for m in ASIDE.finditer(text) if any(m.start() <= x.start < m.end() for x in mentions)]


def _find_times(sentences: list[Sentence], masked: list[list[tuple[int, int]]], published: date | None,
                stated_year: int | None = None) -> dict[int, list[TimeSpan]]:
    """The time expressions of each sentence that has any (find_spans)."""
    return {s.sentence_id: spans for s, m in zip(sentences, masked)
            if (spans := find_spans(s.text, published, m, lambda t=s.text: _looks_ahead(t), stated_year))}


def _stated_year(sentences: list[Sentence], times: dict[int, list[TimeSpan]], title_times: list[TimeSpan]) -> int | None:
    """The year an undated article reports on: the latest year of the periods within one year that its
    title (2021年1-6月份全区经济发展统计公报) or its sentences stating no target or expectation name
    (2016年1—7月…显示; not 到2027年 nor 2025年力争)."""
    stated = [t for s in sentences if s.sentence_id in times and not _looks_ahead(s.text) for t in times[s.sentence_id]]
    return max((t.period_end.year for t in title_times + stated
                if t.kind == "period" and t.period_start.year == t.period_end.year), default=None)


def _looks_ahead(text: str) -> bool:
    """A sentence with a target or expectation cue (力争, 将达到, 预计): its bare periods are still to come."""
    return TARGET.search(text) is not None or EXPECTED.search(text) is not None


def _resolve_counties(mentions: dict[int, list[Mention]], region: str | None) -> None:
    """全县/该县 → the county named last before it (一个县 in a city's article), else the article's region
    when that is a county; else it names nothing. 全旗 likewise, of the banners."""
    regions = reference.regions()
    fallback = region if region and regions.by_code[region].level == "county" else None
    banner = _enclosing(fallback, "旗")
    last = last_banner = None
    for ms in mentions.values():
        for i, m in enumerate(ms):
            if m.code == COUNTY_PENDING:
                ms[i] = Mention(m.start, m.end, last or fallback or "", named=False)
            elif m.code == BANNER_PENDING:
                ms[i] = Mention(m.start, m.end, last_banner or banner or "", named=False)
            elif m.named and regions.by_code[m.code].level == "county":
                last = m.code
                last_banner = m.code if regions.by_code[m.code].name.endswith("旗") else last_banner
        ms[:] = [m for m in ms if m.code]


def _year_earlier(d: date) -> date:
    return d.replace(year=d.year - 1) if not (d.month == 2 and d.day == 29) else date(d.year - 1, 2, 28)


def _bare_periods_of_stated_years(times: dict[int, list[TimeSpan]]) -> dict[int, list[TimeSpan]]:
    """A part of a year stated without its year (第一季度, 1-7月) is of the year the article last gave
    that same part (会议通报了2018年一季度经济运行情况。第一季度，…): its own year was only a guess."""
    stated: dict[tuple[int, int], int] = {}  # (first month, last month) → the year last stated with it
    for sid in sorted(times):
        spans = times[sid]
        for i, t in enumerate(spans):
            if t.kind != "period" or t.period_start.year != t.period_end.year:
                continue
            months = t.period_start.month, t.period_end.month
            if not t.bare:
                stated[months] = t.period_end.year
            elif (year := stated.get(months, t.period_end.year)) != t.period_end.year:
                spans[i] = t._replace(period_start=t.period_start.replace(year=year),
                                      period_end=date(year, months[1], calendar.monthrange(year, months[1])[1]))
    return times


def _resolve_same(times: dict[int, list[TimeSpan]]) -> dict[int, list[TimeSpan]]:
    """同期 → the period stated last (in reading order); 去年同期 → that period a year earlier; 当月 → its
    last month; 全年 →
    the whole year of the period within one year stated last (a bulletin's 2024年…全年新增…), unless a
    longer one opens a sentence after it (2021—2025年累计投资…; not 2021年，…实现“十四五”良好开局, an aside);
    each left undated when no such period was stated before."""
    last = year = None
    for sid in sorted(times):
        spans = times[sid]
        for i, t in enumerate(spans):
            if t.kind == "full" and year is not None:
                spans[i] = last = TimeSpan(t.start, t.end, "period", date(year, 1, 1), date(year, 12, 31))
            elif t.kind == "this_month" and last is not None:  # an aside on the period's last month
                end = last.period_end
                spans[i] = TimeSpan(t.start, t.end, "period", date(end.year, end.month, 1), end)
            elif t.kind in ("same", "same_last") and last is not None:
                start, end = last.period_start, last.period_end
                if t.kind == "same_last":
                    start, end = (_year_earlier(start) if start else None), _year_earlier(end)
                spans[i] = TimeSpan(t.start, t.end, "same_period", start, end)  # dates its own sentence and
                # paragraph; an aside on last year does not become the article's period
            elif t.kind in ("period", "since") and t.period_end:
                last = t
                if t.period_start and t.period_start.year == t.period_end.year:
                    year = t.period_end.year
                elif i == 0:
                    year = None
    return times


def _place_orgs(mentions: dict[int, list[Mention]], orgs: dict[int, list]) -> dict[str, str | None]:
    """A company's county: the first county named beside it, else the county in its own name."""
    regions = reference.regions()
    named_in: dict[str, list[int]] = {}  # organisation → the sentences naming it, in order
    own: dict[str, str] = {}  # organisation → the region in its name where it is first named
    for i, sentence_orgs in orgs.items():
        for name, code, _start, _end in sentence_orgs:
            if not named_in.setdefault(name, []) or named_in[name][-1] != i:
                named_in[name].append(i)
            own.setdefault(name, code)
    placed: dict[str, str | None] = {}
    for name, sentences in named_in.items():
        beside = [m.code for i in sentences for m in mentions[i] if m.named and regions.by_code[m.code].level == "county"]
        placed[name] = beside[0] if beside else (own[name] if regions.by_code[own[name]].level == "county" else None)
    return placed


def _published(document: dict) -> date | None:
    value = document.get("published_date")
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _plan_years(sentences: list[Sentence], times: dict[int, list[TimeSpan]], year_now: int | None,
                masked: list[list[tuple[int, int]]]) -> dict[int, int]:
    """Sentences that belong to a plan for a year: from a sentence announcing the plan (2024年…工作谋划,
    今年将…; not 各项目标任务超额完成, its fulfilment) until a sentence reports something done (已, 了, 去年, an earlier year). YEAR_NOW is the
    publication year, or the year an undated article reports on; an undated article stating none has a
    plan only where the announcement names its year (2009年…预期目标), which then stands for now. MASKED are
    the sentences' _masked_spans: a sentence without a name has nothing to cut. The plan words are found in
    one search of the sentences joined by line breaks (no plan word holds one), not one per sentence."""
    texts = [_without(s.text, names) if names else s.text for s, names in zip(sentences, masked)]
    bounds = list(accumulate((len(t) + 1 for t in texts), initial=0))  # where each text starts, joined
    joined = "\n".join(texts)
    announcing = {bisect.bisect_right(bounds, m.start()) - 1 for m in PLAN_WORDS.finditer(joined)
                  if not PROGRESS_BEFORE.search(joined, max(0, m.start() - PROGRESS_REACH), m.start())
                  and not PROGRESS_AFTER.match(joined, m.end())}
    plan: dict[int, int] = {}
    year = None
    first = min(announcing, default=len(texts))  # no plan before the first announcement (most articles: none)
    for i, s, text in zip(range(first, len(texts)), sentences[first:], texts[first:]):
        announces = i in announcing
        if year is None and not announces:  # nothing to start, nothing to end
            continue
        # 今年以来 reports the year so far: it names no year a plan is for
        years = {t.period_end.year for t in times.get(s.sentence_id, ())
                 if t.period_end and t.kind not in UNDATED and t.kind != "since"}
        now = year_now if year_now is not None else year if year is not None else min(years, default=None)
        if now is None:
            continue
        if announces and (FUTURE.search(text) or any(y >= now for y in years)) and not any(y < now for y in years):
            year = max([y for y in years if y >= now], default=now)
        elif year is not None and (PAST.search(text) or any(y < now for y in years)):
            year = None
        if year is not None:
            plan[s.sentence_id] = year
    return plan


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """TEXT without SPANS (in order, apart): NAME_SPAN.sub("", text) from the spans already found."""
    kept, pos = [], 0
    for start, end in spans:
        kept.append(text[pos:start])
        pos = end
    kept.append(text[pos:])
    return "".join(kept)


# --- resolving one metric ---------------------------------------------------------------------

def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the clause around POS (between punctuation breaks)."""
    start = 0
    for m in CLAUSE_BREAK.finditer(text, 0, pos):
        start = m.end()
    after = CLAUSE_BREAK.search(text, pos)
    return start, (after.start() if after else len(text))


class Clauses:
    """_clause_bounds for many figures of a sentence from one scan of its breaks: per figure, the scan
    up to the figure made a sentence of n figures (a table line without a full stop: thousands)
    take n scans."""

    def __init__(self, text: str):
        self.text = text
        edges = list(accumulate(map(len, CLAUSE_SPLIT.split(text))))  # where each clause and break ends
        self.starts, self.ends = edges[0:-1:2], edges[1::2]  # of the breaks (no match object per break)

    def bounds(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.ends, pos)  # the breaks that end by POS
        if k < len(self.starts) and self.starts[k] < pos:  # POS inside a break (……): what the scans
            return _clause_bounds(self.text, pos)           # cut short there is not what this one found
        return (self.ends[k - 1] if k else 0), (self.starts[k] if k < len(self.starts) else len(self.text))


class Cues:
    """Where the first status cue (预计…, 力争…) and the first stock cue (已, 累计…) of a sentence end.
    A figure has a cue when one ends by the end of its clause: one search per sentence, where a search
    per figure, up to its clause, took time quadratic in a sentence of thousands of figures. (No cue
    crosses a clause break but 目标：, which ends after it, so no cue ends earlier inside another.)
    All three at once: a cached_property's lookups, per figure, cost more than the searches."""

    def __init__(self, text: str):
        self.expected = _end_of_first(EXPECTED, text)
        self.target = _end_of_first(TARGET, text)
        self.stock = _end_of_first(_stock_cue(text), text)
        self.targets = _target_reaches(text) if self.target < math.inf else ()

    def is_target(self, pos: int, upto: int) -> bool:
        """Whether a target cue ending by UPTO (the end of the figure's clause) reaches the figure at POS."""
        return any(end <= upto and pos < reach for end, reach in self.targets)


def _target_reaches(text: str) -> list[tuple[int, float]]:
    """Where each target cue of TEXT ends and where its reach ends: a plan named in a clause (计划新开工
    项目270项) at the clause's end, any other (力争…, 目标：) at the sentence's end; either before a clause
    opening with what was done (，实际已开工129项)."""
    reaches = []
    for m in TARGET.finditer(text):
        after = CLAUSE_BREAK.search(text, m.end())
        if after is None:
            reaches.append((m.end(), math.inf))
            continue
        done = ACTUAL_OPENING.search(text, after.start())
        reach = after.start() if m.group().startswith(CLAUSE_PLAN) else done.end() if done else math.inf
        reaches.append((m.end(), reach))
    return reaches


def _stock_cue(text: str) -> re.Pattern:
    """The stock cues of TEXT (已有, 拥有): 累计 in a sentence that states a change is none but a period's flow
    (累计实现2828.08万千伏安，增长44.9%), which the period the article reports dates."""
    return HELD if CHANGE.search(text) else STOCK


def _end_of_first(pattern: re.Pattern, text: str) -> float:
    m = pattern.search(text)
    return m.end() if m else math.inf


def _opening_end(text: str) -> int:
    """End of a sentence's first clause: _clause_bounds(text, 0)[1] without the empty search before 0."""
    after = CLAUSE_BREAK.search(text)
    return after.start() if after else len(text)


def _lead_of_its_last_month(time: TimeSpan, lead: TimeSpan | None) -> TimeSpan:
    """What TIME passes on to the sentences after it: a single month that closes the longer period stated
    before it (上半年…。其中，6月份全市规模以上工业增加值增长6.9%) is an aside on that month; the figures
    after it are the longer period's again."""
    if time.kind == "period" and lead is not None and lead is not time and lead.period_end == time.period_end \
            and (time.period_start.year, time.period_start.month) == (time.period_end.year, time.period_end.month):
        return lead
    return time


class ParagraphIndex:
    """Per paragraph, the sorted ids of its sentences that name a region and of those that state a
    period: the paragraph fall-backs look a neighbour up by bisection, so an article that is one
    huge paragraph (a 1.5 MB line without breaks: 15,000 sentences, 37,000 figures) is not
    scanned once per figure. Per sentence, where its mentions and dated times start (and end): a
    figure's clause is found among them by bisection too, so a sentence of thousands of figures (a
    table line without a full stop) is not scanned once per figure either."""

    def __init__(self, reading: Reading, by_id: dict[int, Sentence]):
        self.mentions: dict[int, list[int]] = {}
        self.times: dict[int, list[int]] = {}
        self.mention_starts: dict[int, list[int]] = {}  # a sentence's mentions are in order of start
        self.dated: dict[int, tuple[list[TimeSpan], list[int], list[int]]] = {}  # (times, starts, ends)
        self.periods: list[int] = []  # sentences of the whole article that state a period
        self.first: dict[int, int] = {}  # paragraph → its first sentence
        self.headings: list[int] = []  # sentences that are section headings (六、居民收入平稳增长)
        self.list_opened: dict[int, int] = {}  # sentence → the first of the ；-list of its paragraph it is in
        previous = None
        for sid in sorted(by_id):
            self.first.setdefault(by_id[sid].paragraph_id, sid)
            if by_id[sid].is_heading:
                self.headings.append(sid)
            continues = previous is not None and previous.paragraph_id == by_id[sid].paragraph_id \
                and previous.text.rstrip(",，").endswith(LIST_ITEM_END)
            self.list_opened[sid] = self.list_opened[previous.sentence_id] if continues else sid
            previous = by_id[sid]
        for sid in sorted(reading.mentions):
            self.mentions.setdefault(by_id[sid].paragraph_id, []).append(sid)
            self.mention_starts[sid] = [m.start for m in reading.mentions[sid]]
        self.carried: dict[int, TimeSpan] = {}  # what a sentence with dated times passes on to later ones
        self.listed: dict[int, TimeSpan] = {}  # … and to the later items of its ；-list: the time it opens with
        self.carried_period: dict[int, TimeSpan] = {}  # … and one with a period, past its paragraph
        lead = None  # the last period of several months stated so far
        for sid in sorted(reading.times):
            times = reading.times[sid]
            for x in times:
                if x.kind == "period" and (x.period_start.year, x.period_start.month) != (x.period_end.year, x.period_end.month):
                    lead = x
            if dated := [x for x in times if x.kind not in UNDATED]:  # apart and in order (find_spans)
                self.dated[sid] = (dated, [x.start for x in dated], [x.end for x in dated])
            if going_on := [x for x in dated if x.kind != "from"]:  # not 已超2020年全年的1503.6亿元: a base's
                self.times.setdefault(by_id[sid].paragraph_id, []).append(sid)  # level, not what follows
                self.carried[sid] = _lead_of_its_last_month(going_on[-1], lead)
                if going_on[-1].end == _opening_end(by_id[sid].text):  # a frame (6月份，…；), not an event
                    self.listed[sid] = going_on[-1]                    # (项目于20年12月份成功试车；)
            if periods := [x for x in times if x.kind == "period"]:  # not 2021年以来 of a story
                self.periods.append(sid)
                self.carried_period[sid] = _lead_of_its_last_month(periods[-1], lead)

    def nearest_mention(self, paragraph: int, sentence_id: int) -> int | None:
        """The last other sentence of the paragraph before it with a mention, else the first after it:
        a region named later (…存款余额1439.8亿元。北湖区、资兴市…过100亿元) opens what follows, not what
        came before it."""
        ids = self.mentions.get(paragraph, [])
        k = bisect.bisect_left(ids, sentence_id)
        if k > 0:
            return ids[k - 1]
        k_after = k + 1 if k < len(ids) and ids[k] == sentence_id else k
        return ids[k_after] if k_after < len(ids) else None

    def last_time_before(self, paragraph: int, sentence_id: int) -> int | None:
        ids = self.times.get(paragraph, [])
        k = bisect.bisect_left(ids, sentence_id)
        return ids[k - 1] if k > 0 else None

    def last_period_before(self, sentence_id: int) -> int | None:
        k = bisect.bisect_left(self.periods, sentence_id)
        return self.periods[k - 1] if k > 0 else None

    def period_carried_to(self, sentence_id: int) -> int | None:
        """The sentence whose period an article carries to SENTENCE_ID: the last stated before it, unless a
        section heading lies between them; then the article's lead, the last stated before its first
        heading (a report's sections are parallel parts under it: 1-2月 of the services section is not
        the income section's), when it has one."""
        earlier = self.last_period_before(sentence_id)
        k = bisect.bisect_left(self.headings, sentence_id)
        if earlier is not None and k and self.headings[k - 1] > earlier:
            lead = self.last_period_before(self.headings[0])
            return earlier if lead is None else lead
        return earlier


def region_of(reading: Reading, by_id: dict[int, Sentence], sentence_id: int, pos: int,
              index: ParagraphIndex | None = None, clause: tuple[int, int] | None = None) -> str | None:
    """Clause (nearest before, else after) → the sentence's opening clause → sentence → paragraph → article.
    CLAUSE is _clause_bounds(text, pos) when the caller has it."""
    s = by_id[sentence_id]
    ms = reading.mentions.get(sentence_id, [])
    lo, hi = clause or _clause_bounds(s.text, pos)
    index = index or ParagraphIndex(reading, by_id)
    asides = reading.asides.get(sentence_id)
    if asides:  # 增幅比全市低1.5个百分点(全市为5.4%): a region in parentheses is that of the figures there only
        ms = [m for m in ms if not any(a <= m.start < b and not a <= pos < b for a, b in asides)]
    summed = reading.summed.get(sentence_id)
    later_item = s.text.find("、", pos, hi) if ms else -1
    others = summed or later_item >= 0
    if others:  # 包钢…完成投资21.27亿元、…渤船重工通辽…项目5.3亿元: a later item's place, or one of the items
        ms = [m for m in ms if not (0 <= later_item <= m.start)                  # summed up (…多伦段…等29个
              and not (summed and summed.get(m.start, pos) < pos)]  # 项目，总投资105亿元), is not its
    if ms:
        starts = [m.start for m in ms] if asides or others else index.mention_starts[sentence_id]
        for i in range(bisect.bisect_right(starts, pos) - 1, bisect.bisect_left(starts, lo) - 1, -1):
            if ms[i].end <= pos:  # the last in the clause before the figure
                return ms[i].code
        for i in range(bisect.bisect_left(starts, pos), bisect.bisect_right(starts, hi)):
            if ms[i].end <= hi:  # else the first in the clause after it
                return ms[i].code
        if lo and (opening := _opening_end(s.text)) < lo:
            for i in range(bisect.bisect_left(starts, opening)):
                if ms[i].end <= opening:
                    return ms[i].code
        return min(ms, key=lambda m: min(abs(m.start - pos), abs(m.end - pos))).code
    nearest = index.nearest_mention(s.paragraph_id, sentence_id)
    if nearest is not None:
        return reading.mentions[nearest][0].code
    return reading.region


def period_of(reading: Reading, by_id: dict[int, Sentence], sentence_id: int, pos: int,
              status: str, published: date | None, index: ParagraphIndex | None = None,
              rate: bool = False, clause: tuple[int, int] | None = None,
              cues: Cues | None = None) -> tuple[date | None, date | None]:
    s = by_id[sentence_id]
    lo, hi = clause or _clause_bounds(s.text, pos)
    index = index or ParagraphIndex(reading, by_id)
    if sentence_id in index.dated:
        spans, starts, ends = index.dated[sentence_id]
        k = bisect.bisect_right(ends, pos)  # the times that end by the figure
        if k and spans[k - 1].kind == "from" and FIGURE.search(s.text, spans[k - 1].end, pos):
            k -= 1  # 由去年的23%上升为24.4%: a state left behind dates its own figure, not the one after it
        if not (k and spans[k - 1].start >= lo):  # if the last is not in its clause: the last before the clause
            k = bisect.bisect_right(ends, lo)
        while k and spans[k - 1].kind == "from" and spans[k - 1].start < lo:  # its figure is in another clause
            k -= 1
        if k:
            return spans[k - 1].period_start, spans[k - 1].period_end
        k = bisect.bisect_left(starts, pos)
        if k < len(spans) and spans[k].end <= hi and spans[k].kind != "from":  # else the first in the clause after
            return spans[k].period_start, spans[k].period_end
    if published and (cues or Cues(s.text)).stock <= hi:
        return None, published
    earlier = index.last_time_before(s.paragraph_id, sentence_id)
    if earlier is not None:  # 6月份，第一产业用电量…；第二产业…: a month opening a ；-list is each item's
        carried = index.listed[earlier] if earlier in index.listed and earlier >= index.list_opened[sentence_id] \
            else index.carried[earlier]
        # what was done is not dated by a deadline yet to come (工程计划…明年4月底前全部建成并网发电。
        # …光伏发电项目总投资约1.5亿元 is no figure of next April); a period (确定2025年发展目标。…) goes on
        if not (status == "actual" and published and carried.period_start is None and carried.period_end
                and carried.period_end - NOT_YET > published):
            return carried.period_start, carried.period_end
    if status == "target" and sentence_id in reading.plan_year:
        year = reading.plan_year[sentence_id]
        return date(year, 1, 1), date(year, 12, 31)
    # the article's period reaches past its paragraph only where the text says it goes on (a paragraph
    # opening 其中/同期/分县区看) or for a growth rate, which always has a period and the last stated is the
    # best guess; a level or count in a feature story stays undated (an anecdote, a stock), and a target
    # or an expectation is never dated by what was reported
    goes_on = rate or CONTINUES.match(by_id[index.first[s.paragraph_id]].text)
    earlier = index.period_carried_to(sentence_id) if status == "actual" and goes_on else None
    if earlier is not None:
        carried = index.carried_period[earlier]
        return carried.period_start, carried.period_end
    return None, None


def status_of(reading: Reading, text: str, sentence_id: int, pos: int, clause: tuple[int, int] | None = None,
              cues: Cues | None = None, in_target_list: bool = False) -> str:
    """Cue words from the sentence start to the figure's clause end; a plan's sentences are targets, and
    so are the items of a target's list (IN_TARGET_LIST, see continues_target_list)."""
    upto = (clause or _clause_bounds(text, pos))[1]
    cues = cues or Cues(text)
    if cues.expected <= upto:
        return "expected"
    if cues.target <= upto and cues.is_target(pos, upto) or sentence_id in reading.plan_year or in_target_list:
        return "target"
    return "actual"


LIST_ITEM_END = ("；", ";")


def continues_target_list(by_id: dict[int, Sentence], sentence_id: int) -> bool:
    """主要预期目标是：地区生产总值增长13%；财政总收入增长13%；…: the items after the first, each a
    sentence of its own after a ；, are targets too. Back through the paragraph's items to the one with a
    target cue; an item that reports something done (已, 累计, 同比 …) ends the list."""
    sentence, previous = by_id[sentence_id], by_id.get(sentence_id - 1)
    if previous is None or not previous.text.rstrip(",，").endswith(LIST_ITEM_END) or PAST.search(sentence.text):
        return False  # most sentences follow no list item: one test of the sentence before
    while previous is not None and previous.paragraph_id == sentence.paragraph_id \
            and previous.text.rstrip(",，").endswith(LIST_ITEM_END) and not PAST.search(previous.text):
        if any(not PROGRESS_BEFORE.search(previous.text, max(0, m.start() - PROGRESS_REACH), m.start())
               for m in TARGET.finditer(previous.text)):  # 占计划数…的100.01%； is progress, no target list
            return True
        previous = by_id.get(previous.sentence_id - 1)
    return False


@lru_cache(maxsize=4096)
def _ts(d: date | None) -> pd.Timestamp | None:
    """Cached: an article's figures share a few period dates, and building a Timestamp costs ~1 µs."""
    return pd.Timestamp(d) if d else None


def resolve(document: dict, sentences: list[Sentence], metrics: list[dict]) -> tuple[dict, list[dict]]:
    """The document row with region_code set, and the metric rows with their context columns filled."""
    reading = read_document(document, sentences)
    by_id = {s.sentence_id: s for s in sentences}
    published = _published(document)
    indicators, industries = reference.indicators(), reference.industries()
    counts, amounts = reference.indicators_in("count"), reference.indicators_in("CNY")
    index = ParagraphIndex(reading, by_id)
    clauses: dict[int, tuple[Clauses, Cues, bool]] = {}
    # an article names its indicators and subjects again and again: each is looked up once per document
    phrase_codes: dict[str | None, tuple[str | None, str | None]] = {}
    phrase_regions: dict[str, str | None] = {}
    subject_codes: dict[str | None, str | None] = {}
    out = []
    in_clause: dict[tuple[int, tuple[int, int]], list[int]] = {}  # the figures of each clause
    for row in metrics:
        sid, text = row["sentence_id"], by_id[row["sentence_id"]].text
        pos = row.get("char_start") or 0
        if sid not in clauses:
            clauses[sid] = Clauses(text), Cues(text), continues_target_list(by_id, sid)
        sentence_clauses, cues, in_target_list = clauses[sid]
        bounds = sentence_clauses.bounds(pos)
        status = status_of(reading, text, sid, pos, bounds, cues, in_target_list)
        rate = row.get("measure") in ("growth_rate", "pp_change") or row.get("comparison") == "yoy"
        start, end = period_of(reading, by_id, sid, pos, status, published, index, rate, bounds, cues)
        if status == "actual" and end and published and _so_far(text, pos, start, end, published):
            end = published
        phrase = row.get("indicator_text")
        if phrase not in phrase_codes:
            phrase_codes[phrase] = indicators.code_of(phrase), industries.code_of(phrase)
        indicator, industry = phrase_codes[phrase]
        if indicator and row.get("measure") in ("level", "count") and (
                indicator in counts if row["unit"] != "count" else indicator in amounts):
            indicator = None  # 存款余额21408亿元 is no number of 金融机构, nor 纺织鞋服13户 an 产值
        if not industry:
            subject = row.get("subject")
            if subject not in subject_codes:
                subject_codes[subject] = industries.code_of(subject)
            industry = subject_codes[subject] or industries.code_of(text[bounds[0]:pos]) or None
        # a copy of the row with six keys set: cheaper than a dict display unpacking it (as extract._row)
        resolved = row.copy()
        region = region_of(reading, by_id, sid, pos, index, bounds)
        if phrase and sid in reading.mentions:
            if phrase not in phrase_regions:
                phrase_regions[phrase] = _named_in(phrase, reading)
            named = phrase_regions[phrase]
            if named and any(m.code == named for m in reading.mentions[sid]):  # not one inside a name
                region = named
        resolved["region_code"], resolved["status"] = region, status
        resolved["period_start"], resolved["period_end"] = _ts(start), _ts(end)
        resolved["indicator"], resolved["industry"] = indicator, industry
        in_clause.setdefault((sid, bounds), []).append(len(out))
        out.append(resolved)
    _place_listed_figures(out, in_clause, reading, by_id)
    _date_listed_figures_by_listed_periods(out, in_clause, reading, by_id)
    _date_listed_figures_by_their_years(out, in_clause, by_id)
    return {**document, "region_code": reading.region}, _date_levels_by_their_rates(out, reading.times)


def _so_far(text: str, pos: int, start: date | None, end: date, published: date) -> bool:
    """Whether a figure dated the whole year of its publication reports the year so far: an actual cannot end
    after it was published (本年新开工项目427个，较去年同期增加42个 and 今年四次集中开工累计… in articles of June
    and October). Only where the sentence says so (累计, 同期, 已) and names no plan or the whole year before
    the figure (今年计划投资2.2亿元, 2020年全年): a period that names its end (1—4月份, 上半年) is what it says."""
    return start is not None and start.year == published.year and published < end - NOT_YET \
        and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) \
        and SO_FAR.search(text) is not None and WHOLE_YEAR_NAMED.search(text, 0, pos) is None


LIST_SEPARATORS = frozenset("、和及与")


def _place_listed_figures(rows: list[dict], in_clause: dict[tuple[int, tuple[int, int]], list[int]],
                          reading: Reading, by_id: dict[int, Sentence]) -> None:
    """突泉、扎旗、前旗高于全盟平均水平，同比分别增长193.5%、99.5%、37.6%: figures after 分别 as many as the
    regions listed last before them (joined by 、 和 及 与 alone) are one region's each, in order; a sentence
    naming none lists them in the one before it (以临邑、禹城、乐陵、齐河为代表…。4县(市)分别新增贷款…)."""
    for (sid, _), figures in in_clause.items():
        if len(figures) < 2:
            continue
        text, first = by_id[sid].text, rows[figures[0]]["char_start"] or 0
        if "分别" not in text[:first]:
            continue
        before = [m for m in reading.mentions.get(sid, []) if m.end <= first]
        if not before and (previous := by_id.get(sid - 1)) and previous.paragraph_id == by_id[sid].paragraph_id:
            text, before = previous.text, reading.mentions.get(previous.sentence_id, [])
        listed = _last_list(text, before)
        if len(listed) == len(figures):
            for i, m in zip(figures, listed):
                rows[i]["region_code"] = m.code


def _last_list(text: str, mentions: list[Mention]) -> list[Mention]:
    """The last run of MENTIONS in TEXT joined by list separators alone, when it names distinct regions."""
    listed = _last_run(text, mentions)
    return listed if len({m.code for m in listed}) == len(listed) else []


def _last_run(text: str, spans: list) -> list:
    """The last SPANS of TEXT (mentions or times, in order) joined by list separators alone (、 和 及 与)."""
    listed = spans[-1:]
    for span in reversed(spans[:-1]):
        gap = text[span.end:listed[0].start]
        if not gap or not set(gap) <= LIST_SEPARATORS:
            break
        listed.insert(0, span)
    return listed


def _date_listed_figures_by_listed_periods(rows: list[dict], in_clause: dict[tuple[int, tuple[int, int]], list[int]],
                                           reading: Reading, by_id: dict[int, Sentence]) -> None:
    """一季度、上半年、前三季度，全区工业投资分别增长15.2%、13.8%和12.1%: when a clause's figures are as many
    as the periods listed last before them (joined by 、 or 和 alone), each figure has its own, in order."""
    for (sid, _), figures in in_clause.items():
        if len(figures) < 2 or sid not in reading.times:
            continue
        text, first = by_id[sid].text, rows[figures[0]]["char_start"] or 0
        dated = [t for t in reading.times[sid] if t.end <= first and t.period_end and t.kind not in UNDATED]
        listed = _last_run(text, dated)
        if len(listed) == len(figures):
            for i, t in zip(figures, listed):
                rows[i]["period_start"], rows[i]["period_end"] = _ts(t.period_start), _ts(t.period_end)


def _date_listed_figures_by_their_years(rows: list[dict], in_clause: dict[tuple[int, tuple[int, int]], list[int]],
                                        by_id: dict[int, Sentence]) -> None:
    """2016年至2018年，分别完成国内生产总值236.3亿元、314.5亿元、365亿元 (and 分别完成工业开票销售… after it):
    figures listed after 分别 as many as the whole years of the period they share are one year each, in order."""
    for (sid, (lo, _)), figures in in_clause.items():
        first = rows[figures[0]]
        start, end = first["period_start"], first["period_end"]
        if len(figures) < 2 or start is None or end is None or end.year - start.year + 1 != len(figures) \
                or (start.month, start.day, end.month, end.day) != (1, 1, 12, 31) \
                or "分别" not in by_id[sid].text[lo:first["char_start"] or 0] \
                or any(rows[i]["period_start"] != start or rows[i]["period_end"] != end
                       or rows[i].get("comparison") == "avg_annual" for i in figures):  # 年均: the whole span
            continue
        for year, i in zip(range(start.year, end.year + 1), figures):
            rows[i]["period_start"], rows[i]["period_end"] = _ts(date(year, 1, 1)), _ts(date(year, 12, 31))


def _named_in(phrase: str, reading: Reading) -> str | None:
    """The last region named in a figure's own indicator phrase, which outranks the nearest one in its
    clause when the sentence names it too (not inside a quoted or organisation's name): in
    济南、青岛、烟台规上工业增加值分别增长9.1%、7.5%和10.2%, each city's figure is its own."""
    named = [m for m in scan_regions(phrase, reading.province, reading.city, {})[0] if m.named]
    return named[-1].code if named else None


def _date_levels_by_their_rates(rows: list[dict], times: dict[int, list[TimeSpan]]) -> list[dict]:
    """`社会消费品零售总额1325.6亿元，同比增长4.7%`: the amount and its growth rate report the same
    period, so an undated level, count, share or rank takes the period of its own indicator's growth rate
    in the same sentence, else of the nearest rate of the sentence that has one (限额以上社会消费品零售额
    完成4.99亿元，增速16.1%; 制造业增加值增长10.9%，占GDP比重的34.3%; …同比增长4.0%，六县市排名第三)."""
    dated = {(r["sentence_id"], r.get("indicator_text"), r["status"]): (r["period_start"], r["period_end"])
             for r in rows if r.get("measure") == "growth_rate" and r["period_end"] is not None}
    rates: dict[tuple[int, str], list[dict]] = {}  # the sentence's dated rates, in order
    for r in rows:
        if r.get("measure") in RATES and r["period_end"] is not None:
            rates.setdefault((r["sentence_id"], r["status"]), []).append(r)
    for r in rows:
        if r.get("measure") in RATES or r["period_end"] is not None:
            continue
        key = (r["sentence_id"], r.get("indicator_text"), r["status"])
        if key in dated:
            r["period_start"], r["period_end"] = dated[key]
        elif near := [x for x in rates.get((r["sentence_id"], r["status"]), ())
                      if _next_clauses(r, x) and not _time_between(r, x, times.get(r["sentence_id"], ()))]:
            rate = min(near, key=lambda x: abs((x.get("char_start") or 0) - (r.get("char_start") or 0)))
            r["period_start"], r["period_end"] = rate["period_start"], rate["period_end"]
    return rows


def _next_clauses(row: dict, other: dict) -> bool:
    """Whether two figures of a sentence stand in one clause or in two clauses next to each other: a figure
    some clauses away (推动2000余家中小企业数字化转型，…，高新技术产业产值占比高于全省4个百分点) is another matter."""
    a, b = sorted((row.get("char_start") or 0, other.get("char_start") or 0))
    return len(CLAUSE_BREAK.findall(row["evidence"], a, b)) <= 1


def _time_between(row: dict, other: dict, times: list[TimeSpan]) -> bool:
    """Whether a time stands between two figures of a sentence: the figure after it is that time's (…年均增长
    20%的基础上，去年累计实现进出口总额416亿元, 去年 of an undated article: no period to be had), not the other's."""
    a, b = sorted((row.get("char_start") or 0, other.get("char_start") or 0))
    return any(a <= t.start < b for t in times if t.kind not in UNDATED)


def unmapped_indicators(metrics: Iterable[dict], top: int | None = None) -> list[dict]:
    """One row per indicator phrase that the vocabulary does not know, most frequent first."""
    counts: Counter = Counter()
    docs: dict[str, set] = {}
    example: dict[str, str] = {}
    for m in metrics:
        phrase = m.get("indicator_text")
        if isinstance(phrase, str) and phrase and not isinstance(m.get("indicator"), str):
            counts[phrase] += 1
            docs.setdefault(phrase, set()).add(m["doc_id"])
            example.setdefault(phrase, m["evidence"])
    return [{"indicator_text": p, "n_metrics": n, "n_documents": len(docs[p]), "example": example[p]}
            for p, n in counts.most_common(top)]
