"""Raw stage: find input files, decode their bytes, and turn each into text segments that
keep their character offsets into the decoded raw text.

A file that cannot be read raises `Unreadable` with a one-line reason; the caller records it
in rejects and goes on with the other files.
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
from charset_normalizer import from_bytes

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
# Codecs a Chinese news page is written in; the detector only chooses among these.
CHINESE_CODECS = ["utf_8", "gb18030", "big5", "utf_16"]
_MAGIC = {b"%PDF": "PDF", b"PK\x03\x04": "ZIP/Office", b"\x89PNG": "PNG", b"GIF8": "GIF",
          b"\xff\xd8\xff": "JPEG", b"\x7fELF": "ELF binary", b"\x1f\x8b": "gzip"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


class Unreadable(Exception):
    """A file that cannot become a document; `check` names the kind of failure."""

    def __init__(self, check: str, reason: str):
        super().__init__(reason)
        self.check = check
        self.reason = reason


@dataclass(frozen=True)
class Segment:
    """A line of visible text (never holding a \\n: clean joins a document's lines with one).
    `starts[i]`/`ends[i]` locate character i in the decoded raw text (arrays of machine ints, not
    an int object per character); for plain text they are None and character i sits at
    `start + i`."""

    text: str
    start: int
    starts: Sequence[int] | None = None
    ends: Sequence[int] | None = None

    def raw_span(self, i: int, j: int) -> tuple[int, int]:
        """Raw offsets of characters i..j (exclusive) of this segment."""
        if self.starts is None:
            return self.start + i, self.start + j
        return self.starts[i], self.ends[j - 1]


@dataclass(frozen=True)
class RawDocument:
    doc_id: str
    source_path: str
    content_type: str
    encoding: str
    text: str  # the decoded raw text that offsets point into
    segments: tuple[Segment, ...]
    html_title: str | None = None
    html_date: str | None = None
    html_sitename: str | None = None


def doc_id_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def discover(root: Path) -> Iterator[Path]:
    """Every file below ROOT in the order of its relative_path, whatever order the file system
    lists them in. Streamed one folder listing at a time, not as a list of the whole tree (a few
    hundred bytes a file, which millions of files make gigabytes). As in os.walk, unreadable
    folders are skipped and links to folders are not followed."""
    yield from _files_below(Path(root))


def _files_below(folder: Path) -> Iterator[Path]:
    entries = []
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                kind = _is_folder(entry)
                key = os.fsencode(entry.name).decode("utf-8", errors="backslashreplace")  # as in relative_path
                # a folder sorts as its name plus "/": no name holds "/", so these keys order the
                # relative paths below this folder exactly as comparing the paths whole would
                entries.append((key if kind is None else key + "/", entry.name, kind))
    except OSError:
        return
    for _key, name, kind in sorted(entries):
        if kind is None:
            yield folder / name
        elif kind:
            yield from _files_below(folder / name)


def _is_folder(entry: os.DirEntry) -> bool | None:
    """None for a file (or anything that is not a folder); True for a folder to walk into; False
    for a link to a folder, which is neither walked nor read."""
    try:
        if not entry.is_dir():
            return None
    except OSError:
        return None
    return not entry.is_symlink()


def relative_path(path: Path, root: Path) -> str:
    """PATH relative to ROOT with / separators. Bytes of a file name that are not UTF-8 (Linux
    allows any) are written as \\xNN, so the name can be stored as text."""
    rel = path.relative_to(root).as_posix()
    return os.fsencode(rel).decode("utf-8", errors="backslashreplace")


def content_type_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "txt"
    if suffix in HTML_SUFFIXES:
        return "html"
    raise Unreadable("unsupported_type", f"unsupported file type {suffix or '(no extension)'!r}: "
                                         "only .txt, .html and .htm are read")


def read_bytes(path: Path) -> bytes:
    """The file's bytes. Only regular files are opened: a FIFO or device would block or never
    end, so it is refused from its stat() before any read."""
    try:
        info = path.stat()
    except OSError as err:
        if path.is_symlink():
            what = "a loop of symbolic links" if err.errno == errno.ELOOP else "a symbolic link that points nowhere"
            raise Unreadable("broken_link", f"{what} ({err.strerror})") from err
        raise Unreadable("unreadable", f"cannot read file: {err.strerror or err}") from err
    if not stat.S_ISREG(info.st_mode):
        kind = "FIFO" if stat.S_ISFIFO(info.st_mode) else "socket" if stat.S_ISSOCK(info.st_mode) else \
            "device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "special file"
        raise Unreadable("not_regular_file", f"not a regular file ({kind})")
    try:
        return path.read_bytes()
    except OSError as err:
        raise Unreadable("unreadable", f"cannot read file: {err.strerror or err}") from err


def decode(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text, returning (text, codec name). Raises Unreadable for empty,
    binary or undecodable input."""
    if not raw.strip():
        raise Unreadable("empty", "empty file" if not raw else "file holds only whitespace")
    for magic, kind in _MAGIC.items():
        if raw.startswith(magic):
            raise Unreadable("binary", f"binary file ({kind} signature)")
    for bom, codec in ((codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF16_LE, "utf_16"),
                       (codecs.BOM_UTF16_BE, "utf_16")):
        if raw.startswith(bom):
            return _finish(raw.decode(codec, errors="replace"), codec)
    if _control_ratio(raw) > 0.05:
        raise Unreadable("binary", "binary content (too many control bytes for text)")
    try:
        return _finish(raw.decode("utf_8"), "utf_8")
    except UnicodeDecodeError as err:
        if err.start >= len(raw) - 3:  # a multi-byte character cut off at the end
            return _finish(raw[:err.start].decode("utf_8"), "utf_8")
    if declared:
        codec = _codec_name(declared)
        if codec:
            try:
                return _finish(raw.decode(codec), codec)
            except UnicodeDecodeError:
                pass
    best = from_bytes(raw, cp_isolation=CHINESE_CODECS).best()
    if best is None or best.chaos > 0.3:
        raise Unreadable("undecodable", "bytes are not UTF-8, GB18030/GBK or Big5 text")
    codec = _codec_name(best.encoding) or best.encoding
    return _finish(raw.decode(codec, errors="replace"), codec)


_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
MIN_CHINESE_SHARE = 0.2


def require_chinese(text: str) -> None:
    """Raise Unreadable unless Chinese characters make up at least MIN_CHINESE_SHARE of TEXT's
    letters: the pipeline reads Chinese articles, and an English page has none of its metrics."""
    letters, han = _count_letters_and_han(text)
    if not letters or han / letters < MIN_CHINESE_SHARE:
        raise Unreadable("not_chinese", f"article text is not Chinese ({han} Chinese characters "
                                        f"of {letters} letters)")


@lru_cache(maxsize=None)
def _is_letter_bmp() -> np.ndarray:
    return np.array([chr(c).isalpha() for c in range(0x10000)], dtype=bool)


def _count_letters_and_han(text: str) -> tuple[int, int]:
    """How many characters of TEXT are letters (str.isalpha) and how many Chinese, counted on its
    code points in numpy passes: a Python loop over every character of every article was a stage's
    worth of time, and removing the Chinese characters with a regex copied the text."""
    points = np.frombuffer(text.encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32)
    bmp = points < 0x10000
    astral = points[~bmp].tolist()
    letters = int(np.count_nonzero(_is_letter_bmp()[points[bmp]])) + sum(chr(c).isalpha() for c in astral)
    han = sum(int(np.count_nonzero((points >= first) & (points <= last))) for first, last in _HAN_RANGES)
    return letters, han


def _codec_name(label: str) -> str | None:
    label = label.lower().replace("-", "_")
    if label in ("gb2312", "gbk", "gb18030", "cp936", "x_gbk", "euc_cn"):
        return "gb18030"  # a superset: GBK and GB2312 pages often use its extra characters
    if label in ("big5", "big5hkscs", "cp950", "big5_hkscs"):
        return "big5hkscs"
    try:
        return codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None


_TEXT_BYTES = bytes(b for b in range(256) if b >= 0x20 or b in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))


