"""Time expressions of Chinese economic news → the period a figure covers.

Pure functions over one sentence and the publication date. Each expression found is a
`TimeSpan` with a kind: `period` (1—4月, 上半年, 2023年, 十四五), `since` (今年以来: to the
publication date), `stock` (目前: as of the publication date, no start), `point` (10月底,
年底前, 到2025年, “十四五”末: an end without a start), `day` (8月5日: when something happened, no period)
and `vague` (近年来, 年初: no definite period). Three kinds only context can date: `same` (同期: the
period just stated), `same_last` (去年同期 as a time of its own: that period a year earlier) and
`full` (全年 with no year of its own: the whole year of the period just stated).
A time that is the base of a comparison (比上年, 较去年同期, 与2022年相比) is `base`: it dates no figure; one
a change starts from (由上年的13.7%调整为…), or a base followed by its own level (较2016年7.262亿元增长8%), is
`from`: it dates the figure right after it, not those to come. A time in what a year is said to be
(2021年是“十四五”开局之年) is a `topic`: it dates nothing.
"""
from __future__ import annotations

import calendar
import re
import tomllib
from bisect import bisect_left
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import NamedTuple

CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}
DASH = r"[—\-–~～至到]+"
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
QUARTERS = {"一": (1, 3), "1": (1, 3), "二": (4, 6), "2": (4, 6), "三": (7, 9), "3": (7, 9), "四": (10, 12),
            "4": (10, 12)}
RELATIVE_YEARS = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "上一年": -1, "过去一年": -1, "过去的一年": -1,
                  "前年": -2, "明年": 1}

# a year listed before the one that carries 年 (2022、2023年) is a year too
YEAR = (r"(?:(?P<y4>(?:19|20)\d{2})(?:年度?|(?<![\d.](?:19|20)\d\d)(?=(?:[、和及与](?:19|20)\d{2})+年))|(?<![\d.近多余每连续这])(?P<y2>\d{2})年(?=" + MONTH +
        r"月|[上下]半年|第?[一二三四1-4]季度|前[二两三]季度|全年|年?底|年?末)|(?P<rel>" +
        "|".join(sorted(RELATIVE_YEARS, key=len, reverse=True)) + r"))")
# 1—10月, and with the first month spelt out too: 1月至10月, 1月份—10月份 (not October alone)
MONTH_SPAN = r"(?P<m1>" + MONTH + r")(?:月份?)?" + DASH + r"(?P<m2>" + MONTH + r")月份?"
# 前10个月 (the first ten months) and 一至三季度 (the first three quarters) are spans of the year
FIRST_MONTHS = r"前(?P<mn>1[0-2]|[2-9]|十[一二]?|[二两三四五六七八九])个?月份?"
QUARTER_SPAN = r"第?(?P<qa>[一二三四1-4])" + DASH + r"(?P<qb>[一二三四1-4])季度"
SUB = (r"(?P<sub>" + MONTH_SPAN + r"|" + FIRST_MONTHS + r"|" + QUARTER_SPAN +
       r"|(?P<m>" + MONTH + r")月(?:份)?(?P<mday>\d{1,2}日|[上中下]旬)?(?P<mend>底|末)?"
       r"|(?P<half>[上下])半年|第?(?P<q>[一二三四1-4])季度|前(?P<qn>[二两三])季度"
       r"|(?P<yend>年?底前?|年?末)|(?P<ystart>年?初)|(?P<full>全年))?(?P<since>以来|来|至今)?")

