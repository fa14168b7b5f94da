"""Extract stage: article sentences → metrics, one row per quantitative statement.

Concerns, one place each: numbers (pipeline.numbers), units and count nouns (data/units.toml),
qualifiers / measure / comparison / status cues (data/metric_cues.toml), exclusions
(data/metric_exclusions.toml), indicator phrases (data/metric_indicators.toml), enumerations
(`_groups`, `_rows_of_group`). Context columns (region, industry, indicator code, period) are
left null for the context stage; status comes from cue words only.
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipeline import numbers
from pipeline.clean import Sentence
from schemas import TABLES


@lru_cache(maxsize=None)
def _data(name: str) -> dict:
    return tomllib.loads(resources.files("pipeline.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _by_length(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _longest_first(words) -> tuple[str, ...]:
    """Longest first, equal lengths in their listed order (sorted once per word list)."""
    return _by_length(tuple(words))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in _longest_first(words))


@lru_cache(maxsize=None)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """One compiled search for any of WORDS (the longest where several start at one place)."""
    return re.compile(_alternation(words))


# --- finding figures -------------------------------------------------------------------

_N = numbers.NUMBER
_RANGE = rf"{_N}(?:{numbers.DASH}{_N})?"
# Every figure starts with a digit, a numeral or magnitude character, 第, 首 or 翻: a lookahead on
# that one character lets the regex skip all other positions without trying each alternative.
_FIGURE_START = rf"(?=[\d{''.join(numbers.CN_DIGITS)}{''.join(numbers.MAGNITUDES)}第首翻])"


@lru_cache(maxsize=None)
def _figure_pattern() -> re.Pattern:
    units = _data("units.toml")
    amount_units = [u for u in units["units"] if units["units"][u]["base"] not in ("percent", "pp")]
    # 万 alone starts a figure only after an approximation (近万家, 超万人, 逾万亩); 过亿元 stays a class
    bare_wan = "(?<=[近超逾过])万"
    return re.compile(
        rf"{_FIGURE_START}(?:百分之(?P<pw>{numbers.CHINESE}|{numbers.ARABIC})"
        rf"|(?P<pct>{_N}(?:%?{numbers.DASH}{_N})?)%"
        rf"|(?P<pp>{_RANGE})(?P<ppmid>余|多)?个?百分点"
        rf"|第(?P<rank>{_N})(?:位|名)|(?P<first>首位)|第(?P<rankbare>{_N})"
        rf"|翻(?P<fan>[一两二三四]|\d)番"
        rf"|(?P<times>{_RANGE})(?P<tmid>余|多)?倍"
        rf"|(?P<tenths>[一二两三四五六七八九]){units['fractions']['word']}"
        rf"|(?P<num>{_RANGE}|{bare_wan})(?P<mid>余|多)?(?P<mag>{numbers.MAGNITUDE})"
        rf"(?:(?P<unit>{_alternation(amount_units)})|(?P<noun>{_alternation(units['counts']['nouns'])}))"
        rf"|(?P<bare>{_RANGE})(?P<bmid>余|多)?(?P<bmag>{numbers.MAGNITUDE}))"
    )


@dataclass
class Figure:
    """One number-with-unit in a sentence, before context is read."""
    start: int  # span of value_text
    end: int
    outer_start: int  # span with the qualifier words around it (约, 左右)
    outer_end: int
    low: float
    high: float
    unit: str
    count_noun: str | None
    qualifier: str
    is_range: bool
    growth: bool = False  # 增长1.5倍, 翻一番: a growth rate whatever the cue words say


def _unit_of(word: str) -> tuple[str, float]:
    spec = _data("units.toml")["units"][word]
    return spec["base"], float(spec["factor"])


def _implied_unit(text: str, start: int) -> tuple[str, str | None] | None:
    """(unit, count_noun) of a magnitude without a unit, from the nearest implying word before it."""
    best = None
    for spec in _data("units.toml")["implied"].values():
        for w in spec["words"]:
            i = text.rfind(w, 0, start)
            if i >= 0 and (best is None or (i + len(w), len(w)) > best[0]):
                best = ((i + len(w), len(w)), (spec["base"], spec.get("noun")))
    return best[1] if best else None


def _figure_of(m: re.Match, text: str) -> tuple[float, float, str, str | None, str | None, bool]:
    """(low, high, unit, count_noun, middle qualifier, is_range) of one regex match."""
    g = m.groupdict()
    units = _data("units.toml")
    if g["pw"]:
        v = numbers.parse_number(g["pw"])
        return v, v, "percent", None, None, False
    if g["pct"]:
        low, high = numbers.parse_range(g["pct"].replace("%", ""))
        return low, high, "percent", None, None, low != high
    if g["pp"]:
        low, high = numbers.parse_range(g["pp"])
        return low, high, "pp", None, g["ppmid"], low != high
    if g["rank"] or g["rankbare"]:
        v = numbers.parse_number(g["rank"] or g["rankbare"])
        return v, v, "rank", None, None, False
    if g["first"]:
        return 1.0, 1.0, "rank", None, None, False
    if g["fan"]:
        v = (2 ** numbers.parse_number(g["fan"]) - 1) * units["multiples"]["percent_per_times"]
        return v, v, "percent", None, None, False
    if g["times"]:
        low, high = numbers.parse_range(g["times"])
        factor = units["multiples"]["percent_per_times"]
        return low * factor, high * factor, "percent", None, g["tmid"], low != high
    if g["tenths"]:
        v = numbers.parse_number(g["tenths"]) * units["fractions"]["percent_per_tenth"]
        return v, v, "percent", None, None, False
    if g["bare"]:
        low, high = numbers.parse_range(g["bare"] + g["bmag"])
        base, noun = _implied_unit(text, m.start())
        return low, high, base, noun, g["bmid"], low != high
    low, high = numbers.parse_range(g["num"] + g["mag"])
    if g["noun"]:
        return low, high, "count", g["noun"], g["mid"], low != high
    base, factor = _unit_of(g["unit"])
    return low * factor, high * factor, base, None, g["mid"], low != high


def _word_ending_at(text: str, end: int, words) -> str | None:
    words = _longest_first(words)
    if not text.endswith(words, 0, end):  # one C-level test for the usual case: no word fits
        return None
    return next(w for w in words if text.endswith(w, 0, end))


def _word_starting_at(text: str, start: int, words) -> str | None:
    words = _longest_first(words)
    if not text.startswith(words, start):
        return None
    return next(w for w in words if text.startswith(w, start))


@lru_cache(maxsize=None)
def _exclusion_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """(a string the text must contain, the pattern of excluded spans): 《…》, short quotes, idioms."""
    ex = _data("metric_exclusions.toml")
    limit = ex["max_name_quote_chars"]
    return (("《", re.compile(r"《[^》]*》")),
            *((opening, re.compile(f"{opening}[^{closing}]{{1,{limit}}}{closing}"))
              for opening, closing in ("“”", "‘’", "「」", "『』", '""')),
            *((idiom, re.compile(re.escape(idiom))) for idiom in ex["idioms"]))


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans whose numerals are names, titles, slogans or idioms: 《…》, short quotes, idioms."""
    return [m.span() for needle, pattern in _exclusion_patterns() if needle in text
            for m in pattern.finditer(text)]


