"""Extract stage: article sentences → metrics, one row per quantitative statement.

Concerns, one place each: numbers (pipeline.numbers), units and count nouns (data/units.toml),
qualifiers / measure / comparison / status cues (data/metric_cues.toml), exclusions
(data/metric_exclusions.toml), indicator phrases (data/metric_indicators.toml), enumerations
(`_groups`, `_rows_of_group`). Context columns (region, industry, indicator code, period) are
left null for the context stage; status comes from cue words only.

Speed (the stage runs on every sentence of every document): the word lists are turned once into
the form each test needs (`_lexicon`) — a set lookup per word length for 'which word ends here',
one regex where a list is searched (over the reversed text for 'the word nearest the end'), so no
call loops over a word list in Python; the figure pattern runs once per document; and work that
most sentences do not need (clauses, quoted spans, idioms, subjects, status words) waits until a
sentence needs it.
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from types import SimpleNamespace

from pipeline import numbers, periods, reference
from pipeline.clean import Sentence
from schemas import TABLES


@lru_cache(maxsize=None)
def _data(name: str) -> dict:
    return tomllib.loads(resources.files("pipeline.data").joinpath(name).read_text(encoding="utf-8"))


def _longest_first(words) -> tuple[str, ...]:
    """Longest first, equal lengths in their listed order."""
    return tuple(sorted(words, key=len, reverse=True))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in _longest_first(words))


def _any_of(words) -> re.Pattern:
    """One search for any of WORDS: `pattern.search(text)` is `any(w in text for w in words)`."""
    return re.compile(_alternation(words))


def _last_of(words, not_followed_by: str = "") -> re.Pattern:
    """A search over the reversed text for the reversed WORDS, in the order given. Its first match is
    the word whose last occurrence ends nearest the end of the text, and of words ending there the
    first one that the order lists. An occurrence followed by a character of NOT_FOLLOWED_BY is skipped."""
    guard = f"(?<![{re.escape(not_followed_by)}])" if not_followed_by else ""
    return re.compile(guard + "(?:" + "|".join(re.escape(w[::-1]) for w in words) + ")")


class _Words:
    """A word list for 'which of these words starts / ends here' (the longest where several do): one
    set lookup per word length, longest first, instead of a test per word (the lists have up to 70
    words of 1 to 6 characters). Most figures have no qualifier word at either side: one test of the
    character next to them (is it the last / first character of any word?) answers those."""

    def __init__(self, words):
        self.words = _longest_first(words)
        self._set = frozenset(self.words)
        self._lengths = sorted({len(w) for w in self.words}, reverse=True)
        self._last_chars = frozenset(w[-1] for w in self.words)
        self._first_chars = frozenset(w[0] for w in self.words)

    def ending_at(self, text: str, end: int) -> str | None:
        if not end or text[end - 1] not in self._last_chars:
            return None
        for n in self._lengths:
            if n <= end and (word := text[end - n:end]) in self._set:
                return word
        return None

    def starting_at(self, text: str, start: int) -> str | None:
        if start >= len(text) or text[start] not in self._first_chars:
            return None
        for n in self._lengths:
            if len(word := text[start:start + n]) == n and word in self._set:
                return word
        return None


class _Nearest:
    """The value of the word (of a {word: value} mapping) that ends nearest the end of a text, ties going
    to the longer word and then to the first listed — the same as rfind over every word keeping the
    greatest (end, length), in one regex search."""

    def __init__(self, values: dict[str, object]):
        self._values = values
        self._pattern = _last_of(_longest_first(values))

    def __call__(self, text: str):
        m = self._pattern.search(text[::-1])
        return self._values[m.group()[::-1]] if m else None


def _first_listed(pairs) -> dict[str, object]:
    """{word: value} keeping the first value of a word listed twice (a later equal word never wins a tie)."""
    values: dict[str, object] = {}
    for word, value in pairs:
        values.setdefault(word, value)
    return values


_MEASURE_CUES = ("decrease", "increase", "share", "reach")  # [measure] lists of cue words (the rest are nouns)


@lru_cache(maxsize=None)
def _lexicon() -> SimpleNamespace:
    """Every word list of the data files in the form its test uses, built once."""
    units, cues = _data("units.toml"), _data("metric_cues.toml")
    ex, words = _data("metric_exclusions.toml"), _data("metric_indicators.toml")
    status = cues["status"]
    return SimpleNamespace(
        units={w: (spec["base"], float(spec["factor"])) for w, spec in units["units"].items()},
        per={w: (spec["base"], float(spec["factor"])) for w, spec in units["per"].items()},
        per_words=_Words(units["per"]),
        implied_unit=_Nearest(_first_listed((w, (spec["base"], spec.get("noun")))
                                            for spec in units["implied"].values() for w in spec["words"])),
        multiple_verbs=_longest_first(units["multiples"]["verbs"]),
        percent_per_times=units["multiples"]["percent_per_times"],
        percent_per_tenth=units["fractions"]["percent_per_tenth"],
        before=cues["qualifier"]["before"], before_words=_Words(cues["qualifier"]["before"]),
        after=cues["qualifier"]["after"], after_words=_Words(cues["qualifier"]["after"]),
        middle=cues["qualifier"]["middle"],
        verb=cues["qualifier"]["verb"], verb_words=_longest_first(cues["qualifier"]["verb"]),
        any_verb=_any_of(cues["qualifier"]["verb"]),
        measure=_Nearest(_first_listed((w, kind) for kind, ws in cues["measure"].items() for w in ws
                                       if kind in _MEASURE_CUES)),
        reach=_longest_first(cues["measure"]["reach"]),
        pulling_down=_any_of(cues["measure"]["pulling_down"]),
        rate_nouns=tuple(cues["measure"]["increase_nouns"] + cues["measure"]["decrease_nouns"]),
        decrease_nouns=tuple(cues["measure"]["decrease_nouns"]),
        # a rate noun a few words before a change verb of the level it reached (增幅进一步扩大到25.7%)
        rate_reached=re.compile(rf"({_alternation(cues['measure']['increase_nouns'] + cues['measure']['decrease_nouns'])})"
                                rf"[^，。；,;]{{0,8}}$"),
        yardstick=re.compile(rf"(?:{_alternation(cues['yardstick']['base_before'])})"
                             rf"(?P<name>[^，。；、()（）\d{''.join({w[0] for w in cues['yardstick']['base_before']})}]{{1,10}})$"),
        comparison_words=_longest_first(w for kind, ws in cues["comparison"].items() if kind != "none" for w in ws),
        comparison=_Nearest(_first_listed((w, kind) for kind, ws in cues["comparison"].items() for w in ws)),
        not_target=status["not_target"], expected=_any_of(status["expected"] + status["projection"]),
        target=_any_of(status["target"]),
        any_status=_any_of(status["expected"] + status["projection"] + status["target"] + status["not_target"]),
        # (a string the text must contain, the pattern of excluded spans): 《…》 and short quotes; idioms
        quote_patterns=(("《", re.compile(r"《[^》]*》")),
                        *((opening, re.compile(f"{opening}[^{closing}]{{1,{ex['max_name_quote_chars']}}}{closing}"))
                          for opening, closing in ("“”", "‘’", "「」", "『』", '""'))),
        idiom_patterns=tuple((idiom, re.compile(re.escape(idiom))) for idiom in ex["idioms"]),
        any_idiom=_any_of(ex["idioms"]),
        spec_words=_any_of(ex["spec_words"] + ex["geography_words"]),
        number_prefixes=_longest_first(ex["number_prefixes"]),
        not_qualifiers=tuple(ex["not_qualifiers"]),
        value_followers=_longest_first(ex["value_followers"]),
        count_noun_followers=_longest_first(ex["count_noun_followers"]),
        fraction_followers=_longest_first(ex["fraction_followers"]),
        class_heads=_longest_first(ex["class_heads"]),
        framing_start=ex["framing"]["start"], framing_end=ex["framing"]["end"],
        # 的, another threshold of the same class (、企业投资亿元以上), a few words of the class (重大, 新建工业), its head
        amount_class=re.compile(rf"的?(?:、[^，。；、]{{0,12}}?(?:以上|以下)的?)?[^，。；、\d]{{0,{ex['class_modifier_chars']}}}?"
                                rf"(?:{_alternation(ex['class_heads'])})"),
        count_class=re.compile(rf"的?[^，。；、\d]{{0,{ex['class_modifier_chars']}}}?(?:{_alternation(ex['count_class_heads'])})"),
        counted_before=re.compile(rf"[\d{''.join(numbers.CN_DIGITS)}](?:{_alternation(_data('units.toml')['counts']['nouns'])})$"),
        rank_verbs=tuple(ex["rank_verbs"]), rank_bare_window=ex["rank_bare_window"], rank_scopes=tuple(ex["rank_scopes"]),
        rank_moves=tuple(ex["rank_moves"]), rank_contexts=tuple(ex["rank_contexts"]),
        rank_predicate=re.compile(rf"(?:{_alternation(ex['rank_predicate_adverbs'])}|[\d{''.join(numbers.CN_DIGITS)}]+年)*"
                                  rf"(?:{_alternation(ex['rank_predicates'])})(?:{_alternation(ex['rank_scopes'])})?$"),
        any_rank_predicate=re.compile(rf"{_alternation(ex['rank_predicates'])}(?!{_RESIDENTS[1:]})"),
        units_in_context=ex["units_in_context"],
        leading=re.compile(rf"(?:(?>{_TIME_WORDS})?(?>{_alternation(words['leading'])})?[{re.escape(_EDGE)}]*)*"),
        # what a leading match can start with besides a digit (\d, as str.isdecimal): most phrases start
        # with none of it, and are not matched to strip nothing
        leading_first=frozenset(_TIME_FIRST + _EDGE + "".join(w[0] for w in words["leading"])),
        last_lead_verb=_last_of(words["lead_verbs"], not_followed_by="".join(words["verb_noun_suffixes"])),
        trailing=_Trailing(words["trailing"]),
        binding=_longest_first(words["binding"]),
        phrase_stops=_any_of(words["phrase_stops"]),
        generic_heads=_longest_first(words["generic_heads"]),
        milestones=_longest_first(words["milestones"]),
        relative_adverbs=_longest_first(words["relative_adverbs"]),
        contribution_verbs=_any_of(words["contribution_verbs"]),
        contribution_keeps=tuple(words["contribution_keeps"]),
        aspect_heads=_longest_first(words["aspect_heads"]),
        comparatives=_longest_first(words["comparatives"]),
        not_aspects=tuple(words["not_aspects"]),
        shared_heads=_longest_first(words["shared_heads"]),
        shared_aspects=_longest_first(words["shared_aspects"]),
        shared_heads_set=frozenset(words["shared_heads"]),
        coordinated_compounds={compound: words["coordinated_compounds"][compound]
                               for compound in _longest_first(words["coordinated_compounds"])},
        change=re.compile(r"(?:同比|(?:比|较|与)[^，。；、,;\d]{0,6}?)?(?:" + _alternation(words["change_verbs"]) + ")了?$"),
        # 区本级产值全区占比63.5%，同比增长3.9%: the growth is of what the share is of
        share_name=re.compile(rf"(?:{_alternation(words['subject_aggregates'])})?(?:{_alternation(words['share_heads'])})$"),
        category_names=_any_of(words["listed_category_names"]),
        measure_suffixes=tuple(words["verb_noun_suffixes"] + words["measure_nouns"]),  # 量, 额, 面积 end a measure's name
        sector_suffixes=tuple(words["sector_suffixes"]),
        aggregates=_any_of(words["subject_aggregates"]),
        subject_bases=tuple(words["subject_bases"]),
        subject_aggregates_set=frozenset(words["subject_aggregates"]),
        subject_suffixes=_any_of(words["subject_suffixes"]),
        any_subject=_any_of(words["subject_aggregates"] + words["subject_suffixes"]),
        subject_boundaries=frozenset(words["subject_boundaries"]),
    )


# --- finding figures -------------------------------------------------------------------

_N = numbers.NUMBER
_RANGE = rf"{_N}(?:{numbers.DASH}{_N})?"
# Every figure starts with a digit, a numeral or magnitude character, 第, 翻 or a word for first place:
# a lookahead on that one character fails at every other position before any alternative is tried (re
# still visits each position; it only jumps ahead for a pattern that starts by consuming a literal).
_FIGURE_START_CHARS = f"\\d{''.join(numbers.CN_DIGITS)}{''.join(numbers.MAGNITUDES)}第翻"


@lru_cache(maxsize=None)
def _figure_pattern() -> re.Pattern:
    units = _data("units.toml")
    amount_units = [u for u in units["units"] if units["units"][u]["base"] not in ("percent", "pp")]
    # 万 alone starts a figure only after an approximation (近万家, 超万人, 逾万亩); 过亿元 stays a class
    bare_wan = "(?<=[近超逾过])万"
    # A percentage, percentage points and a multiple end in %, 分点 or 倍 after a run of number characters
    # (and 余, 多, 个); an amount or count in a unit or count noun (_unit_ahead). Each alternative first
    # looks for its ending with one possessive scan, a test that its matches pass anyway: where the test
    # fails (at most figures; at every year), its number is neither parsed nor backtracked through every
    # shorter prefix.
    run = numbers.NUMBER_CHARS
    first_place = _data("metric_exclusions.toml")["first_place"]
    starts = _FIGURE_START_CHARS + "".join(sorted({w[0] for w in first_place}))
    return re.compile(
        rf"(?=[{starts}])(?:百分之(?P<pw>{numbers.CHINESE}|{numbers.ARABIC})"
        rf"|(?=[{run}]*+%)(?P<pct>{_N}(?:%?{numbers.DASH}{_N})?)%"
        rf"|(?=[{run}余多个]*+分点)(?P<pp>{_RANGE})(?P<ppmid>余|多)?个?百分点"
        rf"|第(?P<rank>{_N})(?:位|名)|(?P<first>{_alternation(first_place)})|第(?P<rankbare>{_N})"
        rf"|翻(?P<fan>[一两二三四]|\d)番"
        rf"|(?=[{run}余多]*+倍)(?P<times>{_RANGE})(?P<tmid>余|多)?倍"
        rf"|(?P<tenths>[一二两三四五六七八九]){units['fractions']['word']}"
        rf"|(?P<whole>[二两三四五六七八九十]|[2-9]|[1-9]\d)分之(?P<part>[一二两三四五六七八九]|[1-9]\d?)"
        rf"|{_unit_ahead(amount_units + units['counts']['nouns'], f'[{run}余多]')}"
        rf"(?P<num>{_RANGE}|{bare_wan})(?P<mid>余|多)?(?P<mag>{numbers.MAGNITUDE})"
        rf"(?:(?P<unit>{_alternation(amount_units)})|(?P<noun>{_alternation(units['counts']['nouns'])}))"
        rf"|(?P<bare>{_RANGE})(?P<bmid>余|多)?(?P<bmag>{numbers.MAGNITUDE}))"
    )


def _unit_ahead(words: list[str], run: str) -> str:
    """The same test for an amount or count, whose number and magnitude (characters of RUN) end where a
    unit or count noun starts: the run, then a word less the characters of RUN it starts with (千瓦时: the
    run takes 千). No test where a word is all characters of RUN (the run would pass its end)."""
    parts = []
    for word in words:
        k = re.match(f"{run}*", word).end()
        if k == len(word):
            return ""
        parts.append(f"(?<={re.escape(word[:k])}){re.escape(word[k:])}" if k else re.escape(word))
    return rf"(?={run}*+(?:{'|'.join(parts)}))"


# The alternative a figure match took, from m.lastgroup (the group that closed last: an alternative's
# own trailing group where it has one), instead of building a groupdict per match.
_KIND = {"pw": "pw", "pct": "pct", "pp": "pp", "ppmid": "pp", "rank": "rank", "first": "first",
         "rankbare": "rankbare", "fan": "fan", "times": "times", "tmid": "times", "tenths": "tenths", "part": "part",
         "unit": "num", "noun": "num", "bare": "bare", "bmid": "bare", "bmag": "bare"}


@dataclass(slots=True)
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


def _figure_of(kind: str, m: re.Match, text: str, start: int) -> tuple[float, float, str, str | None, str | None, bool]:
    """(low, high, unit, count_noun, middle qualifier, is_range) of one regex match at START of TEXT."""
    lex = _lexicon()
    if kind == "num":
        low, high = numbers.parse_range(m["num"] + m["mag"])
        if m["noun"]:
            return low, high, "count", m["noun"], m["mid"], low != high
        base, factor = lex.units[m["unit"]]
        return low * factor, high * factor, base, None, m["mid"], low != high
    if kind == "pct":
        low, high = numbers.parse_range(m["pct"].replace("%", ""))
        return low, high, "percent", None, None, low != high
    if kind == "pw":
        v = numbers.parse_number(m["pw"])
        return v, v, "percent", None, None, False
    if kind == "pp":
        low, high = numbers.parse_range(m["pp"])
        return low, high, "pp", None, m["ppmid"], low != high
    if kind in ("rank", "rankbare"):
        v = numbers.parse_number(m[kind])
        return v, v, "rank", None, None, False
    if kind == "first":
        return 1.0, 1.0, "rank", None, None, False
    if kind == "fan":
        v = (2 ** numbers.parse_number(m["fan"]) - 1) * lex.percent_per_times
        return v, v, "percent", None, None, False
    if kind == "times":
        low, high = numbers.parse_range(m["times"])
        return low * lex.percent_per_times, high * lex.percent_per_times, "percent", None, m["tmid"], low != high
    if kind == "tenths":
        v = numbers.parse_number(m["tenths"]) * lex.percent_per_tenth
        return v, v, "percent", None, None, False
    if kind == "part":  # 三分之一: a third, in percent
        v = 100 * numbers.parse_number(m["part"]) / numbers.parse_number(m["whole"])
        return v, v, "percent", None, None, False
    # bare
    low, high = numbers.parse_range(m["bare"] + m["bmag"])
    base, noun = lex.implied_unit(text[:start])
    return low, high, base, noun, m["bmid"], low != high


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans whose numerals are names, titles, slogans or idioms: 《…》, short quotes, idioms.
    The idioms are looked for one by one only in a sentence where one search finds any (few do)."""
    lex = _lexicon()
    spans = [m.span() for opening, pattern in lex.quote_patterns if opening in text
             for m in pattern.finditer(text)]
    if lex.any_idiom.search(text):
        spans += [m.span() for idiom, pattern in lex.idiom_patterns if idiom in text
                  for m in pattern.finditer(text)]
    return spans