# times that date no figure: the bases of comparisons and the ranges of records (data/metric_cues.toml)
_WORDS = tomllib.loads(resources.files("pipeline.data").joinpath("metric_cues.toml").read_text(encoding="utf-8"))["period"]
BASE_BEFORE = tuple(_WORDS["base_before"])
MULTIPLE_BEFORE = tuple(_WORDS["multiple_before"])
FROM_BEFORE = tuple(_WORDS["from_before"])
TREND_BEFORE = tuple(_WORDS["trend_before"])
NOT_DATING_BEFORE = BASE_BEFORE + TREND_BEFORE + tuple(_WORDS["cause_before"])
LIST_GLUE = re.compile("(?:" + "|".join(map(re.escape, _WORDS["list_glue"])) + ")+")
TOPIC_AFTER = tuple(_WORDS["topic_after"])
CLAUSE_END = re.compile(r"[，,；;。：:！？!?]")
LEVEL_BASE_BEFORE = tuple(_WORDS["level_base_before"])
OWN_LEVEL_AFTER = re.compile(r"的\d")  # 比2013年的17.3459万吨: the base's own level
LEVEL_AFTER = re.compile(r"\d")  # 较2016年7.262亿元增长: after 比/较 only (高于上年0.5个百分点 is the gap)
MULTIPLE_AFTER = re.compile(r"的[^，,；;。\d]{0,2}?[\d.一二两三四五六七八九十百]+倍")  # 的1.6倍, 的近2倍
RECORD_AFTER = re.compile(r"[^，,；;。：:]{0,8}?(?:" + "|".join(map(re.escape, _WORDS["record"])) + ")")
BASED = ("period", "same_last", "point")  # the kinds that a base word makes bases
FLOW = re.compile("|".join(map(re.escape, _WORDS["flow"])))
BALANCE = re.compile("|".join(map(re.escape, _WORDS["balance"])))
# (an average over years, 年均增长95.9%, is no change over the period a flow is reported for)
CHANGE = re.compile("".join(f"(?<!{re.escape(w)})" for w in _WORDS["not_change_after"])
                    + "(?:" + "|".join(map(re.escape, _WORDS["change"])) + ")")
CUMULATIVE = tuple(_WORDS["cumulative"])
POINT_THEN_SINCE = re.compile(r"[，,]?")  # 截至8月15日，今年以来: what may stand between them

