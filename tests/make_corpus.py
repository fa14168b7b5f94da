"""Build the hostile-input corpus of issue 6: one file (or link, or FIFO) per case, each with
the outcome the pipeline must give it.

Every byte is generated here, so the corpus never has to be kept as binaries in git.
`python tests/make_corpus.py DIR` writes it to DIR and prints the expected outcomes.

Outcomes: "document" (a documents row with sentences), "duplicate" (a duplicates row) or
"reject" (a file-level rejects row whose `check` is `check`).
"""
from __future__ import annotations

import codecs
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

# A short simplified-script article: a headline, a dateline, three paragraphs of prose.
ARTICLE = """聊城规上工业增加值同比增长7.5%
2022-08-10 10:30 聊城新闻网
今年上半年，聊城规上工业企业达到1557家，规上工业增加值同比增长7.5%，规下工业增加值同比增长4.8%。
制造业增加值占GDP的比重27.3%，同比提高0.6个百分点。工业税收同比增长16.8%，占全部税收比重达45.6%。
全市聚焦20条重点产业链，新培育国家级专精特新“小巨人”企业5家，新增省级以上创新平台32个。
"""
# The same kind of article in traditional script (Big5 cannot encode simplified-only characters).
ARTICLE_TRADITIONAL = """臨清軸承產業集群發展報告
2023-03-15 09:00 臨清新聞網
臨清軸承產業已有國家級專精特新“小巨人”企業5家，規上企業達到126家。
去年全市軸承產業實現營業收入372億元，同比增長12.6%，占全市工業比重達到35.2%。
力爭到2025年，軸承產業營業收入突破500億元，培育年營收過10億元企業8家。
"""
ENGLISH = """Liaocheng industrial output rises
Liaocheng's industrial value added above designated size grew 7.5% year on year in the first half.
The city now has 1,557 industrial enterprises above designated size, and manufacturing accounts for 27.3% of GDP.
Officials said twenty key industrial chains would receive support through the rest of the year.
"""


def html_page(charset: str | None, body: str = ARTICLE) -> str:
    """A news page: navigation, a script and a style whose text must never become sentences,
    the article, a related-articles block and a copyright/ICP footer."""
    meta = f'<meta charset="{charset}">' if charset else ""
    head, dateline, *paragraphs = [ln for ln in body.splitlines() if ln.strip()]
    ps = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head>{meta}<title>{head} - 聊城新闻网</title>
