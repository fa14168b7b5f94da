"""Clean stage: raw text segments → article sentences in simplified script, each traceable
to its span of the raw text; plus what the page says about itself (title, site, date, script).

Every character transformation here keeps a map from cleaned characters back to raw offsets.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import numpy as np

from pipeline.ingest import RawDocument, Segment

# --- reference data -------------------------------------------------------------------


@lru_cache(maxsize=None)
def _data(name: str) -> dict:
    return tomllib.loads(resources.files("pipeline.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _patterns(section: str) -> dict[str, re.Pattern]:
    return {k: re.compile(v) for k, v in _data("boilerplate.toml")[section].items() if isinstance(v, str)}


@lru_cache(maxsize=None)
def _rules(*sections: str) -> tuple[re.Pattern, ...]:
    return tuple(p for section in sections for p in _patterns(section).values())


def _any_match(rules: tuple[re.Pattern, ...], text: str) -> bool:
    """Whether any of RULES is found in TEXT: one search per rule, tried in turn (an alternation of
    them all would lose the literal first characters the regex engine skips ahead to)."""
    for rule in rules:
        if rule.search(text):
            return True
    return False


@lru_cache(maxsize=None)
def _opencc(config: str):
    import opencc
    return opencc.OpenCC(config)


# --- character-level cleaning with an offset map --------------------------------------
#
# Every step below is a pass over the whole text (a regex, one OpenCC call, numpy on the
# offsets) rather than a Python step per character or a call per line: the calls' fixed cost
# was most of the stage's time. A document's lines are cleaned in one text joined by "\n"
# (segments never hold one), and no step lets anything cross a line break.

_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_CJK = "".join(f"{chr(first)}-{chr(last)}" for first, last in _CJK_RANGES)
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A reading after a character: 經(jīng), 發(fā). Toneless syllables only count where the
# document has toned readings too (see clean_document). The patterns start at "(" so the
# regex engine skips ahead to each bracket instead of testing the look-behind everywhere.
# (Each pattern is one group, so re.split returns the readings between the kept text.)
# A toned reading is one after whatever the page's damaged encoding left of its character too
# (燃?xì)饧八a(chǎn)): no word in brackets but a reading carries pinyin tone marks.
_PINYIN_TONED = re.compile(rf"(\((?<=[{_CJK}?A-Za-z\ufffd]\()(?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\))")
# A reading whose opening bracket the damage took with its character (燃?xì)饧): kept "?" marks the loss.
_PINYIN_AFTER_LOST = re.compile(rf"((?<=\?)(?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\))")
_HTML_TAG = re.compile(r"(</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>)")
_PINYIN_ANY = re.compile(rf"(\((?:(?<=[{_CJK}?\ufffd]\()|(?<=[A-Za-z]\()(?=[a-zü{_TONED}]*[{_TONED}]))[a-zü{_TONED}]{{1,7}}\))")

_WIDTH = {0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x200B: "", 0xFEFF: ""}
_WIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})  # ０-９
_WIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
for _ch in "％（）［］＋－．／＝＜＞＆＃＠｛｝":
    _WIDTH[ord(_ch)] = chr(ord(_ch) - 0xFEE0)
_WIDTH_TABLE = str.maketrans({k: v for k, v in _WIDTH.items() if len(v) == 1})
# str.translate looks up every character of the text; only runs of characters it changes are
# handed to it. A run is written [c][c]*, not [c]+: the engine scans ahead for a pattern's first
# character set in a tight loop only when the pattern starts with the set itself (3x faster).
_WIDE = "[" + "".join(map(chr, sorted(_WIDTH_TABLE))) + "]"
_WIDE_RUN = re.compile(f"{_WIDE}{_WIDE}*")
_ZERO_WIDTH = "".join(chr(k) for k, v in _WIDTH.items() if v == "")
_FULL_PUNCT = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
# A half-width mark after Chinese text (or a closing bracket or a percent sign: 增长11.1%!) or before it. One pattern per mark,
# each starting with its mark, lets the regex engine jump from mark to mark and substitute a
# constant; neither mark is in the other's context, so the passes are independent.
_HALF_PUNCT_NEAR_CJK = [
    (re.compile(rf"{re.escape(half)}(?:(?<=[{_CJK}”’）)」』%]{re.escape(half)})|(?=[{_CJK}“‘「『]))"), full)
    for half, full in _FULL_PUNCT.items()]
# In a text whose encoding was damaged, a ? with a word, another ? or a reading right after it stands for a lost
# character (燃?xì)饧, 规??偭); one after sentence text and before a mark, a space or the line's end is a mark.
_QUESTION_AFTER_TEXT = re.compile(rf"\?(?<=[{_CJK}”’）)」』%]\?)(?![\w?(（;；])")
_ZERO_WIDTH_RUN = re.compile(f"([{_ZERO_WIDTH}]+)")


def _runs_to_fix(space: str) -> re.Pattern:
    """Whole runs of SPACE characters but a single " " inside a line, the run that cleaning
    leaves as it is and nearly every run there is: skipped in C, not in a Python loop. A run
    is to fix if it holds two characters, is not a space, or starts or ends a line; each test
    follows the run's first character, so the engine still skips ahead to whitespace."""
    return re.compile(rf"{space}(?:{space}|(?<! )|(?<![^\n].)|(?![^\n])){space}*")