# (kind, pattern, cues): every match contains a character of each cue string, so a sentence lacking
# one skips the pattern; most sentences of an article name no time at all, and most that have a 年
# have no dash (span), 初/内 (ysince) or 近/多/往/历 (vague), nor a 月, 半, 季, 底 or 末 (bare). A second
# cue string spares the common words that hold a first one: 已经, 当地, 实现 (stock wants 前/已/有/今 too),
# 期 without 同, 五 without 十, 到/至 without 年 (tries per 1,000 bench documents 50,600 -> 31,600).
# year and bare open with a lookahead on the characters a match can start with: re then rejects most
# positions with one test instead of trying each of their alternatives there.
PATTERNS: list[tuple[str, re.Pattern, tuple[str, ...]]] = [
    ("same_last", re.compile(r"(?:去年|上年|上一年)同期"), ("同", "期")),
    ("same", re.compile(r"(?<![年去])同期"), ("同", "期")),
    # 当月规模以上工业增加值同比增长9.9%: the last month of the period reported (context resolves it)
    ("this_month", re.compile(r"(?<!每)(?:当月|本月)"), ("当本", "月")),
    ("span", re.compile(r"(?P<a>(?:19|20)\d{2})年?" + DASH + r"(?P<b>(?:19|20)\d{2})年"), ("年", "—-–~～至到")),
    ("fyp_end", re.compile(r"[“\"]?十(?P<n>[一二三四五六七八九])五[”\"]?(?:期?末|末期)"), ("十", "五", "末")),
    ("fyp", re.compile(r"[“\"]?十(?P<n>[一二三四五六七八九])五[”\"]?(?:期间|时期|规划期)?"), ("十", "五")),
    # 自2015年以来, 从2011年定期报表起 (a rule's start, in a footnote): since then, no period of its own
    ("since_from", re.compile(r"[自从](?P<y>(?:19|20)\d{2})年[^，,；;。：:\d]{0,8}?(?:以来|开始|起)"), ("自从",)),
    # 截至4月29日, 到2020年6月20日: as of that day; 5月1日至5月31日: the days between (an event's, 8月5日, is no period)
    ("until_day", re.compile(r"(?:到|截至|截止)(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>" + MONTH + r")月(?P<d>\d{1,2})日"),
     ("到截", "月", "日")),
    ("day_span", re.compile(r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>" + MONTH + r")月(?P<d>\d{1,2})日?" + DASH +
                            r"(?:(?P<m2>" + MONTH + r")月)?(?P<d2>\d{1,2})日"), ("月", "日", "—-–~～至到")),
    ("until", re.compile(r"(?:到|至(?!(?:19|20)\d{2}年的)|截至|截止)(?P<y>(?:19|20)\d{2})年(?:(?P<m>" + MONTH + r")月)?(?:底|末)?"), ("到至截", "年")),
    ("year", re.compile(r"(?=[0-9今本当去上前明过])" + YEAR + SUB), ("年",)),
    # 五年来, 过去五年, 近10年来: the whole years before the publication year (a review of 2011—2015 in 2016)
    ("years_back", re.compile(r"(?=[过近这一二两三四五六七八九十1-9])(?:(?:过去|近|这)?(?<![\d.])"
                              r"(?P<n>[一二两三四五六七八九十]|[1-9]\d?)年以?来"
                              r"|过去(?P<n2>[一二两三四五六七八九十]|[1-9]\d?)年)"), ("年", "来过")),
    ("full", re.compile(r"全年"), ("全", "年")),  # after year: 2024年全年 and 今年全年 are its
    ("bare", re.compile(r"(?=[0-9十一二三四五六七八九上下第前年])(?<![\d年])"
                        r"(?:" + MONTH_SPAN + r"|" + FIRST_MONTHS + r"|" + QUARTER_SPAN +
                        r"|(?P<m>" + MONTH + r")月(?:份)?(?P<mday>\d{1,2}日|[上中下]旬)?(?P<mend>底|末)?"
                        r"|(?P<half>[上下])半年|第?(?P<q>[一二三四1-4])季度|前(?P<qn>[二两三])季度"
                        r"|(?P<yend>年底前?|年末))(?P<since>以来|至今)?"), ("月半季底末",)),
    ("ysince", re.compile(r"年初(?:以来|至今)|年内"), ("年", "初内")),
    ("stock", re.compile(r"截至目前|截止目前|目前|当前|现已|现有|已有|如今|至今|迄今"), ("目当现已今", "前已有今")),
    ("vague", re.compile(r"近年来|近几年|近年|多年来|往年|历年"), ("年", "近多往历")),
]
CUES = re.compile("[" + re.escape("".join(sorted({c for _, _, cues in PATTERNS for cs in cues for c in cs}))) + "]")


@lru_cache(maxsize=4096)
def _cued(present: frozenset[str]) -> tuple[tuple[str, re.Pattern], ...]:
    """The patterns, in order, that a sentence with these cue characters may match: sentences share
    a few hundred sets, so each is worked out once."""
    return tuple((kind, pattern) for kind, pattern, cues in PATTERNS
                 if all(not present.isdisjoint(cs) for cs in cues))


class TimeSpan(NamedTuple):
    start: int
    end: int
    kind: str  # period / since / stock / point / day / vague / base / from / topic, or one context dates
    # (same, same_last, full, this_month)
    period_start: date | None
    period_end: date | None
    bare: bool = False  # a part of a year stated without its year (一季度, 1-7月): the year is a guess


def _month(text: str) -> int:
    return int(text) if text.isdigit() else CN_DIGITS[text]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, m1: int, m2: int) -> tuple[date, date]:
    if m1 > m2:  # 6—4月: a typo or a garbled page, not a period; find_spans skips it
        raise ValueError(f"month range runs backwards: {m1}—{m2}")
    return date(year, m1, 1), _month_end(year, m2)


def _ordered(first: date, last: date) -> tuple[date, date]:
    if first > last:  # 5月31日至5月1日: a typo or a garbled page, not a period; find_spans skips it
        raise ValueError(f"day range runs backwards: {first}—{last}")
    return first, last


