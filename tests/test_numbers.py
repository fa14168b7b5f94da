"""Number parser: property round-trips through independent renderings, plus real phrases."""
from __future__ import annotations

from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.numbers import chinese_integer, parse_number, parse_range

FAST = settings(max_examples=150, deadline=None)
FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
MAGNITUDES = {"万": 10 ** 4, "亿": 10 ** 8, "千": 10 ** 3, "百万": 10 ** 6, "千万": 10 ** 7, "万亿": 10 ** 12}


@FAST
@given(st.integers(min_value=0, max_value=10 ** 13))
def test_arabic_with_and_without_thousands_separators(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".translate(FULLWIDTH)) == n


@FAST
@given(st.integers(min_value=0, max_value=10 ** 12 - 1))
def test_chinese_numerals_rendered_by_cn2an(n):
    """cn2an renders (一百二十, 十万零五); our parser must read its output back."""
    assert parse_number(cn2an.an2cn(n)) == n


@FAST
@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=0, max_value=9),
       st.sampled_from(sorted(MAGNITUDES)))
def test_mixed_decimal_with_magnitude(whole, tenth, magnitude):
    text = f"{whole}.{tenth}{magnitude}"
    expected = float(Decimal(f"{whole}.{tenth}") * MAGNITUDES[magnitude])
    assert parse_number(text) == expected


@FAST
@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿"]))
def test_chinese_numeral_with_magnitude(n, magnitude):
    assert parse_number(cn2an.an2cn(n) + magnitude) == n * MAGNITUDES[magnitude]


@FAST
@given(st.integers(min_value=0, max_value=999), st.integers(min_value=1, max_value=999),
       st.sampled_from(["-", "—", "~", "至"]), st.sampled_from(["", "万", "亿"]))
def test_ranges_share_the_magnitude_of_their_high_end(low, width, dash, magnitude):
    high = low + width
    factor = MAGNITUDES.get(magnitude, 1)
    assert parse_range(f"{low}{dash}{high}{magnitude}") == (low * factor, high * factor)


@pytest.mark.parametrize("text, value", [
    ("737.4", 737.4), ("737.4亿", 737.4e8), ("1.2万", 12_000), ("3千", 3_000), ("1407.6万", 14_076_000),
    ("一百二十", 120), ("两", 2), ("十", 10), ("十五", 15), ("一千零五", 1005), ("二十万", 200_000),
    ("百亿", 1e10), ("千亿", 1e11), ("一亿二千万", 120_000_000), ("〇", 0), ("零", 0), ("一万二千", 12_000),
    ("1,557", 1557), ("１２.５", 12.5),
])
def test_real_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text, bounds", [
    ("1—2", (1, 2)), ("6-8亿", (6e8, 8e8)), ("6亿-8亿", (6e8, 8e8)), ("50—60", (50, 60)),
    ("三四十", (30, 40)), ("五六十", (50, 60)), ("两三", (2, 3)), ("一两", (1, 2)), ("七八千", (7000, 8000)),
    ("15", (15, 15)),
])
def test_real_ranges(text, bounds):
    assert parse_range(text) == bounds


@pytest.mark.parametrize("text", ["二〇二三", "一一", "三五", "5G", "", "八大", "10-5"])
def test_not_numbers_raise(text):
    with pytest.raises(ValueError):
        parse_range(text)


def test_digit_strings_are_not_quantities():
    with pytest.raises(ValueError):
        chinese_integer("一九四九")


@pytest.mark.parametrize("text, value", [
    ("三点五", 3.5), ("十二点八", 12.8), ("十二点八亿", 1.28e9), ("零点五", 0.5), ("一百点二五", 100.25),
    ("三点五万", 35_000),
])
def test_chinese_decimals(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text, value", [
    ("一万五", 15_000), ("三千五", 3_500), ("两万三", 23_000), ("一亿二", 120_000_000), ("一百五", 150),
    ("二十五万三", 253_000), ("一万零五", 10_005), ("一千零五", 1_005), ("十五", 15),
])
def test_spoken_shorthand_puts_the_last_digit_in_the_next_lower_place(text, value):
    assert parse_number(text) == value


@FAST
@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9),
       st.sampled_from([("百", 10), ("千", 100), ("万", 1000), ("亿", 10 ** 7)]))
def test_spoken_shorthand_matches_the_full_form(lead, tail, place):
    word, lower = place
    full = cn2an.an2cn(lead * lower * 10 + tail * lower)
    assert parse_number(f"{cn2an.an2cn(lead)}{word}{cn2an.an2cn(tail)}") == parse_number(full)