def _clause_breaks(text: str) -> list[int]:
    """Where each clause break of TEXT ends. The breaks of text[:pos] are those ending at or before
    pos (a break is one character or ——), so this list serves every prefix."""
    return [m.end() for m in _CLAUSE_BREAK.finditer(text)]


def _clause_start(breaks: list[int], pos: int) -> int:
    i = bisect_right(breaks, pos)
    return breaks[i - 1] if i else 0


def _clause_of(text: str, start: int, end: int, breaks: list[int]) -> str:
    nxt = _CLAUSE_BREAK.search(text, end)
    return text[_clause_start(breaks, start):nxt.start() if nxt else len(text)]


_LATIN_BEFORE = re.compile(r"[A-Za-z.]")


def _is_excluded(text: str, m: re.Match, spans: list[tuple[int, int]], breaks: list[int]) -> bool:
    ex = _data("metric_exclusions.toml")
    start, end = m.span()
    g = m.groupdict()
    if any(s < end and start < e for s, e in spans):
        return True
    if start and _LATIN_BEFORE.match(text, start - 1):  # 5G, G20, version numbers
        return True
    clause = _clause_of(text, start, end, breaks)
    if _words_pattern(tuple(ex["spec_words"])).search(clause):  # a product's specification
        return True
    if g["rankbare"]:  # 位居全国第二。 — but 第二产业, 第二次
        window = text[max(0, start - ex["rank_bare_window"]):start]
        return not any(w in window for w in ex["rank_verbs"]) or not (end == len(text) or _CLAUSE_BREAK.match(text, end))
    if not g["rank"] and _word_ending_at(text, start, ex["number_prefixes"]):
        return True
    if g["first"]:  # 居全省首位 is a rank, 摆在首位 a priority
        return not any(w in text[max(0, start - 6):start] for w in ex["rank_verbs"])
    if g["times"]:  # 增长1.5倍 is a growth rate; 是去年的3倍 a ratio (units.toml [multiples])
        cues = _data("metric_cues.toml")["qualifier"]["before"]
        head = text[:start]
        head = head[:len(head) - len(_word_ending_at(head, len(head), cues) or "")]
        head = head.removesuffix("了")
        return not _word_ending_at(head, len(head), _data("units.toml")["multiples"]["verbs"])
    if g["tenths"]:  # 三成 — but 一成不变 (idioms), 形成 (a digit must start it), 成立, 成都
        if start and text[start - 1] in numbers.CN_DIGITS | numbers.MAGNITUDES:
            return True
        return _word_starting_at(text, end, ex["fraction_followers"]) is not None
    if g["bare"]:  # 常住人口120万: only a magnitude that ends the figure, with a word implying its unit
        whole = g["bare"] + (g["bmid"] or "") + g["bmag"]
        if not _ENDS_BIG.search(whole) and not _CHINESE.fullmatch(whole) \
                or not ("万" in whole or "亿" in whole):  # 一万五 (spoken 15000) too, but not 七千五 or 2023
            return True
        after_cues = _data("metric_cues.toml")["qualifier"]["after"]
        if _WORD_CHAR.match(text, end) and not _word_starting_at(text, end, after_cues):
            return True
        return _implied_unit(text, start) is None
    if _word_starting_at(text, end, ex["value_followers"]):
        return True
    if g["noun"]:
        if _word_starting_at(text, end, ex["count_noun_followers"]):
            return True
        if g["num"] == "一":  # 一个缩影, 一家分院: an article, not a count
            return True
    return False