def _sub_period(g: dict, year: int) -> tuple[str, date | None, date | None] | None:
    """The part of `year` that the sub-period groups name, or None when they name none."""
    if g.get("m1"):
        return ("period", *_months(year, _month(g["m1"]), _month(g["m2"])))
    if g.get("mn"):
        return ("period", *_months(year, 1, _month(g["mn"])))
    if g.get("qa"):
        return ("period", *_months(year, QUARTERS[g["qa"]][0], QUARTERS[g["qb"]][1]))
    if g.get("m"):
        month = _month(g["m"])
        if g.get("mday"):
            return ("day", None, None)
        if g.get("mend"):
            return ("point", None, _month_end(year, month))
        return ("period", *_months(year, month, month))
    if g.get("half"):
        return ("period", *_months(year, 1, 6)) if g["half"] == "上" else ("period", *_months(year, 7, 12))
    if g.get("q"):
        return ("period", *_months(year, *QUARTERS[g["q"]]))
    if g.get("qn"):
        return ("period", *_months(year, 1, 3 * CN_DIGITS[g["qn"]]))
    if g.get("yend"):
        return ("point", None, date(year, 12, 31))
    if g.get("ystart"):
        return ("vague", None, None)
    return None


NEAR_END_DAYS = 31  # a period ending at most this long after the publication date is being reported on
UNDATABLE = ("vague", None, None)  # a relative time of an undated article that states no year of its own


def _since(kind_dates: tuple[str, date | None, date | None], published: date | None) -> tuple[str, date | None, date | None]:
    if published is None:  # 今年以来 of an undated article: ends when it was written, which is unknown
        return UNDATABLE
    return ("since", kind_dates[1] or date(published.year, 1, 1), published)


def _read(kind: str, m: re.Match, published: date | None, looks_ahead: Callable[[], bool] = lambda: False,
          stated_year: int | None = None) -> tuple[str, date | None, date | None]:
    """What the match of KIND names. An absolute time (2023年, 到2027年, 十四五) needs no publication date;
    a relative one (今年, 上半年, 1-7月) is read against the publication year, or in an undated article
    against STATED_YEAR, the year the article reports on, and is undatable when there is neither."""
    g = m.groupdict()
    year_now = published.year if published else stated_year
    if kind == "span":
        if int(g["a"]) > int(g["b"]):
            raise ValueError(f"year range runs backwards: {g['a']}—{g['b']}")
        return ("period", date(int(g["a"]), 1, 1), date(int(g["b"]), 12, 31))
    if kind in ("fyp", "fyp_end"):
        n = 10 + CN_DIGITS[g["n"]]  # 十四五 = the 14th five-year plan, 2021—2025
        first = 1951 + 5 * n
        if kind == "fyp_end":  # 到“十四五”末: a target for its last day, as 到2025年
            return ("point", None, date(first + 4, 12, 31))
        return ("period", date(first, 1, 1), date(first + 4, 12, 31))
    if kind == "since_from":  # (从2021年起 in an article of 2020 is a rule to come: no period yet)
        return ("since", date(int(g["y"]), 1, 1), published) if published and int(g["y"]) <= published.year \
            else UNDATABLE
    if kind in ("until_day", "day_span"):
        year = int(g["y"]) if g["y"] else year_now
        if year is None:
            return UNDATABLE
        if not g["y"] and published and (date(year, _month(g["m"]), 1) - published).days > NEAR_END_DAYS \
                and not looks_ahead():  # 截至12月20日 in a report of January: the year before
            year -= 1
        last = date(year, _month(g.get("m2") or g["m"]), int(g["d2"])) if kind == "day_span" else None
        first = date(year, _month(g["m"]), int(g["d"]))
        return ("point", None, first) if last is None else ("period", *_ordered(first, last))
    if kind == "until":
        y = int(g["y"])
        return ("point", None, _month_end(y, _month(g["m"])) if g.get("m") else date(y, 12, 31))
    if kind == "ysince":
        return ("since", date(published.year, 1, 1), published) if published else UNDATABLE
    if kind == "years_back":
        if published is None:
            return UNDATABLE
        n = _month(g["n"] or g["n2"])  # a count of years, spelt as a month is
        return ("period", date(published.year - n, 1, 1), date(published.year - 1, 12, 31))
    if kind in ("same", "same_last", "full", "this_month"):
        return (kind, None, None)
    if kind in ("stock", "vague"):
        return (kind, None, published if kind == "stock" else None)
    if kind == "year":
        if g["y4"]:
            year = int(g["y4"])
        elif year_now is None:
            return UNDATABLE
        elif g["y2"]:
            year = 2000 + int(g["y2"]) if int(g["y2"]) <= year_now % 100 + 1 else 1900 + int(g["y2"])
        else:
            year = year_now + RELATIVE_YEARS[g["rel"]]
        sub = _sub_period(g, year) or ("period", date(year, 1, 1), date(year, 12, 31))
        return _since(sub, published) if g.get("since") and sub[0] == "period" else sub
    if year_now is None:
        return UNDATABLE
    # bare sub-period: this year's, unless it has not happened yet (an article of February on 上半年) in a
    # sentence that looks back; one that looks ahead (下半年将力争…) means the coming one, and so does one
    # that ends within a month (一季度 in a report of 29 March: a quarter is reported as it closes)
    sub = _sub_period(g, year_now)
    if published and sub[0] == "period" and (sub[2] - published).days > NEAR_END_DAYS and not g.get("since") \
            and not looks_ahead():
        sub = _sub_period(g, year_now - 1)
    return _since(sub, published) if g.get("since") and sub[0] == "period" else sub