def _clause_breaks(text: str) -> list[int]:
    """Where each clause break of TEXT ends. The breaks of text[:pos] are those ending at or before
    pos (a break is one character or ——), so this list serves every prefix."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    if "(" in text:
        asides = {end for m in _ASIDE.finditer(text) for end in (m.start() + 1, m.end())}
        breaks = [b for b in breaks if b not in asides]
    return breaks


# A short aside in brackets (固定资产投资(不含农户)同比增长, 同比(下同)增长) is no clause break: the
# indicator and the cues around it are one clause
_ASIDE = re.compile(r"\([^()0-9，。；]{1,8}\)")


def _clause_start(breaks: list[int], pos: int) -> int:
    i = bisect_right(breaks, pos)
    return breaks[i - 1] if i else 0


def _clause_end(text: str, breaks: list[int], pos: int) -> int:
    """Where the first clause break at or after POS starts. No figure starts or ends between the two
    characters of ——, so that is the first break ending after POS."""
    i = bisect_right(breaks, pos)
    if i == len(breaks):
        return len(text)
    end = breaks[i]
    return end - 2 if text[end - 1] == "—" else end - 1


_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_NUMERAL_CHARS = frozenset(numbers.CN_DIGITS) | frozenset(numbers.MAGNITUDES)


def _is_excluded_kind(text: str, kind: str, m: re.Match, start: int, end: int) -> bool:
    """The exclusions of one kind of figure (match M, at START:END of TEXT). Checked before the
    sentence-wide ones: nearly every bare number (years, codes) fails here at once."""
    lex = _lexicon()
    if kind == "rankbare":  # 位居全国第二。, 全省第二，, 投资潜力第3、 — but 第二产业, 第二次
        window = text[max(0, start - lex.rank_bare_window):start]
        if "、" in window and "第" in window:  # 位居全国投资潜力第3、质量第4: the list's verb is the clause's
            window = text[_clause_start(_clause_breaks(text), start):start]
        window = window.replace(_RESIDENTS, "")
        ranked = any(w in window for w in lex.rank_verbs) or window.endswith(lex.rank_scopes)
        listed = text.startswith(_NEXT_RANKS, end)  # 分别居吉林省第三和第一位: 第三 shares the 位 of 第一
        return not ranked or not (end == len(text) or _CLAUSE_BREAK.match(text, end) or listed)
    if kind != "rank" and text.endswith(lex.number_prefixes, 0, start) \
            and not (text[start].isdecimal() and text.endswith(_COUNT_OF, 0, start)):
        return True  # 数十家, 前3位 — but 企业数1101户 is a count
    if kind == "first":  # 居全省首位 is a rank, 摆在首位 a priority
        return not any(w in text[max(0, start - 6):start] for w in lex.rank_verbs)
    if kind == "times":  # 增长1.5倍 is a growth rate; 是去年的3倍 a ratio (units.toml [multiples])
        head = text[:start]
        head = head[:len(head) - len(lex.before_words.ending_at(head, len(head)) or "")]
        head = _LISTED_RATES.sub("", head.removesuffix("了"))  # 分别增长42.3%、1.2倍及11.8%: the list's verb
        return not head.endswith(lex.multiple_verbs)
    if kind == "tenths":  # 三成 — but 一成不变 (idioms), 形成 (a digit must start it), 成立, 成都
        if start and text[start - 1] in _NUMERAL_CHARS:
            return True
        return text.startswith(lex.fraction_followers, end)
    if kind == "bare":  # 常住人口120万: only a magnitude that ends the figure, with a word implying its unit
        whole = text[start:end]
        if not ("万" in whole or "亿" in whole) \
                or not _ENDS_BIG.search(whole) and not _CHINESE.fullmatch(whole):  # 一万五 (spoken 15000) too,
            return True  # but not 七千五 or 2023
        if _WORD_CHAR.match(text, end) and not text.startswith(lex.after_words.words, end):
            return True
        return lex.implied_unit(text[:start]) is None
    if text.startswith(lex.value_followers, end):
        return True
    if kind == "num" and m["unit"] in lex.units_in_context:
        return lex.units_in_context[m["unit"]] not in text  # 万度 of electricity, not degrees
    if kind == "num" and m["noun"]:
        if text.startswith(lex.count_noun_followers, end):
            return True
        if m["num"] == "一":  # 一个缩影, 一家分院: an article, not a count
            return True
        if text[start] in numbers.CN_DIGITS and _is_numbered_slogan(text, start, end, m["num"]):
            return True
        if lex.framing_end in text and _in_framing(text, start):
            return True
    return False


_NEXT_RANKS = ("、", "和第", "及第")


def _is_numbered_slogan(text: str, start: int, end: int, numeral: str) -> bool:
    """五个振兴、六个坚持、七种能力: items of a list numbered one after another name a slogan's parts, not counts.
    The item after (or before) this one starts with the next (or previous) numeral."""
    value = numbers.CN_DIGITS.get(numeral)
    if value is None or start and text[start - 1] not in _ITEM_OPENINGS:  # 新建三个产业园、四个基地: counts
        return False
    after = _LIST_ITEM_AFTER.match(text, end)
    if after and numbers.CN_DIGITS.get(after.group(1)) == value + 1:
        return True
    before = _LIST_ITEM_BEFORE.search(text, 0, start)
    return before is not None and numbers.CN_DIGITS.get(before.group(1)) == value - 1


_LIST_ITEM_AFTER = re.compile(r"[^，。；、\d]{1,6}、(.)")
_ITEM_OPENINGS = "、，；：“"
_LIST_ITEM_BEFORE = re.compile(rf"(?:^|[{_ITEM_OPENINGS}])(.)[^，。；、\d]{{1,6}}、$")


def _in_framing(text: str, start: int) -> bool:
    """从6个旗县市增速看: a count inside a frame of view (从…看) says where the figures come from, not a count."""
    lex = _lexicon()
    breaks = _clause_breaks(text)
    clause = text[_clause_start(breaks, start):_clause_end(text, breaks, start)]
    return clause.startswith(lex.framing_start) and clause.endswith(lex.framing_end)


_LISTED_RATES = re.compile(r"(?:\d+(?:\.\d+)?(?:%|倍)[、和及])+$")
_ENDS_BIG = re.compile(r"[万亿](?:余|多)?$")
_CHINESE = re.compile(numbers.CHINESE)
_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _is_class_label(text: str, fig: "Figure") -> bool:
    """年营收超10亿元企业, 过5亿元的项目, 超1000亿元的2个: a threshold before a class noun (or before 的 and
    the class's count) names a size class, not a figure; so does a count's threshold before a holder of what is
    counted (出栏50头以上的养殖户), and an amount between a count and a class noun (209项10亿元新建工业项目)."""
    lex = _lexicon()
    over = fig.qualifier in ("more_than", "at_least") or text.endswith(_OVER, 0, fig.outer_start)
    if fig.unit == "count":
        return over and lex.count_class.match(text, fig.outer_end) is not None
    if fig.unit in _NOT_AMOUNTS:
        return False
    if not text[fig.start].isdecimal():  # 百亿元工业项目, 千万元投资建设项目: a round magnitude before a class
        phrase = after_phrase(text[fig.outer_end:])
        if phrase and any(head in phrase for head in lex.class_heads):
            return True
    if lex.counted_before.search(text, 0, fig.outer_start) and lex.amount_class.match(text, fig.outer_end):
        return True
    if not over:
        return False
    end = fig.outer_end + text.startswith(_OF, fig.outer_end)
    if lex.amount_class.match(text, fig.outer_end):  # 5000万元以上、企业投资亿元以上重大项目
        return True
    return end > fig.outer_end and end < len(text) and (text[end].isdecimal() or text[end] in numbers.CN_DIGITS)


_OVER, _OF = "过", "的"
_NOT_AMOUNTS = ("count", "rank", "percent", "pp")
_COUNT_OF = "数"
_PLACES = "位"
_RESIDENTS = "居民"  # 居 of 居民 is no rank verb


def find_figures(text: str, matches: list[re.Match], offset: int) -> list[Figure]:
    """Every figure of a sentence that the contract counts, with its bounds in the base unit.
    MATCHES are the figure pattern's matches in the sentence, found in a string where it starts at OFFSET.
    The clauses are read only in a sentence with a spec word or a verb cue, the excluded spans only
    once a match passes the tests of its kind: most sentences need neither."""
    lex = _lexicon()
    has_spec_words = lex.spec_words.search(text) is not None
    has_verb_cue = lex.any_verb.search(text) is not None
    breaks = _clause_breaks(text) if has_spec_words or has_verb_cue else []
    spans = None
    found = []
    for m in matches:
        kind = _KIND[m.lastgroup]
        start, end = m.start() - offset, m.end() - offset
        if _is_excluded_kind(text, kind, m, start, end):
            continue
        if spans is None:
            spans = excluded_spans(text)
        if spans and any(s < end and start < e for s, e in spans):
            continue
        if start and text[start - 1] in _LATIN:  # 5G, G20, version numbers
            continue
        if has_spec_words and lex.spec_words.search(text, _clause_start(breaks, start), _clause_end(text, breaks, end)):
            continue  # a product's specification
        try:
            low, high, unit, noun, middle, is_range = _figure_of(kind, m, text, start)
        except ValueError:  # 一一, 二〇二三: numeral-looking characters that are not a quantity
            continue
        if unit not in _NOT_AMOUNTS and text.startswith("/", end) and (per := lex.per_words.starting_at(text, end + 1)):
            per_base, per_factor = lex.per[per]  # 投资强度232.55万元/亩: CNY_per_mu
            unit, low, high, end = f"{unit}_per_{per_base}", low / per_factor, high / per_factor, end + 1 + len(per)
        if noun == _PLACES:  # 综合排名24位 is a rank, 位次前移6位 a move of one: neither counts 位
            head = text[:start].removesuffix("了")
            if head.endswith(lex.rank_moves):
                continue
            if head.endswith(lex.rank_verbs) or any(w in head for w in lex.rank_contexts):
                unit, noun = "rank", None  # also 排位由去年的20位上升为今年的11位
        if start and text[start - 1] in _MINUS and not (start > 1 and (text[start - 2].isdecimal()
                                                                    or text[start - 2] in _LATIN)):
            start, low, high = start - 1, -high, -low  # 贡献率-12.5%, (全省为-2.1%): below zero, not a range
        before = lex.before_words.ending_at(text, start)
        if before and text.endswith(lex.not_qualifiers, 0, start):  # 签约487.79亿元: signed, not approximately
            before = None
        after = lex.after_words.starting_at(text, end)
        qualifier = ("exact" if is_range else
                     lex.after.get(after) or lex.middle.get(middle) or lex.before.get(before)
                     or has_verb_cue and _verb_qualifier(text[_clause_start(breaks, start):start]) or "exact")
        fig = Figure(start, end, start - len(before or ""), end + len(after or ""), low, high, unit, noun,
                     qualifier, is_range, growth=kind in ("times", "fan"))
        if not _is_class_label(text, fig):
            found.append(fig)
    if ("、" in text or "和" in text) and found:
        found = _with_shared_units(text, found)
    return found


_POINTS_NOUN, _POINTS = "个", "个百分点"


_SHARED_UNIT_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?P<mag>[万亿])?(?=(?:[、和]\d+(?:\.\d+)?[万亿]?)+[^\d、和.万亿])")
_LEADING_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LEADING_NUMBER_MAGNITUDE = re.compile(r"\d+(?:\.\d+)?[万亿]?")


def _with_shared_units(text: str, found: list[Figure]) -> list[Figure]:
    """FOUND with a figure for each bare number of a list that ends in a figure, in that figure's unit
    and magnitude (比全国、全省分别高出2.1、1.3个百分点; after 分别, 分别实现产值775.28、112.91亿元); and with 1.3个、0.9个
    of 1.3个、0.9个、1.8个百分点 in points, not counts."""
    for i in range(len(found) - 1, 0, -1):
        points, fig = found[i], found[i - 1]
        if points.unit == "pp" and fig.unit == "count" and fig.count_noun == _POINTS_NOUN \
                and text[fig.end:points.start] in ("、", "和") and text.endswith((_POINTS, _POINTS_NOUN), 0, points.end):
            found[i - 1] = replace(fig, unit="pp", count_noun=None)
    starts = [f.start for f in found]  # in order
    extra = []
    for m in _SHARED_UNIT_NUMBER.finditer(text):
        k = bisect_right(starts, m.end())  # the first figure after the number
        last = found[k] if k < len(found) else None
        if last is None or last.unit == "rank" or last.is_range or text[m.end():last.start].strip("、和.0123456789万亿"):
            continue
        if last.unit not in ("percent", "pp") and _RESPECTIVELY not in text[:m.start()]:
            continue  # 引进项目12、15个 without 分别 may be one figure's alternatives: only a list 分别 announces
        if k and found[k - 1].end > m.start():  # a figure of its own already (营业收入120亿、150亿元)
            continue
        # in the last one's magnitude (775.28、112.91亿元), or in its own (369.5亿、252.6亿、193.6亿元)
        number = (_LEADING_NUMBER_MAGNITUDE if m["mag"] else _LEADING_NUMBER).match(text, last.start)
        if number is None or not numbers.parse_number(number.group()):
            continue
        value = float(f"{numbers.parse_number(m.group()) * last.low / numbers.parse_number(number.group()):.12g}")
        extra.append(Figure(m.start(), m.end(), m.start(), m.end(), value, value, last.unit, last.count_noun, "exact",
                            False))
    return sorted(found + extra, key=lambda f: f.start) if extra else found


def _verb_qualifier(clause: str) -> str | None:
    """The qualifier of the longest verb cue in the clause before a figure (约占, 约合)."""
    lex = _lexicon()
    if not lex.any_verb.search(clause):
        return None
    return lex.verb[next(w for w in lex.verb_words if w in clause)]


# --- reading the context of a figure ---------------------------------------------------

# One character, or —— (a lone — is no break), but not the comma of 1,200. Written to start with a
# character set, so that re skips from one candidate character to the next in C instead of trying
# the pattern at each position.
_CLAUSE_BREAK = re.compile(r"[，。；！？：,;:!?()（）—](?:(?<!—)|(?<=—)—)" + numbers.NOT_THOUSANDS_COMMA)


def measure_of(unit: str, before: str, after: str, growth: bool = False, negative: bool = False) -> tuple[str, int]:
    """(measure, sign): a percentage is a growth rate or a share by its nearest cue; decreases are negative,
    in percentage points too (回落0.2个百分点 → -0.2). NEGATIVE: the figure is written below zero."""
    if unit in ("count", "rank"):
        return unit, 1
    if unit not in ("percent", "pp"):
        return "level", 1
    lex = _lexicon()
    if _VALUE_ADDED in before:  # 增加值 is a noun, not the cue 增加: 占到全市工业增加值的83.4% is a share
        before = before.replace(_VALUE_ADDED, "")
    kind = lex.measure(before) or lex.measure(after[:8])
    if unit == "pp":  # 拉低投资增速2.8个百分点: the nearest cue is the growth pulled down
        return "pp_change", -1 if kind == "decrease" or lex.pulling_down.search(before) else 1
    if growth:  # 增长1.5倍, 翻一番
        return "growth_rate", 1
    rate = _trailing_words(()).strip(before)
    if rate.endswith(lex.rate_nouns):  # 增幅达到了8.75%, 涨幅控制在4%左右: a rate of change, whatever verb states it
        return "growth_rate", -1 if rate.endswith(lex.decrease_nouns) else 1
    if _SHARE_OF.search(before):  # 占全部县域贷款增量的68.9%: a part of a growth is still a part
        return "share", 1
    if kind is None and (negative or before.endswith(lex.comparison_words)):
        return "growth_rate", 1  # 同比11.4%, 综合能耗-3.3%: no share is compared with last year or below zero
    if kind != "share" and before.endswith(lex.reach):
        if rated := lex.rate_reached.search(before):
            return "growth_rate", -1 if rated.group(1) in lex.decrease_nouns else 1  # 增幅进一步扩大到25.7%
        change = _CHANGE_IS.search(before)
        if change:  # 同比增长分别为5%和5.2%: the change is 5 %, not a level reached
            return "growth_rate", -1 if change.group(1) in _DECREASE_IS else 1
        return "share", 1  # 提高到95%: the rate reached, not a change
    if kind == "decrease":
        return "growth_rate", -1
    return ("growth_rate", 1) if kind == "increase" else ("share", 1)


_VALUE_ADDED = "增加值"
_SHARE_OF = re.compile(r"占[^占]*的$")
_CHANGE_IS = re.compile(r"(增长|下降|增加|减少)(?:分别|均|了)?为$")
_DECREASE_IS = ("下降", "减少")


def comparison_of(before: str) -> str | None:
    """yoy / avg_annual / none by the cue nearest the figure; None when the clause has no cue at all."""
    return _lexicon().comparison(before)


def status_of(before: str) -> str:
    lex = _lexicon()
    if not lex.any_status.search(before):  # the usual sentence: no status word at all
        return "actual"
    for term in lex.not_target:
        before = before.replace(term, "")
    if lex.expected.search(before):
        return "expected"
    return "target" if lex.target.search(before) else "actual"


_TIME_WORDS = (r"(?:\d{2,4}年|[今去明前上]年|\d{1,2}(?:[-—]\d{1,2})?月份?|\d{1,2}日|以来"
               r"|连续[\d一二两三四五六七八九十]+年)+")
_TIME_FIRST = "今去明前上以连"  # the first characters of _TIME_WORDS but its digits
_EDGE = "、 ·“”‘’\"'"


class _Trailing:
    """Trailing WORDS (each time the longest) and the edge characters after them, as one match at the
    start of the reversed phrase: atomic groups keep each step as taken, like a loop over the words.
    A phrase whose last character ends no word (over half of them) is not reversed and matched."""

    def __init__(self, words):
        words = _longest_first(words)
        self._pattern = re.compile(rf"(?:(?>{'|'.join(re.escape(w[::-1]) for w in words)})[{re.escape(_EDGE)}]*)*")
        self._last_chars = frozenset(w[-1] for w in words)

    def strip(self, phrase: str) -> str:
        """PHRASE without its trailing words and the edge characters around them."""
        if phrase and phrase[-1] in self._last_chars:
            phrase = phrase[:len(phrase) - self._pattern.match(phrase[::-1]).end()]
        return phrase.strip(_EDGE)


def left_phrase(text: str, keep: tuple[str, ...] = (), object_only: bool = True) -> str:
    """The indicator phrase before a figure: without time and connector words, the object of the
    last opening verb, without trailing predicates (全市工业技改投资年均增长 → 全市工业技改投资)
    except those in keep; object_only=False keeps a clause's subject (新能源汽车产量实现历史性突破)."""
    lex = _lexicon()
    cut = 0
    if object_only:
        last_verb = lex.last_lead_verb.search(text[::-1])
        cut = len(text) - last_verb.start() if last_verb else 0
    if cut and not lex.trailing.strip(text[cut:]):  # 产值实现增长: the verb has no object
        cut = 0
    per = _PER_UNIT.search(text, 0, cut - len(last_verb.group())) if cut else None
    phrase = (per.group() if per else "") + text[cut:].strip(_EDGE)
    if "(" in phrase:
        phrase = _ASIDE.sub("", phrase)
    # time words, then the longest leading word, then edge characters, again until none is left
    if phrase and (phrase[0] in lex.leading_first or phrase[0].isdecimal()):
        phrase = phrase[lex.leading.match(phrase).end():]
    phrase = _trailing_words(keep).strip(phrase).removeprefix(_OF)  # 占计划数127.23万头的100.01%: 的 names nothing
    if phrase.endswith(_TIME_LAST):  # 规上工业增加值2022、2023年分别增长…: the years date the figures, not name them
        phrase = _trailing_words(keep).strip(_without_trailing_times(phrase))
    if cut and phrase in lex.shared_heads_set and last_verb.group()[::-1] in _ACHIEVING:
        # 第一产业完成投资1.76亿元: a bare measure is of the subject that achieved it, 第一产业投资
        subject = left_phrase(text[:cut - len(last_verb.group())], keep, object_only=False)
        limit = 2 * _SUBJECT_CHARS if "、" in subject else _SUBJECT_CHARS  # a list of subjects runs longer
        if 0 < len(subject) <= limit and not subject.endswith(_MODALS) and _AFTER not in subject:
            phrase = subject + phrase
    return phrase


_ACHIEVING = ("完成", "实现")
_SUBJECT_CHARS = 12  # a longer text before the verb is a clause of its own, no subject
# 建成后可实现产值: a modal or a time (…后) before the verb, and what precedes it is no subject
_MODALS, _AFTER = tuple("可能将要需拟"), "后"


_TIME_LAST = tuple("年月度份期来底末初")
_LIST_GLUE = "、和及与"


def _without_trailing_times(phrase: str) -> str:
    """PHRASE without the time expressions (and the list glue between them) it ends with."""
    end = len(phrase)
    for span in reversed(periods.find_spans(phrase, _ANY_DAY)):
        if span.end != end:
            break
        end = len(phrase[:span.start].rstrip(_LIST_GLUE))
    if end < len(phrase):  # 进出口较去年同期, 增速比一季度: the base word of the times goes with them
        end = len(phrase[:end].rstrip(_BASE_WORDS))
    return phrase[:end]


_BASE_WORDS = "较比与"


_ANY_DAY = date(2000, 1, 1)  # where a time expression is does not depend on the publication date


# 每千人口拥有执业医师3.5人: the denominator before the opening verb belongs to the indicator
_PER_UNIT = re.compile(r"每[\d一二两三四五六七八九十百千万]*(?:人口|人|户|平方公里|亩)$")


@lru_cache(maxsize=None)
def _trailing_words(keep: tuple[str, ...]) -> _Trailing:
    words = _data("metric_indicators.toml")
    # 另有 alone names nothing
    return _Trailing(w for w in words["trailing"] + words["lead_verbs"] if w not in keep)


_PHRASE_END = re.compile(r"[、，。；！？：,;:!?()（）]")


def after_phrase(text: str, keep_de: bool = False) -> str:
    """The noun phrase right after a figure (6条生产线, 5000万元的建设资金), or '' when a verb,
    punctuation or the end of the sentence follows."""
    lex = _lexicon()
    end = _PHRASE_END.search(text)
    phrase = text[:end.start()] if end else text
    if not keep_de and "的" in phrase:
        head, rest = phrase.split("的", 1)
        relative = head.startswith(lex.relative_adverbs)
        phrase = rest if not head or relative else head
    stop = lex.phrase_stops.search(phrase, 1)  # the first stop word after the first character
    return phrase[:stop.start() if stop else len(phrase)].rstrip("及和与").strip(_EDGE)


def _binds_left(left: str) -> bool:
    return left.rstrip().endswith(_lexicon().binding)


def indicator_of(fig: Figure, measure: str, left_raw: str, after_raw: str) -> str:
    """What the figure measures: the phrase before it, or for a count or amount the noun after it
    (6条生产线), unless the text before binds it (交易量已达到1407.6万吨); '' when neither names it."""
    lex = _lexicon()
    contribution = measure == "pp_change" and lex.contribution_verbs.search(left_raw)
    left = left_phrase(left_raw, keep=lex.contribution_keeps if contribution else ())
    if measure in ("level", "count"):
        after = after_phrase(after_raw)
        if after.startswith(lex.milestones):
            after = ""
        if after and not _binds_left(left_raw):
            generic = after.startswith(lex.generic_heads)
            return left + after if generic and left else after
        return left or after
    return left or after_phrase(after_raw, keep_de=True)


def subject_of(before: str) -> str | None:
    """Whose figure it is: the last region aggregate (全市) or named company / zone before the figure.
    A name runs back from its suffix (有限公司, 新区) to a punctuation mark or a preposition."""
    lex = _lexicon()
    best: tuple[int, str] | None = None
    base_end = -1
    for aggregate in lex.aggregates.finditer(before):  # the last that is no base (高于全省, 居全国, 比全国、全省)
        glue = before[base_end:aggregate.start()] if base_end >= 0 else ""
        if before.endswith(lex.subject_bases, 0, aggregate.start()) or (glue and glue in _LIST_GLUE):
            base_end = aggregate.end()
        else:
            best = (aggregate.end(), aggregate.group())
    stops = lex.subject_boundaries
    for m in lex.subject_suffixes.finditer(before):
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


def _without_rank_predicate(phrase: str) -> str:
    """增速连续三年位居全省 (第3位) → 增速: the verb, its scope and its adverbs name no indicator; a
    ranking named after the verb does (位列全国百强县第1位)."""
    lex = _lexicon()
    verbs = list(lex.any_rank_predicate.finditer(phrase))
    if len(verbs) > 1 and verbs[0].start() and "、" in phrase[verbs[0].end():verbs[-1].start()]:
        # 进出口总值居厦门、福州之后列福建省: the first verb ends the name, and its list names no items
        return phrase[:verbs[0].start()]
    predicate = lex.rank_predicate.search(phrase)
    return phrase[:predicate.start()] if predicate else phrase


def _names(left_raw: str, count: int, rank: bool = False) -> list[str]:
    """The indicators of an enumeration before one predicate (用工、能耗减少20%); the others take the
    measure that only the last spells out (纺织业、印染业增加值 → 纺织业增加值; 济南、烟台规上工业增加值 →
    济南规上工业增加值): the longest indicator phrase or shared head it ends with. Before 分别 and COUNT
    figures, a phrase that coordinates COUNT parts otherwise (城乡居民收入, 城镇和农村居民收入) is split too."""
    lex = _lexicon()
    phrase = left_phrase(left_raw).replace(_RESPECTIVELY, "")  # 一般贸易、保税物流分别进出口: the items' verb
    if rank:  # 铜精矿、电解铜产量均列全国首位 → 铜精矿产量, 电解铜产量
        phrase = lex.trailing.strip(_without_rank_predicate(phrase))
    if phrase.endswith("等"):
        return [phrase]
    listed_compound = _RESPECTIVELY in left_raw and _compound_parts(phrase, count, written_as_list=True)
    if listed_compound:  # 一、二、三产业占全市总投资的比重分别为…: one compound, not the items 一 and 二
        return listed_compound
    names = _items(phrase, _ENUMERATION_COMMA)
    if len(names) == count > 1 and phrase.startswith(tuple(_BASE_WORDS)):
        return _bases(names)
    if len(names) == 1 < count and _RESPECTIVELY in left_raw:
        names = _coordinated(names[0], count) or names
    elif 1 < len(names) < count and _RESPECTIVELY in left_raw:  # 粮油食品类、日用品类和服装类…分别: 3
        listed = _items(phrase, _LISTED)
        names = listed if len(listed) == count else names
    if len(names) > 1 and _is_collective(phrase):
        return [phrase]  # 化学原料、煤炭和电力三大行业拉动…: the three together, one figure
    if len(names) > 1 and not any(map(_is_measure, names[:-1])):
        head = _measure_at_end(names[-1][1:])  # what the last measures, short of the whole of it
        if head:
            names = [n + head for n in names[:-1]] + names[-1:]
    aspect = next((a for a in lex.shared_aspects if names[-1].endswith(a)), "") if len(names) > 1 else ""
    if aspect and len(names[-1]) > len(aspect) and _SHARE_WORD not in names[-1] \
            and not any(n.endswith(lex.aspect_heads) for n in names[:-1]):  # (风力、太阳能发电量占…的比重: not 风力比重)
        names = [n + aspect for n in names[:-1]] + names[-1:]  # 出口、进口增速分别居…: 出口增速 too
    return names


_SHARE_WORD = "占"


def _bases(names: list[str]) -> list[str]:
    """较全国、全省、全市分别高 → 较全国高, 较全省高, 较全市高: one comparison per base, each an aspect of the
    indicator before."""
    last = names[-1]
    comparative = next((w for w in _lexicon().comparatives if last.endswith(w)), "")
    bases = names[:-1] + [last[:len(last) - len(comparative)]]
    word = names[0][0]
    return [(base if base.startswith(word) else word + base) + comparative for base in bases]


def _base_alone(left_raw: str) -> str:
    """较一季度 of 较一季度回落: a base word and its base with no indicator before them, else ''."""
    phrase = _lexicon().trailing.strip(left_raw.strip(_EDGE + "，,"))
    return phrase if phrase.startswith(tuple(_BASE_WORDS)) and len(phrase) <= _BASE_CHARS else ""


_BASE_CHARS = 8
_KEPT_COMMA = "\x00"
_ENUMERATION_COMMA = re.compile("、")


def _items(phrase: str, separators: re.Pattern) -> list[str]:
    """PHRASE's items between SEPARATORS, official category names (电力、热力生产和供应业) kept whole."""
    items = (p.strip(_EDGE) for p in separators.split(_keep_category_names(phrase)))
    return [item.replace(_KEPT_COMMA, "、") for item in items if item]


def _keep_category_names(phrase: str) -> str:
    """PHRASE with the 、 inside official category names (电力、热力生产和供应业) hidden from the split."""
    if "、" not in phrase:
        return phrase
    return _lexicon().category_names.sub(lambda m: m.group().replace("、", _KEPT_COMMA), phrase)


def _coordinated(name: str, count: int) -> list[str] | None:
    """NAME's COUNT coordinated parts: a compound that stands for its parts (城乡居民 → 城镇居民, 农村居民),
    or parts joined by 和/与/及 (城镇和农村居民收入 → 城镇, 农村居民收入), else None."""
    parts = _compound_parts(name, count)
    if parts:
        return parts
    if name.startswith(tuple(_BASE_WORDS)):  # 较一季度和上月分别回升: two bases of one figure's change, no list
        return None
    parts = [p.strip(_EDGE) for p in _CONJUNCTIONS.split(name)]
    return parts if len(parts) == count and all(parts) else None


def _compound_parts(name: str, count: int, written_as_list: bool = False) -> list[str] | None:
    """NAME once for each of the COUNT parts of a compound in it (城乡居民 → 城镇居民, 农村居民), else None;
    WRITTEN_AS_LIST: only a compound that is written as a list (一、二、三产业), which a split at 、 would break."""
    for compound, parts in _lexicon().coordinated_compounds.items():  # the longest first (第一、二、三产业)
        if compound in name and len(parts) == count and (not written_as_list or "、" in compound):
            return [name.replace(compound, part, 1) for part in parts]
    return None


def _parts_named_before(name: str, before: str, count: int) -> list[str] | None:
    """NAME for each part of the last compound of COUNT parts in BEFORE (三次产业占GDP的比重为…，对经济增长的贡献率
    分别为6%、41.4%、52.6%: 第一产业对经济增长的贡献率, …), else None."""
    found = [(before.rfind(compound), parts) for compound, parts in _lexicon().coordinated_compounds.items()
             if len(parts) == count and compound in before]
    return [part + name for part in max(found)[1]] if found else None


_CONJUNCTIONS = re.compile("[和与及]")
_LISTED = re.compile("[、和与及]")
_COLLECTIVE = re.compile(r"[两二三四五六七八九十\d]大(?:行业|产业|领域|板块|门类|类)")


def _is_collective(phrase: str) -> bool:
    """PHRASE names its list as one group (化学原料、煤炭和电力三大行业)."""
    return _COLLECTIVE.search(phrase) is not None


def _is_measure(name: str) -> bool:
    """NAME names a measure of its own (产品标准率, 出口额, 规上工业增加值), so needs no shared head."""
    return name.endswith(_lexicon().measure_suffixes) or bool(_measure_at_end(name))


def _measure_at_end(name: str) -> str:
    """What NAME measures, when it ends in it: the longest indicator synonym or shared head at its end."""
    shared = next((h for h in _lexicon().shared_heads if name.endswith(h)), "")
    return max(reference.indicators().suffix_of(name), shared, key=len)


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


# The metrics table's columns in order, the context ones left None
_COLUMNS = dict.fromkeys(TABLES["metrics"].columns)


def _row(doc_id: str, metric_id: int, s: Sentence, fig: Figure, measure: str, sign: int, comparison: str,
         indicator: str, subject: str | None, status: str) -> dict:
    """A metrics row, its keys in the order of the metrics table's columns, so that no copy per row reorders
    them. Filled into a copy of _COLUMNS: copying a dict of 22 keys and setting 16 is cheaper than building
    one key by key, which grows its table as it goes (_row for 1,000 documents' 26,270 rows 52 -> 45 ms)."""
    value, low, high = _bounds(fig, sign)
    row = _COLUMNS.copy()
    row["doc_id"], row["metric_id"], row["sentence_id"], row["evidence"] = doc_id, metric_id, s.sentence_id, s.text
    row["value_text"], row["char_start"] = s.text[fig.start:fig.end], fig.start
    row["value"], row["value_low"], row["value_high"], row["qualifier"] = value, low, high, fig.qualifier
    row["unit"], row["count_noun"], row["measure"], row["comparison"] = fig.unit, fig.count_noun, measure, comparison
    row["indicator_text"], row["subject"], row["status"] = indicator or None, subject, status
    return row


def extract_sentence(doc_id: str, s: Sentence) -> list[dict]:
    """One row per figure of one sentence; an enumeration gives one row per (indicator, figure) pair."""
    if s.is_heading:
        return []
    [(matches, offset)] = _matches_by_sentence([s.text])
    return [{k: v for k, v in r.items() if k != "metric_id"} for r in _sentence_rows(doc_id, s, matches, offset, 0)]


def _sentence_rows(doc_id: str, s: Sentence, matches: list[re.Match], offset: int, first_id: int,
                   rates_are: str = "none") -> list[dict]:
    """extract_sentence, given the figure pattern's matches in the sentence (see find_figures), with
    metric_ids from first_id; a growth rate without a cue has the comparison RATES_ARE."""
    if not matches:
        return []
    text = s.text
    figures = find_figures(text, matches, offset)
    if not figures:
        return []
    breaks = _clause_breaks(text)
    lex = _lexicon()
    # Most sentences have no status word and no subject: then every figure is actual and has none.
    has_status_word = lex.any_status.search(text) is not None
    has_subject_word = lex.any_subject.search(text) is not None
    rows: list[dict] = []
    last_indicator = ""
    last_base = ""  # the sentence's last indicator that is not an aspect of another (增速…, 高于全国…)
    last_comparison = rates_are
    prev_end = 0
    around_yardstick = None  # (the text before and after a bracketed yardstick figure) while its clause goes on
    groups = _groups(text, figures)
    for gi, group in enumerate(groups):
        first, last = group[0], group[-1]
        c_start, c_end = _clause_start(breaks, first.start), _clause_end(text, breaks, first.start)
        next_start = groups[gi + 1][0].outer_start if gi + 1 < len(groups) else len(text)
        left_raw = text[max(c_start, prev_end):first.outer_start]
        after_raw = text[last.outer_end:min(c_end, next_start)]
        clause_before = text[c_start:first.outer_start]
        if around_yardstick and c_start == around_yardstick[2]:  # 比全国平均水平(5.1%)高61.1个百分点: 比全国平均水平高
            left_raw = around_yardstick[0] + left_raw
            clause_before = around_yardstick[1] + clause_before
        around_yardstick = None
        measure, sign = measure_of(first.unit, clause_before, after_raw, first.growth, first.low < 0)
        peer = bool(rows) and first.unit == rows[-1]["unit"] \
            and _BRACKETED_PEER.fullmatch(text, prev_end, first.outer_start) is not None
        yardstick = None if peer or len(group) > 1 else _yardstick(text, first)
        if yardstick:  # 较去年同期(6.2%)提高: the base's own rate, measured as the rate it is the base of
            bracket = first.outer_start - 1
            before_start = _clause_start(breaks, bracket - 1)
            around_yardstick = (text[max(before_start, prev_end):bracket], text[before_start:bracket],
                                _clause_start(breaks, first.outer_end + 1))
            same = [r for r in rows if r["unit"] == first.unit]
            measure, sign = (same[-1]["measure"], 1) if same else \
                (measure_of(first.unit, text[before_start:yardstick.start()], "")[0], 1)
        if peer:  # 增长7.3%(全省为5.6%): the province's growth rate, for comparison; an aside to the sentence
            measure, sign = rows[-1]["measure"], 1
        part_of = not peer and text.endswith(_TENTHS, 0, first.end) and after_phrase(after_raw)
        if part_of:  # 近八成行业实现增长: a part of the industries (行业), not a growth of 80 %
            measure, sign = "share", 1
        names = _names(left_raw, len(group), measure == "rank") if measure in ("growth_rate", "pp_change", "rank") or len(group) > 1 else []
        if len(names) == 1 < len(group) and _RESPECTIVELY in left_raw and not _is_aspect(names[0]):
            whole = indicator_of(first, measure, left_raw, after_raw)  # 拉动GDP增长 keeps its 增长
            names = _parts_named_before(whole, text[:c_start], len(group)) or names
        if len(group) == 1 and left_raw.endswith(_EACH) and not names:  # 赤峰市和乌兰察布市各31项: one row per item
            names = _with_last_head(_items(left_phrase(left_raw[:-len(_EACH)]), _LISTED))
        earlier = [r["indicator_text"] for r in rows[-len(group):]] if len(group) > 1 else []
        own = ""  # the phrase before a single indicator, when it is not an enumeration's
        change = None
        if yardstick:
            pairs = [(_indicator_in_context(yardstick["name"], last_indicator, last_base, text, c_start), first)]
        elif len(group) == 1 and measure in ("level", "count") and last_base \
                and (base := left_raw.strip(_EDGE + "，,")) == _base_alone(left_raw) and base.endswith(_TIME_LAST):
            pairs = [(last_base, first)]  # 产值达7.899亿元,较2016年7.262亿元增长8%: the level of the base year
        elif len(group) > 1 and len(names) == len(group):
            pairs = [(_indicator_in_context(n, last_indicator, last_base, text, c_start)
                      if n.startswith(tuple(_BASE_WORDS)) else n, f) for n, f in zip(names, group)]  # 较全国高
        elif len(group) == 1 and len(names) > 1:
            pairs = [(n, first) for n in names]
        elif not names and _RESPECTIVELY in left_raw and len(earlier) == len(group) == len(set(earlier)) \
                and all(earlier):  # 其中出口…、进口…，分别下降3.2%和7.8%: the figures before, in order
            pairs = list(zip(earlier, group))
        elif len(names) == 1 and _is_aspect(names[0]) and _RESPECTIVELY in left_raw \
                and len(earlier) == len(group) == len(set(earlier)) and all(earlier):
            aspect = names[0].replace(_RESPECTIVELY, "")  # 出口、进口…，增速分别高于全省1.2和0.8个百分点: each one's
            pairs = [(_without_base(indicator, aspect) + aspect, fig) for indicator, fig in zip(earlier, group)]
        else:
            own = part_of or indicator_of(first, measure, left_raw, after_raw)
            if not own and measure == "pp_change":  # 较一季度回落14.2个百分点: the base is what it names
                own = _base_alone(left_raw)
            if measure == "rank":
                own = _without_rank_predicate(own)
                if own in lex.rank_scopes:  # 开发面积96.12平方公里，全省第二: the area's rank
                    own = ""
            change = lex.change.search(left_raw) if measure in ("level", "count") and last_base else None
            change = change if change and own in ("", change.group()) else None
            if change:  # 余额21408亿元，比年初增加1639亿元: the balance's change, and the balance stays the base
                ind = last_base + change.group()
            else:
                ind = _indicator_in_context(own, last_indicator, last_base, text, c_start)
                if not own and measure == "growth_rate" and rows and rows[-1]["measure"] == "share":
                    ind = lex.share_name.sub("", ind) or ind
            pairs = [(ind, f) for f in group]
        comparison = comparison_of(clause_before)
        if comparison is None:  # 同比下降4.8%，其中工业投资增长8.6%: the sentence's comparison carries on
            comparison = last_comparison if measure == "growth_rate" else "none"
        if measure == "growth_rate":
            last_comparison = comparison
        status = status_of(text[:first.outer_start]) if has_status_word else "actual"
        subject = subject_of(text[:first.outer_start]) if has_subject_word else None
        for indicator, fig in pairs:
            rows.append(_row(doc_id, first_id + len(rows), s, fig, measure, sign, comparison, indicator, subject,
                             status))
        prev_end = last.outer_end
        if peer or change or yardstick:
            continue
        last_indicator = pairs[-1][0] or last_indicator
        if not _is_aspect(own):
            last_base = last_indicator
    return rows


def _with_last_head(names: list[str]) -> list[str]:
    """NAMES with the generic head that only the last spells out given to each (新材料、新能源、现代服务业项目
    各1个 → 新材料项目, 新能源项目, 现代服务业项目)."""
    head = next((h for h in _lexicon().generic_heads if names and names[-1].endswith(h)), "")
    if not head or len(names) < 2 or len(names[-1]) == len(head):
        return names
    return [n if n.endswith(head) else n + head for n in names[:-1]] + names[-1:]


_RESPECTIVELY = "分别"
_EACH = "各"
_MINUS = "-−－"
_TENTHS = "成"
_BRACKETED_PEER = re.compile(r"[(（][^\d()（），。；]{1,6}?(?:为|是)?")


def _yardstick(text: str, fig: Figure) -> re.Match | None:
    """The base a bracketed figure is the rate of (高于全市(18.6%)20.9个百分点: the city's 18.6 %), as a match
    of the base word and the base's name (全市) right before the bracket; None for any other figure."""
    bracket = fig.outer_start - 1
    if bracket < 0 or text[bracket] not in "(（" or not text.startswith((")", "）"), fig.outer_end):
        return None
    return _lexicon().yardstick.search(text, max(0, bracket - _YARDSTICK_CHARS), bracket)


_YARDSTICK_CHARS = 16


def _indicator_in_context(indicator: str, last_indicator: str, last_base: str, text: str, clause_start: int) -> str:
    """An indicator that names nothing falls back to the sentence's last indicator (占比45.6%，提高4.6个百分点:
    the share's) or the topic of the clause before; one that names only an aspect (增速, 占比) is that of
    the last that was no aspect itself (…高于全省1.4个百分点，增速居全省第三位: the 增速 of what grew), and
    one that names only a place or a sector takes that indicator's measure. The fallback is read only
    when one of these needs it."""
    if not indicator:
        return last_indicator or _previous_clause(text, clause_start)
    if indicator in _lexicon().shared_heads_set and last_base:  # 规上工业产值增长30.3%，增加值增长18.7%
        head = next((h for h in _lexicon().shared_heads if last_base.endswith(h)), "")
        if head and len(head) < len(last_base) and head != indicator:
            return last_base[:-len(head)] + indicator  # 规上工业增加值: the measure of the same subject
        return indicator
    place, sector = _is_place(indicator), _is_sector(indicator)
    if not (place or sector or _is_aspect(indicator)):
        return indicator
    previous = last_base or _previous_clause(text, clause_start)
    if place:  # 淄博市规上工业增加值增长6.8%，潍坊市增长8.9%: 潍坊市规上工业增加值
        return indicator + _measure_at_end(previous)
    if sector:  # 汽车制造业增加值增长12.1%，电气机械和器材制造业增长9.8%: …制造业增加值
        return indicator + next((h for h in _lexicon().shared_heads if previous.endswith(h)), "")
    # an aspect: 规上工业增加值 + 增速
    previous = _without_base(previous, indicator)
    return previous + indicator if previous and not indicator.startswith(previous) else indicator


def _without_base(indicator: str, aspect: str) -> str:
    """INDICATOR without the base it was compared with, when ASPECT compares it with another (增速较上月 +
    较一季度 → 增速较一季度, not 增速较上月较一季度)."""
    if not aspect.startswith(tuple(_BASE_WORDS)):
        return indicator
    at = max(indicator.rfind(word) for word in _BASE_WORDS)
    base = indicator[at + 1:] if at > 0 else ""
    known = base.endswith(_TIME_LAST) or _is_place(base)
    return indicator[:at] if known else indicator


def _is_sector(phrase: str) -> bool:
    """A sector's name (电气机械和器材制造业) with no measure of its own."""
    return phrase.endswith(_lexicon().sector_suffixes) and not _measure_at_end(phrase)


def _is_place(phrase: str) -> bool:
    """A region's name or a region aggregate (全市) and nothing else."""
    return phrase in reference.regions().names or phrase in _lexicon().subject_aggregates_set


def _is_aspect(phrase: str) -> bool:
    """增速 / 占比 / 规模 / 高于全国 alone name an aspect of another indicator (规模以上工业 does not)."""
    lex = _lexicon()
    return phrase.startswith(lex.aspect_heads) and not phrase.startswith(lex.not_aspects)


def _previous_clause(text: str, clause_start: int) -> str:
    """The topic of the clause before (新能源汽车产量实现历史性突破，预计将达12万辆)."""
    for clause in reversed(_CLAUSE_BREAK.split(text[:clause_start])):  # the last clause that names one
        phrase = left_phrase(clause, object_only=False)
        if phrase:
            return phrase
    return ""


def _matches_by_sentence(texts: list[str]) -> list[tuple[list[re.Match], int]]:
    """(the figure pattern's matches, the offset of the sentence) for each of TEXTS, from one scan of
    them joined by line breaks: one regex call per document instead of one per sentence. No figure
    spans a line break (the pattern matches none), and the pattern's one lookbehind (近万家) finds
    a line break before a sentence where it found the start of the string: neither is 近, so the
    matches are those of one scan per sentence."""
    starts, pos = [], 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + 1
    found: list[list[re.Match]] = [[] for _ in texts]
    for m in _figure_pattern().finditer("\n".join(texts)):
        # A bare number without 万 or 亿 (2023, 15, 0531: over half of all matches) is dropped by
        # _is_excluded_kind anyway; dropping it here spares a sentence with nothing else all work.
        if _KIND[m.lastgroup] != "bare" or "万" in (whole := m.group()) or "亿" in whole:
            found[bisect_right(starts, m.start()) - 1].append(m)
    return list(zip(found, starts))


def extract_document(doc_id: str, sentences: list[Sentence]) -> list[dict]:
    """One row per quantitative statement of a document, metric_id in sentence and text order."""
    prose = [s for s in sentences if not s.is_heading]
    rows: list[dict] = []
    rates_are = "none"  # the comparison of a growth rate without a cue: yoy after 同比(下同)
    for s, (matches, offset) in zip(prose, _matches_by_sentence([s.text for s in prose])):
        if matches:
            rows += _sentence_rows(doc_id, s, matches, offset, len(rows), rates_are)
        if _SAME_BELOW in s.text and rates_are == "none":
            rates_are = _comparison_stated_below(s.text)
    return rows


_SAME_BELOW = "下同"


def _comparison_stated_below(text: str) -> str:
    """The comparison that 同比(下同) states for the rest of the article: the cue right before 下同."""
    at = text.index(_SAME_BELOW)
    return comparison_of(text[:at].rstrip("(（")) or "none"