_ENDS_BIG = re.compile(r"[万亿](?:余|多)?$")
_CHINESE = re.compile(numbers.CHINESE)
_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _is_class_label(text: str, fig: "Figure") -> bool:
    """年营收超10亿元企业: a threshold before a class noun names a size class, not a figure."""
    if fig.unit in ("count", "rank", "percent", "pp") or fig.qualifier not in ("more_than", "at_least"):
        return False
    return _word_starting_at(text, fig.outer_end, _data("metric_exclusions.toml")["class_heads"]) is not None


def find_figures(text: str) -> list[Figure]:
    """Every figure of a sentence that the contract counts, with its bounds in the base unit."""
    matches = list(_figure_pattern().finditer(text))
    if not matches:
        return []
    cues = _data("metric_cues.toml")["qualifier"]
    spans = excluded_spans(text)
    breaks = _clause_breaks(text)
    found = []
    for m in matches:
        if _is_excluded(text, m, spans, breaks):
            continue
        try:
            low, high, unit, noun, middle, is_range = _figure_of(m, text)
        except ValueError:  # 一一, 二〇二三: numeral-looking characters that are not a quantity
            continue
        start, end = m.span()
        before = _word_ending_at(text, start, cues["before"])
        after = _word_starting_at(text, end, cues["after"])
        clause = text[_clause_start(breaks, start):start]
        verb = next((w for w in _longest_first(cues["verb"]) if w in clause), None)
        qualifier = ("exact" if is_range else
                     cues["after"].get(after) or cues["middle"].get(middle) or cues["before"].get(before)
                     or cues["verb"].get(verb) or "exact")
        fig = Figure(start, end, start - len(before or ""), end + len(after or ""), low, high, unit, noun,
                     qualifier, is_range, growth=bool(m.group("times") or m.group("fan")))
        if not _is_class_label(text, fig):
            found.append(fig)
    return found


