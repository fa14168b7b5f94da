"""Reading files: encodings, ids, HTML main content with offsets, and the reasons a file is refused."""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline import ingest

TEXT = "臨清軸承產業已有國家級專精特新“小巨人”企業5家。"


@pytest.mark.parametrize("codec", ["utf_8", "gb18030", "big5"])
def test_chinese_encodings_are_detected(codec):
    raw = (TEXT * 4).encode(codec)
    text, found = ingest.decode(raw)
    assert text == TEXT * 4
    assert found in {codec, "big5hkscs"} if codec == "big5" else found == codec


def test_utf8_bom_is_dropped():
    text, codec = ingest.decode(codecs.BOM_UTF8 + TEXT.encode())
    assert (text, codec) == (TEXT, "utf_8_sig")


def test_a_multibyte_character_cut_off_at_the_end_is_dropped_not_fatal():
    text, _ = ingest.decode(TEXT.encode()[:-2])
    assert text == TEXT[:-1]


@pytest.mark.parametrize("raw, check", [
    (b"", "empty"),
    (b" \n\t\r\n  ", "empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "binary"),
    (bytes(range(256)) * 4, "binary"),
])
def test_unusable_bytes_raise_with_a_reason(raw, check):
    with pytest.raises(ingest.Unreadable) as err:
        ingest.decode(raw)
    assert err.value.check == check
    assert err.value.reason


def test_doc_id_depends_only_on_the_bytes():
    assert ingest.doc_id_of(b"abc") == ingest.doc_id_of(b"abc") != ingest.doc_id_of(b"abd")
    assert len(ingest.doc_id_of(b"abc")) == 16


def test_unsupported_extension_is_refused(tmp_path):
    with pytest.raises(ingest.Unreadable) as err:
        ingest.content_type_of(tmp_path / "report.pdf")
    assert err.value.check == "unsupported_type"


def test_text_segments_are_lines_with_their_offsets():
    text = "第一行\r\n第二行\n\n第三行"
    segments = ingest.text_segments(text)
    assert [s.text for s in segments] == ["第一行", "第二行", "第三行"]
    assert all(text[s.start:s.start + len(s.text)] == s.text for s in segments)


@given(st.text(st.sampled_from(list("\r\n a經濟")), max_size=20))
def test_text_segments_are_the_runs_between_line_breaks(text):
    assert [(s.text, s.start) for s in ingest.text_segments(text)] == [
        (m.group(), m.start()) for m in re.finditer(r"[^\r\n]+", text)]


HTML = """<html><head><title>聊城规上工业增加值增长7.5% - 聊城新闻网</title>
<style>.x{color:red}</style><script>var 规上工业增加值 = "增长99%";</script></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/news">新闻</a></div>
<article><h1>聊城规上工业增加值增长7.5%</h1>
<p>今年上半年，聊城规上工业企业达到1557家，规上工业增加值同比增长7.5%，规下工业增加值同比增长4.8%。</p>
<p>制造业增加值占GDP的比重27.3%&#65292;同比提高0.6个百分点。工业税收同比增长16.8%，占全部税收比重达45.6%，同比提高4.6个百分点。</p>
</article><footer>聊城新闻网 版权所有 鲁ICP备09083931号</footer></body></html>"""


def test_html_keeps_main_content_with_offsets_into_the_raw_page(tmp_path):
    doc = ingest.read_document(tmp_path / "a.html", tmp_path, HTML.encode("utf-8"))
    joined = "\n".join(s.text for s in doc.segments)
    assert "聊城规上工业企业达到1557家" in joined
    assert "var" not in joined and "color" not in joined and "增长99%" not in joined
    for seg in doc.segments:
        start, end = seg.raw_span(0, len(seg.text))
        raw = doc.text[start:end]
        if "&#65292;" in raw:
            assert raw.replace("&#65292;", "，") == seg.text
        else:
            assert raw == seg.text


GOV_PAGE = """<html><head><title>襄阳市前三季度工业经济稳步增长_襄阳市人民政府门户网站</title></head><body>
<div class="crumb">当前位置：首页 &gt; 新闻中心 &gt; 襄阳要闻</div>
<div class="article"><h1>襄阳市前三季度工业经济稳步增长</h1>
<div class="info">发布时间：2024-10-25 16:30 来源：市经信局 浏览次数：1203</div>
<div class="content"><p>前三季度，全市规模以上工业增加值同比增长8.6%，高于全省平均水平1.4个百分点，增速居全省第三位。</p>
<p>全市新增规上工业企业186家，总数突破2100家。1-9月，全市工业投资增长13.5%，技改投资增长18.2%。</p>
<p>下一步，市经信局将聚焦“144”产业集群，力争全年规上工业增加值增长8%以上。</p></div></div></body></html>"""


def test_lines_the_extractor_gives_out_of_page_order_are_kept_in_page_order(tmp_path):
    """trafilatura appends the date and source line found above the article to its text."""
    from pipeline import clean
    doc = ingest.read_document(tmp_path / "a.html", tmp_path, GOV_PAGE.encode("utf-8"))
    texts = [s.text for s in doc.segments]
    info = next(i for i, t in enumerate(texts) if t.startswith("发布时间"))
    assert info < next(i for i, t in enumerate(texts) if t.startswith("前三季度"))
    cleaned = clean.clean_document(doc)
    assert (cleaned.source_name, str(cleaned.published_date)) == ("市经信局", "2024-10-25")
    assert not any("来源" in s.text for s in cleaned.sentences)


def test_every_html_character_is_located_in_the_raw_page_even_inside_references():
    from html import unescape
    page = ('<html><body><p>规上&gt;工业&#65292;增长<a href="/x">7.5%</a>&amp;提高</p>'
            '<div>  前后&bne;有空格 <br>第二行&#x4E00;</div></body></html>')
    lines, _ = ingest._visible_lines(page)
    assert [ln.text for ln in lines] == ["规上>工业，增长7.5%&提高", "前后=\u20e5有空格", "第二行一"]
    for line in lines:
        assert line.start == line.starts[0]
        for i, ch in enumerate(line.text):
            start, end = line.raw_span(i, i + 1)
            raw = page[start:end]
            assert raw == ch or (raw.startswith("&") and raw.endswith(";") and ch in unescape(raw))


def test_a_reference_spans_its_name_and_its_semicolon_however_long_and_only_them():
    page = "<p>长江&CounterClockwiseContourIntegral;流域&amp 产值;增长&#12290;</p>"
    [line], _ = ingest._visible_lines(page)
    assert line.text == "长江∳流域& 产值;增长。"
    spans = {line.text[i]: page[slice(*line.raw_span(i, i + 1))] for i in range(len(line.text))}
    assert spans["∳"] == "&CounterClockwiseContourIntegral;"
    assert spans["&"] == "&amp"  # no semicolon of its own: the one after 产值 is text
    assert spans["。"] == "&#12290;"


def test_html_charset_declared_in_meta_is_used(tmp_path):
    page = HTML.replace("<head>", '<head><meta charset="gbk">')
    doc = ingest.read_document(tmp_path / "a.htm", tmp_path, page.encode("gbk"))
    assert doc.encoding == "gb18030"
    assert any("聊城规上工业企业达到1557家" in s.text for s in doc.segments)


def test_a_line_is_link_only_when_all_its_visible_text_is_inside_links():
    page = '<p><a href="/">首页</a> <a href="/news">新闻</a></p><p><a href="/">首页</a>：正文</p>'
    lines, link_only = ingest._visible_lines(page)
    assert [ln.text for ln in lines] == ["首页 新闻", "首页：正文"]
    assert link_only == [True, False]


@given(st.text())
@example("abc\ud800x²①Ⅻ一\U00020000\U0001d400")
def test_letters_are_counted_as_str_isalpha_counts_them_and_chinese_as_a_regex_finds_them(text):
    han = sum(map(len, re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", text)))
    assert ingest._count_letters_and_han(text) == (sum(ch.isalpha() for ch in text), han)


def test_an_english_page_is_not_chinese():
    with pytest.raises(ingest.Unreadable) as err:
        ingest.require_chinese("Regional industry grew 7.5% 工业")
    assert err.value.check == "not_chinese"
    ingest.require_chinese("规上工业增加值同比增长7.5%, GDP")


def _walk_sorted(root):
    """Every file os.walk finds (links to folders not followed), sorted by relative path whole."""
    found = [Path(d) / f for d, _dirs, files in os.walk(root) for f in files]
    return sorted(found, key=lambda p: ingest.relative_path(p, root))


def test_discover_streams_files_in_relative_path_order_across_folders(tmp_path):
    # names whose order flips between "a folder's files, then its subfolders" and the paths sorted
    # whole: "a!" < "a/…" < "a.txt" < "a0", and a name of bytes that are not UTF-8
    names = ["a!", "a.txt", "a0", "a/z.txt", "a/b/c.txt", "a/b.txt", "a-b/x.txt", "ab", "b/a.txt",
             "新闻/聊城.txt", "新闻.txt", "Z.txt", os.fsdecode(b"bad\xe4\xb8.txt")]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "a")  # a link to a folder: neither walked nor read
    (tmp_path / "empty").mkdir()
    found = list(ingest.discover(tmp_path))
    assert found == _walk_sorted(tmp_path)
    assert [ingest.relative_path(p, tmp_path) for p in found][:5] == ["Z.txt", "a!", "a-b/x.txt", "a.txt", "a/b.txt"]
    assert "bad\\xe4\\xb8.txt" in [ingest.relative_path(p, tmp_path) for p in found]
    assert not any(p.is_relative_to(tmp_path / "link") for p in found)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "a.b", "a-", "ab", "b", "a0", "_", "新", "新闻", "a!"]),
                         min_size=1, max_size=4), min_size=1, max_size=12))
def test_discover_order_is_the_relative_paths_sorted(tmp_path_factory, paths):
    root = tmp_path_factory.mktemp("tree")
    for parts in paths:
        target = root.joinpath(*parts)
        if any(p.is_file() for p in [target, *target.parents] if p != root and root in p.parents):
            continue  # a file where this path needs a folder
        if target.is_dir():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x", encoding="utf-8")
    assert list(ingest.discover(root)) == _walk_sorted(root)


def test_discover_finds_nothing_in_a_folder_it_cannot_list(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert list(ingest.discover(tmp_path / "missing")) == []
    assert list(ingest.discover(tmp_path / "a.txt")) == []