def _control_ratio(raw: bytes) -> float:
    """Share of C0 control bytes (other than tab, line and page breaks, ESC) in the first 64 KiB;
    counted by deleting every other byte (bytes.translate) instead of a Python loop per byte."""
    sample = raw[:65536]
    return len(sample.translate(None, _TEXT_BYTES)) / len(sample)


def _finish(text: str, codec: str) -> tuple[str, str]:
    """Drop NUL and other C0 control characters (they carry no text) without shifting offsets
    wrongly: the result is the text all later offsets refer to."""
    text = _CONTROL.sub("", text)
    if not text.strip():
        raise Unreadable("empty", "no text after decoding")
    return text, codec


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def text_segments(text: str) -> tuple[Segment, ...]:
    """One segment per line of a plain-text file (line breaks \\n, \\r\\n or \\r). Every \\r made a
    \\n keeps the offsets, and \\r\\n only adds an empty line: str.split then finds the lines,
    faster than a regex."""
    segments, start = [], 0
    for line in text.replace("\r", "\n").split("\n"):
        if line:
            segments.append(Segment(line, start))
        start += len(line) + 1
    return tuple(segments)


def read_document(path: Path, root: Path, raw: bytes) -> RawDocument:
    """Decode one file's bytes into a RawDocument (text files line by line, HTML through
    its main-content extractor)."""
    kind = content_type_of(path)
    source = relative_path(path, root)
    if kind == "txt":
        text, codec = decode(raw)
        return RawDocument(doc_id_of(raw), source, kind, codec, text, text_segments(text))
    declared = _META_CHARSET.search(raw[:4096])
    text, codec = decode(raw, declared.group(1).decode("ascii") if declared else None)
    return html_document(doc_id_of(raw), source, codec, text)


# --- HTML -----------------------------------------------------------------------------

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
               "table", "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre",
               "dd", "dt", "dl", "form", "hr", "main", "figure", "figcaption", "title", "body", "html"}