# The characters \s matches (str.isspace), spelled out: the engine scans ahead for a set of
# characters faster than for a category, and \s but \n is a set the same way.
_WHITESPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACES_TO_FIX = _runs_to_fix(f"[{_WHITESPACE}]")
_SPACES_TO_FIX_IN_LINE = _runs_to_fix(f"[{_WHITESPACE.replace(chr(10), '')}]")


def has_pinyin_readings(text: str) -> bool:
    return _PINYIN_TONED.search(text) is not None


_SURROGATE = re.compile("[\ud800-\udfff]")


def to_simplified(text: str) -> str:
    """OpenCC t2s, keeping one output character per input character (so offsets survive). A lone
    surrogate (no decoder makes one, but a str may hold it) becomes U+FFFD: OpenCC and Parquet
    both need text that encodes as UTF-8."""
    text = _SURROGATE.sub("\ufffd", text)
    t2s = _opencc("t2s")
    converted = t2s.convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_one_char(t2s.convert(ch), ch) for ch in text)


@lru_cache(maxsize=1)
def _zhu_words() -> re.Pattern:
    kept = _data("script.toml")["zhu"]["kept"]
    return re.compile("(" + "|".join(map(re.escape, sorted(set(kept), key=len, reverse=True))) + ")|著")


def _particle_zhe(text: str) -> str:
    """著 as 着 where OpenCC left it in a traditional text (随著 → 随着), kept in 著名, 显著 …: one character for
    one. A simplified text's 著 stays as written (著力 is a variant, not a conversion left undone)."""
    return _zhu_words().sub(lambda m: m.group(1) or "着", text)


def _one_char(converted: str, original: str) -> str:
    return converted if len(converted) == 1 else original


def _to_simplified_by_line(text: str) -> str:
    """to_simplified of every line of TEXT, in one OpenCC call. No OpenCC phrase holds a line
    break, so each line converts as it would alone; a line whose length the call changed (or
    every line, if the call lost a line break) is redone by to_simplified on its own. The text
    is searched for lone surrogates only when OpenCC's own UTF-8 encoding of it meets one, and
    when every line kept its length the converted text is returned as it came."""
    t2s = _opencc("t2s")
    try:
        whole = t2s.convert(text)
    except UnicodeEncodeError:
        whole = t2s.convert(_SURROGATE.sub("\ufffd", text))
    lines, converted = text.split("\n"), whole.split("\n")
    if list(map(len, lines)) == list(map(len, converted)):
        return whole
    if len(converted) != len(lines):
        return "\n".join(map(to_simplified, lines))
    for i, (line, new) in enumerate(zip(lines, converted)):
        if len(new) != len(line):
            converted[i] = to_simplified(line)
    return "\n".join(converted)


@lru_cache(maxsize=1)
def _variants() -> tuple[re.Pattern, dict[int, str]]:
    """A pattern for runs of the variant forms OpenCC leaves (script.toml), and their table."""
    table = {ord(k): v for k, v in _data("script.toml")["variants"].items() if len(k) == len(v) == 1}
    chars = "[" + "".join(map(chr, sorted(table))) + "]"
    return re.compile(f"{chars}{chars}*"), table


def normalize(text: str, lost_characters: bool = False) -> str:
    """Half-width digits, letters, % and brackets; full-width Chinese punctuation; one space;
    a variant OpenCC leaves (陜) in its simplified form. In a text whose encoding was damaged
    (LOST_CHARACTERS: it carries pinyin readings), a half-width ? inside the text stands for a
    character the damage lost (燃?xì)…, 规?偭咳苑): no question ends there."""
    text = _WIDE_RUN.sub(lambda m: m.group().translate(_WIDTH_TABLE), text)
    variant_run, variant_table = _variants()
    text = variant_run.sub(lambda m: m.group().translate(variant_table), text)
    for half_width_mark, full in _HALF_PUNCT_NEAR_CJK:
        if lost_characters and full == "？":
            half_width_mark = _QUESTION_AFTER_TEXT
        text = half_width_mark.sub(full, text)
    return text