# --- reading the context of a figure ---------------------------------------------------

_CLAUSE_BREAK = re.compile(r"[，。；！？：,;:!?()（）]|——")


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, pos)]
    nxt = _CLAUSE_BREAK.search(text, pos)
    return (starts[-1] if starts else 0), (nxt.start() if nxt else len(text))


def _nearest_cue(text: str, words_by_kind: dict[str, list[str]]) -> str | None:
    """The kind of the cue word that ends nearest the end of text (ties go to the longer word)."""
    best = None
    for kind, words in words_by_kind.items():
        for w in words:
            i = text.rfind(w)
            if i >= 0 and (best is None or (i + len(w), len(w)) > best[0]):
                best = ((i + len(w), len(w)), kind)
    return best[1] if best else None


def measure_of(unit: str, before: str, after: str, growth: bool = False) -> tuple[str, int]:
    """(measure, sign): a percentage is a growth rate or a share by its nearest cue; decreases are negative,
    in percentage points too (回落0.2个百分点 → -0.2)."""
    if unit in ("count", "rank"):
        return unit, 1
    if unit not in ("percent", "pp"):
        return "level", 1
    cues = _data("metric_cues.toml")["measure"]
    kind = _nearest_cue(before, cues) or _nearest_cue(after[:8], cues)
    if unit == "pp":
        return "pp_change", -1 if kind == "decrease" else 1
    if growth:  # 增长1.5倍, 翻一番
        return "growth_rate", 1
    if kind != "share" and _word_ending_at(before, len(before), cues["reach"]):
        return "share", 1  # 提高到95%: the rate reached, not a change
    if kind == "decrease":
        return "growth_rate", -1
    return ("growth_rate", 1) if kind == "increase" else ("share", 1)


def comparison_of(before: str) -> str | None:
    """yoy / avg_annual / none by the cue nearest the figure; None when the clause has no cue at all."""
    return _nearest_cue(before, _data("metric_cues.toml")["comparison"])


def status_of(before: str) -> str:
    cues = _data("metric_cues.toml")["status"]
    for term in cues["not_target"]:
        before = before.replace(term, "")
    if any(w in before for w in cues["expected"]):
        return "expected"
    return "target" if any(w in before for w in cues["target"]) else "actual"


_TIME = re.compile(r"^(?:\d{2,4}年|[今去明前上]年|\d{1,2}(?:[-—]\d{1,2})?月份?|\d{1,2}日|以来"
                   r"|连续[\d一二两三四五六七八九十]+年)+")
_EDGE = "、 ·“”‘’\"'"


def left_phrase(text: str, keep: tuple[str, ...] = (), object_only: bool = True) -> str:
    """The indicator phrase before a figure: without time and connector words, the object of the
    last opening verb, without trailing predicates (全市工业技改投资年均增长 → 全市工业技改投资)
    except those in keep; object_only=False keeps a clause's subject (新能源汽车产量实现历史性突破)."""
    words = _data("metric_indicators.toml")
    cut = max((text.rfind(v) + len(v) for v in words["lead_verbs"] if v in text), default=0) if object_only else 0
    if cut and not _strip_trailing(text[cut:], words["trailing"]):  # 产值实现增长: the verb has no object
        cut = 0
    phrase = text[cut:].strip(_EDGE)
    while True:
        stripped = _TIME.sub("", phrase)
        lead = _word_starting_at(stripped, 0, words["leading"])
        stripped = stripped[len(lead or ""):].lstrip(_EDGE)
        if stripped == phrase:
            break
        phrase = stripped
    return _strip_trailing(phrase, _trailing_words(keep))


@lru_cache(maxsize=None)
def _trailing_words(keep: tuple[str, ...]) -> tuple[str, ...]:
    words = _data("metric_indicators.toml")
    return tuple(w for w in words["trailing"] + words["lead_verbs"] if w not in keep)  # 另有 alone names nothing


def _strip_trailing(phrase: str, trailing: list[str]) -> str:
    while True:
        tail = _word_ending_at(phrase, len(phrase), trailing)
        if not tail:
            return phrase.strip(_EDGE)
        phrase = phrase[:-len(tail)].rstrip(_EDGE)