<style>.content:after {{ content: "样式标记：这句话不应成为句子。"; }} body {{ color: #333; }}</style>
<script>var 脚本标记 = "脚本里的句子不应出现，增长99%。"; document.write("脚本写出的文字。");</script>
</head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news">新闻中心</a> | <a href="/zt">专题</a> | <a href="/sp">视频</a></div>
<article><h1>{head}</h1><div class="info">{dateline}</div>
{ps}
<script>window.统计标记 = "正文中的脚本，不应出现。";</script>
</article>
<div class="related"><h3>相关文章</h3><ul><li><a href="/1">聊城召开全市工业经济运行分析会</a></li>
<li><a href="/2">聊城新材料产业链加快发展</a></li></ul></div>
<footer>聊城新闻网 版权所有 鲁ICP备09083931号 联系电话：0635-8888888</footer>
</body></html>
"""


CHROME_ONLY = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>聊城新闻网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/news">新闻中心</a> <a href="/zt">专题</a> <a href="/sp">视频</a></div>
<div>当前位置：首页 &gt; 新闻中心 &gt; 正文</div>
<ul><li><a href="/1">聊城召开全市工业经济运行分析会</a></li><li><a href="/2">聊城新材料产业链加快发展</a></li></ul>
<footer>聊城新闻网 版权所有 鲁ICP备09083931号 联系电话：0635-8888888</footer>
</body></html>
"""

WEIRD_NAME = 'it\'s a "quoted" name; with spaces & 聊城·新闻 ①.txt'
UNDECODABLE_NAME = b"latin1-name-\xe9t\xe9.txt"  # not UTF-8: Linux allows any bytes in a name
LONG_LINE_BYTES = 1_500_000


@dataclass(frozen=True)
class Case:
    name: str  # the test id
    path: str  # source_path the pipeline reports for it
    outcome: str  # document / duplicate / reject
    check: str | None = None  # rejects.check for a reject
    encoding: str | None = None  # documents.encoding for a document
    note: str = ""


def _long_line() -> str:
    sentences = [ln for ln in ARTICLE.splitlines()[2:] if ln]
    out, size, i = [], 0, 0
    while size < LONG_LINE_BYTES:
        s = sentences[i % len(sentences)].replace("今年上半年", f"第{i}段")
        out.append(s)
        size += len(s.encode())
        i += 1
    return "".join(out)  # no line break anywhere


def _variant(figure: str) -> bytes:
    """The article with one figure changed, so its bytes (and doc_id) are its own."""
    return ARTICLE.replace("1557家", figure).encode()


# Files with content: (case, the bytes written to case.path).
_FILES: list[tuple[Case, object]] = [
    (Case("utf8_bom", "utf8_bom.txt", "document", encoding="utf_8_sig"),
     lambda: codecs.BOM_UTF8 + ARTICLE.encode()),
    (Case("gb18030", "gb18030.txt", "document", encoding="gb18030"), lambda: ARTICLE.encode("gb18030")),
    (Case("gbk", "gbk.txt", "document", encoding="gb18030"),
     lambda: ARTICLE.replace("7.5%", "7.6%").encode("gbk")),
    (Case("big5", "big5.txt", "document", encoding="big5hkscs"), lambda: ARTICLE_TRADITIONAL.encode("big5")),
    (Case("crlf", "crlf.txt", "document", encoding="utf_8"), lambda: ARTICLE.replace("\n", "\r\n").encode()),
    (Case("html_utf8", "page_utf8.html", "document", encoding="utf_8"), lambda: html_page("utf-8").encode()),
    (Case("html_gbk_meta_charset", "page_gbk.html", "document", encoding="gb18030"),
     lambda: html_page("gbk", ARTICLE.replace("1557家", "1558家")).encode("gbk")),
    (Case("empty", "empty.txt", "reject", check="empty"), lambda: b""),
    (Case("whitespace_only", "whitespace.txt", "reject", check="empty"),
     lambda: " \n\t\r\n\u3000\u3000\n".encode()),
    (Case("binary", "binary.txt", "reject", check="binary"), lambda: random.Random(6).randbytes(4096)),
    (Case("truncated_utf8", "truncated_utf8.txt", "document", encoding="utf_8",
          note="last character cut in the middle of its UTF-8 bytes"),
     lambda: ARTICLE.rstrip().encode()[:-1]),
    (Case("nul_bytes", "nul_bytes.txt", "document", encoding="utf_8"),
     lambda: ARTICLE.replace("同比增长7.5%", "同比\x00增长7.5%").replace("27.3%", "27.3%\x00\x00").encode()),
    (Case("duplicate", "gb18030_copy.txt", "duplicate", note="same bytes as gb18030.txt"),
     lambda: ARTICLE.encode("gb18030")),
    (Case("english", "english.txt", "reject", check="not_chinese"), lambda: ENGLISH.encode()),
    (Case("long_line", "long_line.txt", "document", encoding="utf_8",
          note=f"{LONG_LINE_BYTES:,}+ bytes without a line break"), lambda: _long_line().encode()),
    (Case("pdf", "report.pdf", "reject", check="unsupported_type"),
     lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"),
    (Case("chrome_only", "chrome_only.html", "reject", check="no_article_text"), lambda: CHROME_ONLY.encode()),
    (Case("weird_name", WEIRD_NAME, "document", encoding="utf_8"), lambda: _variant("1559家")),
    # Mode 000. Root reads it anyway, so the tests then make the read fail at the I/O edge
    # (tests/test_robustness.py: deny_unreadable).
    (Case("unreadable", "unreadable.txt", "reject", check="unreadable"), lambda: _variant("1561家")),
]
# Not UTF-8 in the name (Linux allows any bytes): reported with those bytes escaped as \xNN.
UNDECODABLE = Case("undecodable_name", "latin1-name-\\xe9t\\xe9.txt", "document", encoding="utf_8")
SYMLINK_LOOP = Case("symlink_loop", "symlink_loop.txt", "reject", check="broken_link",
                    note="a symbolic link to itself: every open gives ELOOP")
FIFO = Case("fifo", "fifo.txt", "reject", check="not_regular_file",
            note="opening a FIFO for reading would block forever; it must be refused, not read")

CASES: list[Case] = [case for case, _ in _FILES] + [UNDECODABLE, SYMLINK_LOOP, FIFO]


def build(root: Path) -> list[Case]:
    """Write the corpus into ROOT (created if absent) and return its cases."""
    root.mkdir(parents=True, exist_ok=True)
    for case, content in _FILES:
        (root / case.path).write_bytes(content())
    (root / "unreadable.txt").chmod(0)
    (root / os.fsdecode(UNDECODABLE_NAME)).write_bytes(_variant("1560家"))
    os.symlink(SYMLINK_LOOP.path, root / SYMLINK_LOOP.path)
    os.mkfifo(root / FIFO.path)
    return CASES


def is_really_unreadable(path: Path) -> bool:
    """False when mode 000 does not stop reads (running as root)."""
    try:
        with open(path, "rb"):
            return False
    except PermissionError:
        return True


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/make_corpus.py DIR")
    for c in build(Path(sys.argv[1])):
        print(f"{c.path!r:60} {c.outcome:10} {c.check or c.encoding or ''}")