def clean_span(raw: str, toneless_pinyin: bool = False) -> tuple[str, list[int]]:
    """Clean raw text, returning the cleaned text and, per cleaned character, its index in RAW."""
    text, index_map = _clean(raw, toneless_pinyin, by_line=False)
    return text, index_map.tolist()


def _clean(raw: str, toneless_pinyin: bool, by_line: bool) -> tuple[str, np.ndarray]:
    """clean_span, with the index map as an array. BY_LINE cleans each line of RAW as if alone."""
    text, index = raw, np.arange(len(raw))
    # HTML tags left in a page's text (<p class="ql-block">八师石河子市…</p>) are markup, not words.
    if "<" in text:
        parts = _HTML_TAG.split(text)
        if len(parts) > 1:
            text, index = _even_parts(parts, index)
    # Pinyin readings go first, so OpenCC and the width rules see the text without them.
    parts = (_PINYIN_ANY if toneless_pinyin else _PINYIN_TONED).split(text)
    if len(parts) > 1:
        text, index = _even_parts(parts, index)
    if toneless_pinyin and "?" in text:
        parts = _PINYIN_AFTER_LOST.split(text)
        if len(parts) > 1:
            text, index = _even_parts(parts, index)
    # One character per character from here to the whitespace, so INDEX still lines up.
    simplified = _to_simplified_by_line(text) if by_line else to_simplified(text)
    if "著" in simplified and simplified != text:  # a traditional text: its 著 as OpenCC left it
        simplified = _particle_zhe(simplified)
    text = normalize(simplified, lost_characters=toneless_pinyin)
    # Whitespace: zero-width characters removed, then runs collapsed, then spaces inside figures removed.
    if any(ch in text for ch in _ZERO_WIDTH):
        text, index = _even_parts(_ZERO_WIDTH_RUN.split(text), index)
    return _without_spaces_in_figures(*_collapse_spaces(text, index, by_line))


def _collapse_spaces(text: str, index: np.ndarray, by_line: bool) -> tuple[str, np.ndarray]:
    """Each run of whitespace one space inside a line (its first character), none at a line's ends."""
    parts, prev = [], 0
    for m in (_SPACES_TO_FIX_IN_LINE if by_line else _SPACES_TO_FIX).finditer(text):
        a, b = m.span()
        if a > 0 and text[a - 1] != "\n" and b < len(text) and text[b] != "\n":
            parts += [text[prev:a] + " ", text[a + 1:b]]  # the first character stays, as a space
        else:
            parts += [text[prev:a], text[a:b]]
        prev = b
    if not parts:
        return text, index
    parts.append(text[prev:])
    return _even_parts(parts, index)


# A space between a number and its unit (增长2.2 %, 28548 元, 2023 年): typeset, not part of the figure.
# Not after a date or a time (2024-03-05 来源, 10:33 编辑), which a page's metadata lines keep apart.
_SPACE_IN_FIGURE = re.compile(rf"( )(?<=\d )(?<![-/:]\d )(?<![-/:]\d\d )(?<!\.\d\d\.\d\d )(?<!\.\d\.\d )(?=[%{_CJK}])")


def _without_spaces_in_figures(text: str, index: np.ndarray) -> tuple[str, np.ndarray]:
    parts = _SPACE_IN_FIGURE.split(text)
    return _even_parts(parts, index) if len(parts) > 1 else (text, index)


def _even_parts(parts: list[str], index: np.ndarray) -> tuple[str, np.ndarray]:
    """The even items of PARTS joined, and the entries of INDEX for their characters. PARTS
    alternate kept and dropped text (a kept part may be rewritten at its length) and add up to
    the text INDEX maps; re.split with a grouped pattern returns that shape, built in C."""
    lengths = np.fromiter(map(len, parts), dtype=np.intp, count=len(parts))
    kept = np.repeat(np.arange(len(parts)) % 2 == 0, lengths)
    return "".join(parts[0::2]), index[kept]


def clean_sentence(raw: str, toneless_pinyin: bool = False) -> str:
    return clean_span(raw, toneless_pinyin)[0]


# --- lines and their kinds ------------------------------------------------------------