class _VisibleText(HTMLParser):
    """Collects the page's visible text with, for every character, its span in the raw HTML.
    Text is kept as whole pieces, each with the span of its first character; `offsets` spreads
    them to every character in numpy passes. A Python step per character, and then a Python int
    per character, made this the slowest part of reading a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", html)]
        self.pieces: list[str] = []
        self.unlinked: list[str] = []  # the same pieces with text inside an <a> element blanked
        # per piece: where its first character starts and ends in the raw HTML, and how far each
        # next character moves on (1 in text, 0 in an entity reference)
        self.first_starts: list[int] = []
        self.first_ends: list[int] = []
        self.steps: list[int] = []
        self.skip_depth = 0
        self.link_depth = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _add(self, text: str, start: int, end: int, step: int, linked: bool):
        self.pieces.append(text)
        self.unlinked.append(" " * len(text) if linked else text)
        self.first_starts.append(start)
        self.first_ends.append(end)
        self.steps.append(step)

    def offsets(self) -> tuple[np.ndarray, np.ndarray]:
        """Every character's raw start and end, spread from its piece's in numpy passes."""
        lengths = np.fromiter(map(len, self.pieces), dtype=np.int64, count=len(self.pieces))
        within = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        moved = within * np.repeat(np.array(self.steps, dtype=np.int64), lengths)
        return (np.repeat(np.array(self.first_starts, dtype=np.int64), lengths) + moved,
                np.repeat(np.array(self.first_ends, dtype=np.int64), lengths) + moved)

    def _break(self):
        if self.pieces and self.pieces[-1][-1] != "\n":
            pos = self._offset()
            self._add("\n", pos, pos, 0, False)

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag == "a":
            self.link_depth += 1
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "a":
            self.link_depth = max(0, self.link_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.link_depth = 0  # an <a> left open does not swallow the rest of the page
            self._break()

    def handle_data(self, data):
        if self.skip_depth or not data:
            return
        start = self._offset()
        self._add(data, start, start + 1, 1, self.link_depth > 0)

    def _reference(self, text: str, written: str):
        """TEXT stands for the reference WRITTEN up to its name's end (&amp, &#38) and the ';' after
        it, if there is one."""
        if self.skip_depth or not text:
            return
        start = self._offset()
        end = start + len(written)
        if self.html.startswith(";", end):
            end += 1
        self._add(text, start, end, 0, self.link_depth > 0)

    def handle_entityref(self, name):
        from html import unescape
        self._reference(unescape(f"&{name};"), f"&{name}")

    def handle_charref(self, name):
        from html import unescape
        self._reference(unescape(f"&#{name};"), f"&#{name}")


def visible_lines(html: str) -> list[Segment]:
    """The page's visible text as segments, one per block-level line, with raw offsets."""
    return _visible_lines(html)[0]


def _visible_lines(html: str) -> tuple[list[Segment], list[bool]]:
    """visible_lines and, per line, whether all its text is link text (a menu or link-list entry)."""
    parser = _VisibleText(html)
    parser.feed(html)
    parser.close()
    text, unlinked = "".join(parser.pieces), "".join(parser.unlinked)
    starts, ends = parser.offsets()
    lines, link_only = [], []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            i = m.start() + len(line) - len(line.lstrip())
            j = i + len(stripped)
            lines.append(Segment(stripped, int(starts[i]), array("q", starts[i:j].tobytes()),
                                 array("q", ends[i:j].tobytes())))
            link_only.append(unlinked[i:j].isspace())
    return lines, link_only


def html_document(doc_id: str, source: str, codec: str, html: str) -> RawDocument:
    """Keep the lines of the page that its main-content extractor (trafilatura) returns as
    article text, located in the raw HTML; page title, date and site name come from its metadata.
    A line that is all link text (menus, related-article lists) is never article text."""
    import trafilatura

    lines, link_only = _visible_lines(html)
    lines = [ln for ln, linked in zip(lines, link_only) if not linked]
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=True, favor_recall=True)
    body = extracted.text if extracted is not None and extracted.text else ""
    keep = _locate_lines(lines, body)
    return RawDocument(
        doc_id, source, "html", codec, html, tuple(keep),
        html_title=getattr(extracted, "title", None) if extracted is not None else None,
        html_date=getattr(extracted, "date", None) if extracted is not None else None,
        html_sitename=getattr(extracted, "sitename", None) if extracted is not None else None,
    )


_WS = re.compile(r"\s+")


def _locate_lines(lines: list[Segment], body: str) -> list[Segment]:
    """The visible lines that hold the extractor's text, in page order. The extractor may give a
    line out of page order (trafilatura appends a date and source line found above the article):
    one not found after the last line kept is looked for among the lines before it."""
    wanted = [_WS.sub("", ln) for ln in body.splitlines() if ln.strip()]
    if not wanted:
        return []
    keys = [_WS.sub("", ln.text) for ln in lines]
    kept: set[int] = set()
    cursor = 0
    for piece in wanted:
        for k in chain(range(cursor, len(lines)), range(cursor)):
            if k not in kept and keys[k] and (piece == keys[k] or piece in keys[k] or keys[k] in piece):
                kept.add(k)  # never twice; each search starts after the last line kept
                cursor = max(cursor, k + 1)
                break
    return [lines[k] for k in sorted(kept)]