def after_phrase(text: str, keep_de: bool = False) -> str:
    """The noun phrase right after a figure (6条生产线, 5000万元的建设资金), or '' when a verb,
    punctuation or the end of the sentence follows."""
    words = _data("metric_indicators.toml")
    phrase = re.split(r"[、，。；！？：,;:!?()（）]", text, maxsplit=1)[0]
    if not keep_de and "的" in phrase:
        head, rest = phrase.split("的", 1)
        relative = _word_starting_at(head, 0, words["relative_adverbs"])
        phrase = rest if not head or relative else head
    cut = min((phrase.find(w, 1) for w in words["phrase_stops"] if w in phrase[1:]), default=len(phrase))
    return phrase[:cut].rstrip("及和与").strip(_EDGE)


def _binds_left(left: str) -> bool:
    return _word_ending_at(left.rstrip(), len(left.rstrip()), _data("metric_indicators.toml")["binding"]) is not None


def indicator_of(fig: Figure, measure: str, left_raw: str, after_raw: str, fallback: str) -> str:
    """What the figure measures: the phrase before it, or for a count or amount the noun after it
    (6条生产线), unless the text before binds it (交易量已达到1407.6万吨)."""
    words = _data("metric_indicators.toml")
    contribution = measure == "pp_change" and any(w in left_raw for w in words["contribution_verbs"])
    left = left_phrase(left_raw, keep=tuple(words["contribution_keeps"]) if contribution else ())
    if measure in ("level", "count"):
        after = after_phrase(after_raw)
        if after and not _binds_left(left_raw):
            generic = _word_starting_at(after, 0, words["generic_heads"])
            return left + after if generic and left else after
        return left or after or fallback
    return left or after_phrase(after_raw, keep_de=True) or fallback


def subject_of(before: str) -> str | None:
    """Whose figure it is: the last region aggregate (全市) or named company / zone before the figure.
    A name runs back from its suffix (有限公司, 新区) to a punctuation mark or a preposition."""
    words = _data("metric_indicators.toml")
    stops = set(words["subject_boundaries"])
    best: tuple[int, str] | None = None
    for word in words["subject_aggregates"]:
        i = before.rfind(word)
        if i >= 0 and (best is None or i + len(word) > best[0]):
            best = (i + len(word), word)
    for m in _words_pattern(tuple(words["subject_suffixes"])).finditer(before):
        start = m.start()
        while start > 0 and m.start() - start < 12 and "\u4e00" <= before[start - 1] <= "\u9fff" \
                and before[start - 1] not in stops:
            start -= 1
        if m.start() - start >= 2 and (best is None or m.end() >= best[0]):
            best = (m.end(), before[start:m.end()])
    return best[1] if best else None


# --- enumerations and rows -------------------------------------------------------------

def _groups(text: str, figures: list[Figure]) -> list[list[Figure]]:
    """Figures joined only by 、 (15.62%、24.73%、35.78%) share their indicator list and cues."""
    groups: list[list[Figure]] = []
    for fig in figures:
        prev = groups[-1][-1] if groups else None
        if prev and prev.unit == fig.unit and text[prev.outer_end:fig.outer_start] in ("、", "和", "及"):
            groups[-1].append(fig)
        else:
            groups.append([fig])
    return groups


def _names(left_raw: str) -> list[str]:
    """The indicators of an enumeration before one predicate (用工、能耗减少20%)."""
    phrase = left_phrase(left_raw)
    if phrase.endswith("等"):
        return [phrase]
    return [n for n in (p.strip(_EDGE) for p in phrase.split("、")) if n]


def _bounds(fig: Figure, sign: int) -> tuple[float, float | None, float | None]:
    low, high = fig.low, fig.high
    if not fig.is_range:
        low_b = None if fig.qualifier in ("at_most", "nearly") else low
        high_b = None if fig.qualifier in ("at_least", "more_than") else high
        low, high = low_b, high_b
    value = fig.low
    if sign < 0:  # a decrease: the figure and its bounds mirror around zero
        return -value, (-high if high is not None else None), (-low if low is not None else None)
    return value, low, high