def find_spans(text: str, published: date | None, masked: Sequence[tuple[int, int]] = (),
               looks_ahead: Callable[[], bool] = lambda: False, stated_year: int | None = None) -> list[TimeSpan]:
    """Every time expression of a sentence, left to right, non-overlapping (earlier patterns win).
    LOOKS_AHEAD says whether the sentence states a target or an expectation, so that a bare period yet
    to come is this year's; it is asked only of such a period (most sentences have none). PUBLISHED is
    None for an undated article, whose relative times are read against STATED_YEAR (see _read)."""
    cued = _cued(frozenset(CUES.findall(text)))
    if not cued:
        return []
    # what is taken, as sorted starts for bisection (a sentence of thousands of times is not scanned once
    # per match): the masked names with the furthest end reached by each, which may overlap, and the
    # matches taken, which never do, so their ends are in order too
    masks = sorted(masked)
    mask_starts = [s for s, _ in masks] if masks else ()
    mask_reach = list(accumulate((e for _, e in masks), max)) if masks else ()
    starts: list[int] = []
    ends: list[int] = []
    spans: list[TimeSpan] = []
    for kind, pattern in cued:
        for m in pattern.finditer(text):
            a, b = m.span()
            if a == b or ((k := bisect_left(mask_starts, b)) and mask_reach[k - 1] > a) \
                    or ((k := bisect_left(starts, b)) and ends[k - 1] > a):
                continue
            if kind == "year" and not (m.group("y4") or m.group("y2") or m.group("rel")):
                continue
            k = bisect_left(starts, a)  # even when unreadable: no part of 6—4月 is a date either
            starts.insert(k, a)
            ends.insert(k, b)
            try:
                read = _read(kind, m, published, looks_ahead, stated_year)
            except (ValueError, KeyError):  # 13月, 2月30日, 6—4月: not a date after all
                continue
            if _dates_nothing(kind, read[0], text, a, b):
                read = ("from", *read[1:]) if _base_level_after(text, a, b) else ("base", None, None)
            elif read[0] in ("period", "point") and text.endswith(FROM_BEFORE, 0, a):
                read = ("from", *read[1:])
            spans.append(TimeSpan(a, b, *read, bare=kind == "bare"))
    spans = _topics(text, _listed_bases(text, sorted(spans, key=lambda s: s.start)))
    return _flows_to_date(text, _since_until(text, spans), published)


