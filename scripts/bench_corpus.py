#!/usr/bin/env python3
"""Generate a realistic benchmark corpus from the seed articles.

usage: bench_corpus.py OUT_DIR [--docs N] [--seeds DIR] [--jsonl FILE] [--html-share F]

Each document is built from the seeds' own lines: a page head (site chrome, headline, date line),
a body of paragraphs drawn from seeds in the same script (traditional with pinyin readings, or
simplified), and a footer. Figures in the body are perturbed and every footer carries the
document's number, so every document has distinct bytes (identical files would be deduplicated
and not measure anything). Sizes follow a log-normal around the seeds' (median ≈ 7 KB).
Most documents are UTF-8 .txt; a share are HTML pages and a few are GB18030-encoded.
The same corpus is reproducible from (seeds, N): document i depends only on i.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
from html import escape
from pathlib import Path

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_PROSE_END = re.compile(r"[。！？；]$")


def load_seeds(seed_dir: Path) -> dict[str, list[str]]:
    """Body paragraphs by script: lines of 40+ characters that end a sentence."""
    pools: dict[str, list[str]] = {"traditional": [], "simplified": []}
    for path in sorted(seed_dir.glob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        script = "traditional" if "(" in text and re.search(r"\([a-zāáǎà-ǜ]+\)", text) else "simplified"
        for line in text.splitlines():
            line = line.strip()
            if len(line) >= 40 and _PROSE_END.search(line):
                pools[script].append(line)
    return {k: v for k, v in pools.items() if v}


def perturb(line: str, rng: random.Random) -> str:
    """Change about a third of the figures so documents differ, keeping their shape."""
    def repl(m: re.Match) -> str:
        s = m.group()
        if rng.random() > 0.35 or (len(s) == 4 and s.startswith("20")):  # leave years alone
            return s
        out = "".join(str(rng.randint(1 if i == 0 else 0, 9)) if c.isdigit() else c for i, c in enumerate(s))
        return out
    return _DIGITS.sub(repl, line)


HEAD = {
    "traditional": ["聊城新聞網(wǎng)", "首頁(yè) > 新聞中心 > 產(chǎn)業(yè)經(jīng)濟(jì)", "{title}",
                    "來(lái)源:聊城日報(bào) 日期:{date}", "字號(hào):大 中 小"],
    "simplified": ["信网-青岛财经生活服务门户", "首页 > 新闻中心 > 产业经济", "{title}",
                   "{date} 信网", "阅读:"],
}
FOOT = {
    "traditional": ["責(zé)任編輯:劉飛 稿件編號(hào):{n}", "相關(guān)文章推薦:",
                    "Copyright © 2024 聊城新聞網(wǎng) 版權(quán)所有 魯ICP備09083931號(hào)"],
    "simplified": ["责任编辑：王强 稿件编号：{n}", "相关阅读：",
                   "Copyright © 2024 信网 版权所有 鲁ICP备09083931号"],
}


def document(i: int, pools: dict[str, list[str]], html_share: float) -> tuple[str, bytes]:
    """(relative path, bytes) of document i."""
    rng = random.Random(i)
    script = rng.choice(sorted(pools))
    pool = pools[script]
    target = min(40_000, max(1_500, int(rng.lognormvariate(math.log(7_000), 0.6))))
    body, size = [], 0
    while size < target:
        line = perturb(rng.choice(pool), rng)
        body.append(line)
        size += len(line.encode("utf-8"))
    title = re.split(r"[，,。]", body[0])[0][:28]
    date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    head = [h.format(title=title, date=date) for h in HEAD[script]]
    foot = [f.format(n=f"{i:07d}") for f in FOOT[script]]
    folder = f"{i // 1000:03d}"
    kind = rng.random()
    if kind < html_share:
        page = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\">", f"<title>{escape(title)}</title>",
                "</head><body>", "<div class=\"nav\">" + "".join(f"<a href=\"#\">{escape(h)}</a>" for h in head[:2]) + "</div>",
                "<div class=\"article\">", f"<h1>{escape(title)}</h1>", f"<div class=\"info\">{escape(head[3])}</div>"]
        page += [f"<p>{escape(line)}</p>" for line in body]
        page += ["</div>", "<div class=\"footer\">" + "".join(f"<p>{escape(f)}</p>" for f in foot) + "</div>",
                 "</body></html>"]
        return f"{folder}/{i:07d}.html", "\n".join(page).encode("utf-8")
    text = "\n".join(head + body + foot) + "\n"
    if kind > 0.97 and script == "simplified":
        return f"{folder}/{i:07d}.txt", text.encode("gb18030")
    return f"{folder}/{i:07d}.txt", text.encode("utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parent.parent / "seeds")
    parser.add_argument("--html-share", type=float, default=0.1)
    parser.add_argument("--jsonl", action="store_true",
                        help="write OUT as one JSON Lines file (id, text or html, url) instead of a folder")
    args = parser.parse_args(argv)
    pools = load_seeds(args.seeds)
    total = 0
    if args.jsonl:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as fh:
            for i in range(args.docs):
                rel, raw = document(i, pools, args.html_share)
                text = raw.decode("gb18030" if raw[:3] != b"<!D" and not _is_utf8(raw) else "utf-8")
                key = "html" if rel.endswith(".html") else "text"
                fh.write(json.dumps({"id": Path(rel).stem, key: text,  # ids may not hold a slash
                                     "url": f"https://example.invalid/{rel}"}, ensure_ascii=False) + "\n")
                total += len(raw)
    else:
        for i in range(args.docs):
            rel, raw = document(i, pools, args.html_share)
            path = args.out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(raw)
            total += len(raw)
    print(f"corpus {args.out}: {args.docs} documents, {total / 1e6:.1f} MB")


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


if __name__ == "__main__":
    main()