_TERMINAL = "。！？；…"
_CLOSERS = "”’」』)）》"
_SENTENCE = re.compile(rf"[^{_TERMINAL}]+(?:[{_TERMINAL}]+[{_CLOSERS}]*|$)|[{_TERMINAL}]+[{_CLOSERS}]*")
_PROSE_MARK = re.compile("[。！？；]")
_WORDY = re.compile(rf"[\w{_CJK}]")  # a sentence holds at least one word character
HEADING_MAX_CHARS = 30
PROSE_MIN_CHARS = 15


@dataclass
class Line:
    segment: Segment
    text: str
    offset: int  # where text starts in the document's cleaned text
    segment_offset: int  # where segment.text starts in the document's joined raw text
    kind: str = "body"  # body | chrome | title
    pieces: tuple[Line, ...] = ()  # the lines of the page a line broken inside a sentence is joined from

    def locate(self, i: int) -> tuple[Line, int]:
        """The line of the page that holds character I of this line, and I there."""
        if not self.pieces:
            return self, i
        for piece in self.pieces:
            if i < len(piece.text):
                return piece, i
            i -= len(piece.text)
        return self, i

    @property
    def is_prose(self) -> bool:
        return len(self.text) >= PROSE_MIN_CHARS and _PROSE_MARK.search(self.text) is not None

    @property
    def ends_sentence(self) -> bool:
        return self.text.rstrip(_CLOSERS)[-1:] in _TERMINAL + "：:"


def _is_short(line: Line) -> bool:
    menu = _data("boilerplate.toml")["menu"]
    return (len(line.text) <= menu["max_chars"] and not line.ends_sentence) or bool(
        _patterns("menu")["bullet"].match(line.text) or _patterns("menu")["latin_only"].match(line.text))


HEADLINE_MIN_HAN = 6  # 分享, 奥推网, 本报广州电 are no headline; 全市工业经济稳中向好 is


def _is_headline(line: Line) -> bool:
    """A line that can be a headline: mostly Chinese words (not | | | 2019年01月28日 星期一 nor a menu of
    short words between spaces), not a finished sentence, not a subtitle."""
    words = line.text.split()
    text = "".join(words)
    han = len(_HAN.findall(text))
    spaced = len(words) > 3 and max(map(len, words)) > 1  # 首 页 区县招商 产业园区…: a menu (政 府 工 作 报 告 is no menu)
    return (not line.ends_sentence and han >= HEADLINE_MIN_HAN and 2 * han >= len(text) and not spaced
            and not text.startswith(_SUBTITLE_DASHES) and not _title_patterns()["period_only"].match(text))


@lru_cache(maxsize=None)
def _title_patterns() -> dict[str, re.Pattern]:
    return {k: re.compile(v) for k, v in _data("metadata.toml")["title"].items()}


def _labelled_title(lines: list[Line]) -> str | None:
    """The headline a reposted article names under a label (原标题：前2月陕西实际利用外资同比增长25.54%)."""
    for line in lines:
        m = _title_patterns()["label"].match(line.text)
        if m and line.text[m.end():].strip():
            return line.text[m.end():].strip()
    return None


_HAN = re.compile(f"[{_CJK}]")
_SUBTITLE_DASHES = ("—", "-", "－")  # ——2024年1月6日在…会议上: the subtitle under a headline


def _first_prose(lines: list[Line]) -> int:
    """Where the article's prose starts (len(lines) if nowhere). A headline with a mark inside it
    (总投资320亿元！我区集中签约18个重大项目) right above a dated line, or opening the page, is not prose yet."""
    for i, line in enumerate(lines):
        if line.kind == "body" and line.is_prose:
            if not line.ends_sentence and i + 1 < len(lines) and _explicit_date(lines[i + 1].text):
                continue
            if i == 0 and not line.ends_sentence and len(line.text) <= HEADING_MAX_CHARS and _is_headline(line):
                continue  # 开门红!大庆一季度经济“成绩单” opening the page: a headline, not prose
            return i
    return len(lines)