def _row(doc_id: str, s: Sentence, fig: Figure, measure: str, sign: int, comparison: str,
         indicator: str, subject: str | None, status: str) -> dict:
    value, low, high = _bounds(fig, sign)
    return {
        "doc_id": doc_id, "sentence_id": s.sentence_id, "evidence": s.text,
        "value_text": s.text[fig.start:fig.end], "char_start": fig.start,
        "value": value, "value_low": low, "value_high": high, "qualifier": fig.qualifier,
        "unit": fig.unit, "count_noun": fig.count_noun, "measure": measure, "comparison": comparison,
        "indicator_text": indicator or None, "indicator": None, "subject": subject, "region_code": None,
        "industry": None, "period_start": None, "period_end": None, "status": status,
    }


def extract_sentence(doc_id: str, s: Sentence) -> list[dict]:
    """One row per figure of one sentence; an enumeration gives one row per (indicator, figure) pair."""
    if s.is_heading:
        return []
    text = s.text
    figures = find_figures(text)
    rows: list[dict] = []
    last_indicator = ""
    last_comparison = "none"
    prev_end = 0
    groups = _groups(text, figures)
    for gi, group in enumerate(groups):
        first, last = group[0], group[-1]
        c_start, c_end = _clause_bounds(text, first.start)
        next_start = groups[gi + 1][0].outer_start if gi + 1 < len(groups) else len(text)
        left_raw = text[max(c_start, prev_end):first.outer_start]
        after_raw = text[last.outer_end:min(c_end, next_start)]
        clause_before = text[c_start:first.outer_start]
        measure, sign = measure_of(first.unit, clause_before, after_raw, first.growth)
        fallback = last_indicator or _previous_clause(text, c_start)
        names = _names(left_raw) if measure in ("growth_rate", "pp_change") or len(group) > 1 else []
        earlier = [r["indicator_text"] for r in rows[-len(group):]] if len(group) > 1 else []
        if len(group) > 1 and len(names) == len(group):
            pairs = list(zip(names, group))
        elif len(group) == 1 and len(names) > 1:
            pairs = [(n, first) for n in names]
        elif not names and _RESPECTIVELY in left_raw and len(earlier) == len(group) == len(set(earlier)) \
                and all(earlier):  # 其中出口…、进口…，分别下降3.2%和7.8%: the figures before, in order
            pairs = list(zip(earlier, group))
        else:
            ind = _aspect_of(indicator_of(first, measure, left_raw, after_raw, fallback), fallback)
            pairs = [(ind, f) for f in group]
        comparison = comparison_of(clause_before)
        if comparison is None:  # 同比下降4.8%，其中工业投资增长8.6%: the sentence's comparison carries on
            comparison = last_comparison if measure == "growth_rate" else "none"
        if measure == "growth_rate":
            last_comparison = comparison
        status = status_of(text[:first.outer_start])
        subject = subject_of(text[:first.outer_start])
        for indicator, fig in pairs:
            rows.append(_row(doc_id, s, fig, measure, sign, comparison, indicator, subject, status))
        last_indicator = pairs[-1][0] or last_indicator
        prev_end = last.outer_end
    return rows


_RESPECTIVELY = "分别"


def _aspect_of(indicator: str, previous: str) -> str:
    """增速 / 占比 / 高于全国 alone name an aspect of the indicator before: 规上工业增加值增速."""
    heads = _data("metric_indicators.toml")["aspect_heads"]
    if previous and indicator and _word_starting_at(indicator, 0, heads) and not indicator.startswith(previous):
        return previous + indicator
    return indicator


def _previous_clause(text: str, clause_start: int) -> str:
    """The topic of the clause before (新能源汽车产量实现历史性突破，预计将达12万辆)."""
    for clause in reversed(_CLAUSE_BREAK.split(text[:clause_start])):  # the last clause that names one
        phrase = left_phrase(clause, object_only=False)
        if phrase:
            return phrase
    return ""


def extract_document(doc_id: str, sentences: list[Sentence]) -> list[dict]:
    """One row per quantitative statement of a document, metric_id in sentence and text order."""
    columns = TABLES["metrics"].columns
    rows = [r for s in sentences for r in extract_sentence(doc_id, s)]
    for i, r in enumerate(rows):
        r["metric_id"] = i
    return [{c: r[c] for c in columns} for r in rows]
