"""Number expressions of Chinese text → values: Arabic (1,234.5), Chinese numerals (一百二十, 两),
Chinese decimals (三点五, 十二点八亿), spoken abbreviations (一万五 = 15000, 三千五 = 3500),
mixed forms with magnitudes (1.2万, 737.4亿, 3千) and ranges (6-8亿, 1—2, 三四十).

Pure functions. Units and qualifiers are not numbers: they live in extract.py. cn2an is not used
here: its sentence mode mangles words that contain numerals (唯一一个, 一带一路), and parsing an
isolated numeral is a few lines.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10 ** 4, "亿": 10 ** 8}
MAGNITUDES = {**SMALL_UNITS, **BIG_UNITS}
_EXPONENTS = {ch: len(str(factor)) - 1 for ch, factor in MAGNITUDES.items()}  # 万 → 4

_D = "".join(CN_DIGITS)
_M = "".join(MAGNITUDES)
# A space may separate thousands (能繁母猪存栏21 710头) and stray after the decimal point (增长58. 1%).
# A full-width comma separates thousands only between 1-3 digits and exactly three before a word
# (1，200家): elsewhere it ends a clause (增长5.2%，100家企业; 2023，100).
_CJK = "\u4e00-\u9fff"
_FULLWIDTH_THOUSANDS = rf"(?<![\d.])\d{{1,3}}，\d{{3}}(?=[{_CJK}])"
ARABIC = rf"(?:(?<!\d)\d{{1,3}}(?: \d{{3}})+(?!\d)|{_FULLWIDTH_THOUSANDS}|\d+(?:,\d{{3}})*)(?:\. ?\d+)?"
# Put after a pattern that may match "," or "，": fails where that comma separates thousands in an
# ARABIC number (1,200; 1，200家), so a clause-break pattern does not cut a figure in two.
NOT_THOUSANDS_COMMA = (r"(?!(?<=\d,)\d{3})(?!(?:(?<=(?<![\d.])\d，)|(?<=(?<![\d.])\d\d，)|(?<=(?<![\d.])\d\d\d，))"
                       rf"\d{{3}}[{_CJK}])")
# A Chinese numeral in running text starts with a non-zero digit or with 十/百/千 (百亿, 十余家): 万 or 亿
# alone (过亿元) and 零 (零部件, 零的突破) do not start a figure.
# A Chinese decimal (三点五, 十二点八亿, 零点五) has digits only after 点 and may end in 万/亿.
CHINESE = rf"(?:[一二两三四五六七八九十百千][{_D}{_M}]*|零(?=点))(?:点[{_D}]+[万亿]*)?"
# A space may stray between a number and its magnitude (增长20.26 万吨).
MAGNITUDE = rf"(?:(?<=\d) (?=[{_M}]))?[{_M}]*"
_DASHES = "-—–~～至到"
DASH = rf"[{_DASHES}]"
# One number as it appears in text: Arabic with optional magnitude suffix, or a Chinese numeral.
NUMBER = rf"(?:{ARABIC}{MAGNITUDE}|{CHINESE})"
# The characters of a NUMBER or of a range of two, for a character class.
NUMBER_CHARS = rf"\d,，. {_D}{_M}点{re.escape(_DASHES)}"

_ARABIC_RE = re.compile(rf"({ARABIC})({MAGNITUDE})")
_DASH_RE = re.compile(DASH)
_ADJACENT = re.compile(rf"([一二两三四五六七八九])([二两三四五六七八九])([{_M}]*)")


def _halfwidth(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def _magnitude(suffix: str) -> int:
    """万亿 = 1e12, 千万 = 1e7: stacked magnitudes multiply."""
    factor = 1
    for ch in suffix:
        factor *= MAGNITUDES[ch]
    return factor


def chinese_integer(text: str) -> int:
    """一百二十 → 120, 一亿二千万 → 120000000, 百 → 100. A last digit right after a magnitude is spoken
    shorthand for the next lower place: 一万五 → 15000, 一百五 → 150, 一亿二 → 120000000 (一万零五 stays
    10005). Digit strings (二〇二三) are years or codes, not quantities, and raise ValueError like
    anything else that is not a numeral."""
    if not text or any(ch not in CN_DIGITS and ch not in MAGNITUDES for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(ch in CN_DIGITS for ch in text):
        if len(text) > 1:
            raise ValueError(f"digit string, not a quantity: {text!r}")
        return CN_DIGITS[text]
    total = section = digit = 0
    last_place = 0  # the place of the last magnitude character, 0 after 零
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
            if ch in "零〇":
                last_place = 0
            continue
        last_place = MAGNITUDES[ch]
        if ch in SMALL_UNITS:
            section += (digit or 1) * SMALL_UNITS[ch]
            digit = 0
        elif ch == "万":
            section = ((section + digit) or 1) * BIG_UNITS[ch]  # 近万家: 万 alone is 10000
            digit = 0
        else:  # 亿
            total = ((total + section + digit) or 1) * BIG_UNITS[ch]
            section = digit = 0
    if digit and last_place >= 100:  # 一万五: the bare digit is in the next lower place
        digit *= last_place // 10
    return total + section + digit


def chinese_number(text: str) -> float:
    """A Chinese numeral with an optional decimal part: 三点五 → 3.5, 十二点八亿 → 1.28e9, 零点五 → 0.5."""
    if "点" not in text:
        return float(chinese_integer(text))
    whole, _, rest = text.partition("点")
    decimals = rest.rstrip("万亿")
    if not decimals or any(ch not in CN_DIGITS or ch == "两" for ch in decimals):
        raise ValueError(f"not a Chinese decimal: {text!r}")
    number = Decimal(chinese_integer(whole) if whole not in ("零", "〇") else 0)
    number += Decimal("0." + "".join(str(CN_DIGITS[ch]) for ch in decimals))
    return float(number * _magnitude(rest[len(decimals):]))


def parse_number(text: str) -> float:
    """One number: '1,234.5', '１２', '1.2万', '737.4亿', '3千', '一百二十', '两', '百亿' → float."""
    text = _halfwidth(text)
    m = _ARABIC_RE.fullmatch(text)
    if m:
        return _arabic(m)
    return chinese_number(text)


def _arabic(m: re.Match) -> float:
    """The value of a full match of _ARABIC_RE, rounded once from the exact decimal, so that 4.35亿 is
    435000000.0, not 434999999.99999994: float() reads the magnitude as a power of ten (4.35e8), at a
    third of the cost of a Decimal product, and without its rounding at 28 digits."""
    digits, suffix = m.group(1).replace(",", ""), m.group(2)
    return float(f"{digits}e{sum(_EXPONENTS[ch] for ch in suffix)}" if suffix else digits)


def parse_range(text: str) -> tuple[float, float]:
    """A number or a range → (low, high). '6-8亿' applies the shared magnitude to both ends; '三四十'
    and '五六十' are the spoken ranges 30–40 and 50–60; a single number gives (v, v)."""
    text = _halfwidth(text)
    m = _ARABIC_RE.fullmatch(text)
    if m:  # most figures: one Arabic number has no dash and is no spoken range, and is already halfwidth
        value = _arabic(m)
        return value, value
    parts = _DASH_RE.split(text)
    if len(parts) == 2 and all(parts):
        low_text, high_text = parts
        high = parse_number(high_text)
        shared = re.search(rf"[{_M}]+$", high_text)
        if shared and not re.search(rf"[{_M}]$", low_text) and _ARABIC_RE.fullmatch(low_text):
            low = parse_number(low_text + shared.group())
        else:
            low = parse_number(low_text)
        if low > high:
            raise ValueError(f"range runs backwards: {text!r}")
        return low, high
    m = _ADJACENT.fullmatch(text)
    if m and CN_DIGITS[m.group(2)] == CN_DIGITS[m.group(1)] + 1:
        factor = _magnitude(m.group(3))
        return float(CN_DIGITS[m.group(1)] * factor), float(CN_DIGITS[m.group(2)] * factor)
    value = parse_number(text)
    return value, value