def classify(lines: list[Line], title: str | None = None) -> str | None:
    """Mark each line body, chrome or title; return the title found above the page's date line."""
    limit, chrome = _data("boilerplate.toml")["limits"]["chrome_line_max_chars"], _rules("line")
    for line in lines:
        if len(line.text) <= limit and _any_match(chrome, line.text):
            line.kind = "chrome"
    for line, below in zip(lines, lines[1:]):
        if line.kind == "chrome" and _meta_patterns()["source"]["label_alone"].match(line.text) and _named_line(below):
            below.kind = "chrome"  # 来源： / 绵阳市统计局网站: the site's name, not the first sentence
    first_prose = _first_prose(lines)
    # Head: the date/source line under the headline; the headline is the line just above it.
    head_meta = next((i for i in range(first_prose) if lines[i].kind == "chrome" and _explicit_date(lines[i].text)),
                     None)
    if head_meta is not None:
        candidates = [i for i in range(head_meta) if lines[i].kind == "body" and _is_headline(lines[i])]
        if candidates and title is None:
            title = lines[candidates[-1]].text
        for i in range(head_meta):
            lines[i].kind = "chrome"
    elif title is None and 0 < first_prose < len(lines):
        # a plain-text article: its first headline over the prose (not a 分享 or | left above it)
        title = next((line.text for line in lines[:first_prose] if line.kind == "body" and _is_headline(line)), None)
    if title is None:
        title = _labelled_title(lines[:first_prose + 3])
    if title is None and (trailing := _trailing_title(lines, first_prose)) is not None:
        title, lines[trailing].kind = lines[trailing].text, "title"
    if title:
        key = _squash(title)
        for line in lines[:max(first_prose, 1) + 3]:
            if line.kind != "chrome" and _squash(line.text) == key:
                line.kind = "title"
    # Tail: a related-articles heading or an end-of-article line closes the article.
    seen_prose, closing = False, _rules("block_start", "article_end")
    for i, line in enumerate(lines):
        if line.kind == "body" and line.is_prose:
            seen_prose = True
            continue
        if seen_prose and _any_match(closing, line.text):
            for rest in lines[i:]:
                rest.kind = "chrome"
            break
    _mark_menus(lines)
    body = [line for line in lines if line.kind == "body"]
    for line in body[:1] + body[-1:]:
        if _any_match(_rules("edge"), line.text):
            line.kind = "chrome"
    return title


def _trailing_title(lines: list[Line], first_prose: int) -> int | None:
    """Where a headline stands right above the page's date line when both come after the article (the
    page head extracted last: 西工区11月国民经济运行情况简析 / 时间：2025-02-25 14:56 浏览量：). A date alone
    under a name (宁波市鄞州区人民政府 / 2023年6月15日) signs a document: no page head."""
    for i in range(max(first_prose, 1), len(lines)):
        if lines[i].kind == "chrome" and _explicit_date(lines[i].text) and not _patterns("line")["timestamp"].match(
                lines[i].text):
            above = lines[i - 1]
            return i - 1 if above.kind == "body" and not above.is_prose and _is_headline(above) else None
    return None


def _mark_menus(lines: list[Line]) -> None:
    """Runs of short link-like lines are menus; a short line touching chrome is chrome too."""
    menu = _data("boilerplate.toml")["menu"]
    short = [ln.kind == "body" and _is_short(ln) for ln in lines]
    i = 0
    while i < len(lines):
        if short[i]:
            j = i
            while j < len(lines) and (short[j] or lines[j].kind == "chrome"):
                j += 1
            if sum(short[i:j]) >= menu["min_run"]:
                for k in range(i, j):
                    lines[k].kind = "chrome"
            i = j
        else:
            i += 1
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if line.kind == "body" and short[i]:
                neighbours = [lines[k] for k in (i - 1, i + 1) if 0 <= k < len(lines)]
                if any(n.kind == "chrome" for n in neighbours) and not any(n.kind == "body" and n.is_prose
                                                                           for n in neighbours):
                    line.kind = "chrome"
                    changed = True


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- page metadata --------------------------------------------------------------------


@lru_cache(maxsize=None)
def _meta_patterns() -> dict:
    meta = _data("metadata.toml")
    return {
        "explicit": [re.compile(p) for p in meta["date"]["explicit"]],
        "lead": re.compile(meta["date"]["lead"]),
        "footer_year": re.compile(meta["date"]["footer_year"]),
        "year": re.compile(meta["date"]["year"]),
        "source": {k: re.compile(v) for k, v in meta["source"].items()},
    }


def _valid_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _explicit_date(text: str) -> date | None:
    for pattern in _meta_patterns()["explicit"]:
        m = pattern.search(text)
        if m:
            found = _valid_date(int(m["y"]), int(m["m"]), int(m["d"]))
            if found:
                return found
    return None


def _footer_year(lines: list[Line]) -> int | None:
    years = []
    for line in lines:
        for m in _meta_patterns()["footer_year"].finditer(line.text):
            years.append(int(m["y"] or m["y2"]))
    return max(years) if years else None