def _dates_nothing(pattern: str, kind: str, text: str, start: int, end: int) -> bool:
    """Whether the time at START..END of TEXT, a match of PATTERN read as KIND, is a base (比上年,
    是2015年的1.6倍), a record's range (为今年以来单月最高, 为10年来最高增幅) or when a trend began
    (延续2月份平稳向好趋势): what a figure is measured against or goes on from, not when it happened."""
    if pattern == "years_back" and RECORD_AFTER.match(text, end) is not None:
        return True
    if kind in BASED:
        return text.endswith(NOT_DATING_BEFORE, 0, start) or (
            text.endswith(MULTIPLE_BEFORE, 0, start) and MULTIPLE_AFTER.match(text, end) is not None)
    return kind == "since" and (text.endswith(TREND_BEFORE, 0, start) or RECORD_AFTER.match(text, end) is not None)


def _base_level_after(text: str, start: int, end: int) -> bool:
    """Whether the base time at START..END of TEXT is followed by its own level (较2016年7.262亿元增长8%,
    已超2020年全年的1503.6亿元): that figure is of the base's time, though nothing after it is."""
    return text.endswith(BASE_BEFORE, 0, start) and (
        OWN_LEVEL_AFTER.match(text, end) is not None
        or (text.endswith(LEVEL_BASE_BEFORE, 0, start) and LEVEL_AFTER.match(text, end) is not None))


def _topics(text: str, spans: list[TimeSpan]) -> list[TimeSpan]:
    """SPANS (in order) with the times that describe a year a topic: in 2021年是“十四五”开局之年 and
    2017年是实施“十三五”规划的第二年, the plan is what the year is, not the period of any figure."""
    for i in range(1, len(spans)):
        subject, t = spans[i - 1], spans[i]
        if subject.kind in ("period", "topic") and text.startswith(TOPIC_AFTER, subject.end) \
                and CLAUSE_END.search(text, subject.end, t.start) is None and t.kind in BASED:
            spans[i] = TimeSpan(t.start, t.end, "topic", None, None)
    return spans


def _listed_bases(text: str, spans: list[TimeSpan]) -> list[TimeSpan]:
    """SPANS (in order) with each time listed after a base a base too: in 较1—9月份和上年同期提高, both."""
    for i in range(1, len(spans)):
        before, t = spans[i - 1], spans[i]
        if before.kind == "base" and t.kind in BASED and LIST_GLUE.fullmatch(text, before.end, t.start):
            spans[i] = TimeSpan(t.start, t.end, "base", None, None)
    return spans


def _since_until(text: str, spans: list[TimeSpan]) -> list[TimeSpan]:
    """SPANS (in order) with a since time right after a point ending on that point: 截至8月15日，今年以来
    runs to 15 August, not to the publication date."""
    for i in range(1, len(spans)):
        point, t = spans[i - 1], spans[i]
        if point.kind == "point" and t.kind == "since" and t.period_start is not None \
                and t.period_start <= point.period_end and POINT_THEN_SINCE.fullmatch(text, point.end, t.start):
            spans[i] = t._replace(period_end=point.period_end)
    return spans


def _flows_to_date(text: str, spans: list[TimeSpan], published: date | None) -> list[TimeSpan]:
    """SPANS with a past point within a year (截止9月底, 截至8月15日) a period from 1 January to it when the
    sentence goes on with a flow and its change (完成投资75.33亿元，同比增长2.1%) and no balance (存款余额):
    what was done by a day is done since the year began; what is held on a day stays a point."""
    for i, t in enumerate(spans):
        if t.kind == "point" and "月" in text[t.start:t.end] and (published is None or t.period_end <= published) \
                and FLOW.search(text, t.end) and CHANGE.search(text, t.end) and not BALANCE.search(text, t.end):
            spans[i] = t._replace(kind="period", period_start=date(t.period_end.year, 1, 1))
    return spans