def publication_date(lines: list[Line], html_date: str | None = None) -> tuple[date | None, str]:
    """(date, basis): a full date in the page head wins; else the lead's month-day with the year
    from the lead paragraph, the copyright footer, or the latest year in the text (a target's year,
    到2027年, says nothing about when the page was written)."""
    body = [ln for ln in lines if ln.kind == "body"]
    first_prose = _first_prose(lines)
    for line in lines[:first_prose]:
        found = _explicit_date(line.text)
        if found:
            return found, "explicit"
    if html_date:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", html_date)
        if m and _valid_date(*map(int, m.groups())):
            return _valid_date(*map(int, m.groups())), "explicit"
    lead_lines = [ln for ln in body if ln.is_prose][:2]
    for line in lead_lines:
        m = _meta_patterns()["lead"].search(line.text[:80])
        if not m:
            continue
        footer = _footer_year(lines)
        lead_years = [int(y["y"]) for y in _meta_patterns()["year"].finditer(line.text)
                      if footer is None or int(y["y"]) <= footer]
        text_years = [int(y["y"]) for ln in body for y in _meta_patterns()["year"].finditer(ln.text)]
        year = max(lead_years) if lead_years else footer or (max(text_years) if text_years else None)
        if year:
            found = _valid_date(year, int(m["m"]), int(m["d"]))
            if found:
                return found, "inferred"
    return None, "none"


def source_name(lines: list[Line], html_sitename: str | None = None) -> str | None:
    """The publishing site: a labelled source line, the page's site name, the copyright
    footer, the masthead, a date line naming it (2024-11-25 信网), or the dateline (信网1月14日讯),
    in that order."""
    patterns = _meta_patterns()["source"]
    non_body = [ln for ln in lines if ln.kind == "chrome"]  # the title (观光游览新疆石河子(四)_石河子市) names no site
    for i, line in enumerate(lines):
        if line.kind != "chrome":
            continue
        m = patterns["labelled"].search(line.text)
        if m and (name := _site_name(m["name"])):
            return _full_name(name, non_body)
        if patterns["label_alone"].match(line.text) and i + 1 < len(lines) and (name := _named_line(lines[i + 1])):
            return name  # 来源： / 绵阳市统计局网站
    if html_sitename and (name := _site_name(html_sitename)):
        return name
    for key in ("copyright", "masthead", "dated"):
        for line in non_body:
            m = patterns[key].search(line.text)
            if m and (name := _site_name(m["name"])):
                return name
    for line in [ln for ln in lines if ln.kind == "body"][:2]:
        m = patterns["dateline"].search(line.text)
        if m and (name := _site_name(m["name"])):
            return patterns["media_then_place"].sub(r"\g<media>", name)  # 山西经济日报太原 → 山西经济日报
    return None


def _full_name(name: str, chrome: list[Line]) -> str:
    """NAME as the page's masthead spells it out (来源：市统计局 under 清远市统计局 → 清远市统计局): a
    site names itself to its readers by the part they know."""
    for line in chrome:
        if line.text != name and line.text.endswith(name) and len(line.text) <= 20 and _HAN.fullmatch(line.text[0]) \
                and " " not in line.text and _meta_patterns()["source"]["relative"].match(name):
            return line.text
    return name


def _named_line(line: Line) -> str | None:
    """The site a line under a bare 来源： label names: the whole line, when it is a name and no sentence."""
    m = _meta_patterns()["source"]["labelled"].search("来源：" + line.text)
    return _site_name(m["name"]) if m and m["name"] == line.text.strip() else None


def _site_name(name: str) -> str | None:
    """NAME without a label before it (声明：绵阳市场信息网内容 → 绵阳市场信息网) or a role after it (乐山日报编辑),
    or None when it names no site (admin: a user name)."""
    name = re.split(r"[：:]", re.sub(r"[\s.:：,，;；]+$", "", name.strip()))[-1]
    name = _meta_patterns()["source"]["trailers"].sub("", name)
    return None if len(name) < 2 or _ACCOUNT.fullmatch(name) else name


_ACCOUNT = re.compile(r"[a-z0-9_]+")  # admin, editor01: a user's account, not a site


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32)


def _n_changed(a: str, b: str) -> int:
    """Positions (up to the shorter length) where A and B hold different characters."""
    n = min(len(a), len(b))
    return int(np.count_nonzero(_code_points(a[:n]) != _code_points(b[:n])))


SCRIPT_SAMPLE_CHARS = 20000


def detect_script(text: str) -> str:
    """simplified / traditional / mixed, from how many characters OpenCC would change each way."""
    cleaned, index_map = _clean(text, has_pinyin_readings(text), by_line=True)
    return _script(text, cleaned, index_map)


def _script(raw: str, cleaned: str, index_map: np.ndarray) -> str:
    """detect_script of RAW, reading the t2s direction off its cleaning (CLEANED, INDEX_MAP)
    rather than converting it again: cleaning drops no Chinese character and converts each in
    place, so the first SCRIPT_SAMPLE_CHARS of them and their simplified forms sit side by side."""
    behind = _code_points(raw)[index_map]  # the raw character behind each cleaned one
    chinese = np.zeros(len(behind), dtype=bool)
    for first, last in _CJK_RANGES:
        chinese |= (behind >= first) & (behind <= last)
    sample = behind[chinese][:SCRIPT_SAMPLE_CHARS]
    n = len(sample)
    if not n:
        return "simplified"
    traditional = np.count_nonzero(sample != _code_points(cleaned)[chinese][:n]) / n
    if 5 * traditional <= 0.03:  # simplified whatever the s2t count: that pass is skipped
        return "simplified"
    sample = sample.tobytes().decode("utf-32-le")
    simplified = _n_changed(sample, _opencc("s2t").convert(sample)) / n
    # Each script also has a few characters OpenCC would map the other way (制→製 in simplified
    # text, a variant form in traditional text), so a script wins only by a wide margin.
    if traditional >= 5 * simplified and traditional > 0.03:
        return "traditional"
    if simplified >= 5 * traditional and simplified > 0.03 or max(traditional, simplified) <= 0.03:
        return "simplified"
    return "mixed"


# --- the stage ------------------------------------------------------------------------


@dataclass
class Sentence:
    sentence_id: int
    paragraph_id: int
    text: str
    is_heading: bool
    raw_start: int
    raw_end: int


@dataclass
class CleanDocument:
    sentences: list[Sentence]
    title: str | None
    source_name: str | None
    published_date: date | None
    date_basis: str
    script: str


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences in a cleaned line: split after 。！？；…, closing quotes stay attached.
    Every character starts a match of _SENTENCE, so its matches tile the line: findall's strings
    and their lengths locate them, without a match object each. A "sentence" longer than
    MAX_SENTENCE_CHARS (a table flattened into one line) is cut into pieces (_cut_long)."""
    spans, a = [], 0
    for whole in _SENTENCE.findall(text):
        b = a + len(whole)
        if _WORDY.search(whole):
            if whole[0] == " " or whole[-1] == " ":
                sentence = whole.strip(" ")
                start = b - len(whole.lstrip(" "))
                spans.append((start, start + len(sentence)))
            else:
                spans.append((a, b))
            if spans[-1][1] - spans[-1][0] > MAX_SENTENCE_CHARS:
                spans[-1:] = _cut_long(text, *spans[-1])
        a = b
    return spans


# The longest sentence of the seeds has 187 characters; prose seldom reaches 500. A longer run without
# a full stop is a table or a list flattened into one line, and every stage reads a figure's context
# back to its sentence's start: thousands of figures in one such "sentence" took time quadratic in
# its length (186 KB, 8,000 figures: 42 s). So it is read as pieces of at most this many characters.
MAX_SENTENCE_CHARS = 2000
_CUT_AFTER = re.compile(r"[，、,；;：:）) ]+")  # clause breaks and spaces; a piece ends after the last one
_IN_NUMBER = re.compile(r"[0-9A-Za-z.%．％]")


def _cut_long(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Pieces of text[a:b], each at most MAX_SENTENCE_CHARS, trimmed of spaces and holding a word: cut
    after the last clause break or space of the piece's second half, else where no number is cut."""
    pieces = []
    while b - a > MAX_SENTENCE_CHARS:
        limit = a + MAX_SENTENCE_CHARS
        cut = None
        for m in _CUT_AFTER.finditer(text, a + MAX_SENTENCE_CHARS // 2, limit):
            if not _inside_number(text, m.start(), m.end()):  # 1,234.5 is one number
                cut = m.end()
        if cut is None:
            cut = limit
            while cut > a + MAX_SENTENCE_CHARS // 2 and _inside_number(text, cut, cut):
                cut -= 1
        pieces.append((a, cut))
        a = cut
    pieces.append((a, b))
    spans = []
    for start, end in pieces:
        piece = text[start:end]
        if _WORDY.search(piece):
            start += len(piece) - len(piece.lstrip(" "))
            spans.append((start, start + len(piece.strip(" "))))
    return spans


def _inside_number(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] has a number's character on both sides."""
    return (start > 0 and end < len(text)
            and _IN_NUMBER.match(text, start - 1) is not None and _IN_NUMBER.match(text, end) is not None)


def clean_document(doc: RawDocument) -> CleanDocument:
    raw_body = "\n".join(seg.text for seg in doc.segments)
    text, index_map = _clean(raw_body, has_pinyin_readings(raw_body), by_line=True)
    lines, offset, segment_offset = [], 0, 0
    for seg, line in zip(doc.segments, text.split("\n")):
        if line:
            lines.append(Line(seg, line, offset, segment_offset))
        offset += len(line) + 1
        segment_offset += len(seg.text) + 1
    title = classify(lines, _clean_title(doc.html_title))
    published, basis = publication_date(lines, doc.html_date)
    return CleanDocument(
        sentences=_sentences(lines, index_map),
        title=title,
        source_name=source_name(lines, doc.html_sitename),
        published_date=published,
        date_basis=basis,
        script=_script(raw_body, text, index_map),
    )


def _sentences(lines: list[Line], index_map: np.ndarray) -> list[Sentence]:
    """The sentences of the body lines, located in the raw text. INDEX_MAP maps the document's
    cleaned text into its joined raw text; only each sentence's first and last characters are
    looked up, in one numpy pass, rather than the whole map made a list and sliced per line. A
    sentence of a joined line may start in one line of the page and end in the next."""
    found, firsts, lasts, first_shifts, last_shifts = [], [], [], [], []
    paragraph, chrome = 0, _rules("sentence")
    for line in _join_broken_lines(lines):
        if line.kind != "body":
            continue
        heading = not line.ends_sentence and len(line.text) <= HEADING_MAX_CHARS
        spans = split_sentences(line.text)
        if spans and _any_match(chrome, line.text[slice(*spans[-1])]):
            spans.pop()  # …集散功能。(完) 【编辑：胡寒笑】
        for a, b in spans:
            (first_line, i), (last_line, j) = line.locate(a), line.locate(b - 1)
            found.append((paragraph, line.text[a:b], heading, first_line.segment, last_line.segment))
            firsts.append(first_line.offset + i)
            lasts.append(last_line.offset + j)
            first_shifts.append(first_line.segment_offset)
            last_shifts.append(last_line.segment_offset)
        paragraph += 1
    starts = (index_map[firsts] - np.array(first_shifts)).tolist()
    ends = (index_map[lasts] - np.array(last_shifts) + 1).tolist()
    return [Sentence(n, paragraph, text, heading, *_raw_span(first, last, i, j))
            for n, ((paragraph, text, heading, first, last), i, j) in enumerate(zip(found, starts, ends))]


def _raw_span(first: Segment, last: Segment, i: int, j: int) -> tuple[int, int]:
    """Raw offsets of a sentence from character I of segment FIRST to J (exclusive) of LAST."""
    if first is last:
        return first.raw_span(i, j)
    return first.raw_span(i, i + 1)[0], last.raw_span(j - 1, j)[1]


def _join_broken_lines(lines: list[Line]) -> list[Line]:
    """LINES with each body line that a hard line break cut inside a sentence joined to the line
    that goes on with it (同比增长 / 28.3%。): the figure on its own line lost its indicator and
    period. A line goes on with the one before when that one is a clause of prose left open (no
    sentence mark at its end, a comma in it or too long for a heading) and the new line's first
    clause is a bare figure or a single character (成倍增 / 长，…); a heading or a new paragraph
    (1-4月，…, 三、…) starts a line of its own."""
    joined: list[Line] = []
    goes_on = _patterns("continuation")["line_start"]
    for line in lines:
        before = joined[-1] if joined else None
        if (before is not None and before.kind == line.kind == "body" and goes_on.match(line.text)
                and not before.ends_sentence and ("，" in before.text or len(before.text) > HEADING_MAX_CHARS)):
            pieces = before.pieces or (before,)
            joined[-1] = Line(before.segment, before.text + line.text, before.offset, before.segment_offset,
                              pieces=pieces + (line,))
        else:
            joined.append(line)
    return joined


def _clean_title(title: str | None) -> str | None:
    """The page's title, cleaned, without a label before it (原标题：)."""
    title = clean_sentence(title) if title else None
    if title and (m := _title_patterns()["label"].match(title)):
        title = title[m.end():].strip()
    return title or None
