"""Write README.md's "## Query the data" section: five questions answered against outputs/.

    .venv/bin/python scripts/query_examples.py [--outputs outputs] [--cli PATH_TO_DUCKDB_CLI]

Each question's SQL is run in the DuckDB CLI (when --cli is given; else through the Python client,
which prints the same table) and its pandas code is executed, so the outputs pasted into the README
are real. The R code cannot run here (R is not installed) and is written out as is.
Only the README section from "## Query the data" to the next "## " heading is replaced.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
HEADING = "## Query the data"

PANDAS_SETUP = """\
import pandas as pd
pd.set_option("display.width", 250, "display.max_columns", 20, "display.max_colwidth", 80,
              "display.float_format", "{:.10g}".format)
m = pd.read_parquet("outputs/metrics.parquet")
regions = pd.read_parquet("outputs/regions.parquet")[["region_code", "name", "parent_code"]]
m = m.merge(regions, on="region_code", how="left")          # region names and parents
liaocheng = m["region_code"].eq("371500") | m["parent_code"].eq("371500")   # the city and its counties
"""

R_SETUP = """\
library(arrow)    # or: library(nanoparquet) and nanoparquet::read_parquet(), same calls below
library(dplyr)
m <- read_parquet("outputs/metrics.parquet")
regions <- read_parquet("outputs/regions.parquet") |> select(region_code, name, parent_code)
m <- m |> left_join(regions, by = "region_code")
liaocheng <- function(d) filter(d, region_code == "371500" | parent_code %in% "371500")
# or through DuckDB (install.packages("duckdb")): the same SQL as above
con <- DBI::dbConnect(duckdb::duckdb(), "outputs/regional_industry.duckdb", read_only = TRUE)
"""

QUESTIONS = [
    {
        "title": "Which regions report 专精特新 enterprise counts, and how many?",
        "sql": """\
SELECT region_name, indicator_text, value, count_noun, published_date
FROM metrics_enriched
WHERE indicator_text LIKE '%专精特新%' AND measure = 'count'
ORDER BY region_code, value DESC;""",
        "pandas": """\
srdi = m[m["indicator_text"].str.contains("专精特新", na=False) & m["measure"].eq("count")]
print(srdi[["name", "indicator_text", "value", "count_noun"]].sort_values(["name", "value"], ascending=[True, False]).to_string(index=False))""",
        "r": """\
m |> filter(grepl("专精特新", indicator_text), measure == "count") |>
  select(name, indicator_text, value, count_noun) |> arrange(name, desc(value))""",
    },
    {
        "title": "All year-on-year growth figures of Liaocheng and its counties",
        "sql": """\
SELECT region_name, indicator_text, value AS percent, period_start, period_end
FROM metrics_enriched
WHERE city_code = '371500' AND measure = 'growth_rate' AND comparison = 'yoy'
ORDER BY region_code, period_end, indicator_text;""",
        "pandas": """\
yoy = m[liaocheng & m["measure"].eq("growth_rate") & m["comparison"].eq("yoy")]
print(yoy[["name", "indicator_text", "value", "period_start", "period_end"]].sort_values(["name", "period_end"]).to_string(index=False))""",
        "r": """\
m |> liaocheng() |> filter(measure == "growth_rate", comparison == "yoy") |>
  select(name, indicator_text, value, period_start, period_end) |> arrange(name, period_end)""",
    },
    {
        "title": "Liaocheng's targets for 2024",
        "sql": """\
SELECT region_name, indicator_text, value_text, value, unit, qualifier
FROM metrics_enriched
WHERE city_code = '371500' AND status = 'target' AND year(period_end) = 2024
ORDER BY doc_id, metric_id;""",
        "pandas": """\
targets = m[liaocheng & m["status"].eq("target") & (pd.to_datetime(m["period_end"]).dt.year == 2024)]
print(targets[["name", "indicator_text", "value_text", "value", "unit", "qualifier"]].to_string(index=False))""",
        "r": """\
m |> liaocheng() |> filter(status == "target", format(period_end, "%Y") == "2024") |>
  select(name, indicator_text, value_text, value, unit, qualifier)""",
    },
    {
        "title": "Liaocheng and Qingdao's West Coast New Area (黄岛区) side by side, for the indicators both report",
        "note": "Latest actual value of each; a row per industry breakdown, so an empty side means that region "
                "reports the indicator for another industry (or for the whole economy) only.",
        "sql": """\
PIVOT (
    SELECT indicator, industry, measure, unit, region_name, value
    FROM latest_by_region
    WHERE region_code IN ('371500', '370211')
      AND indicator IN (SELECT indicator FROM latest_by_region WHERE region_code = '371500'
                        INTERSECT
                        SELECT indicator FROM latest_by_region WHERE region_code = '370211')
) ON region_name IN ('聊城市', '黄岛区') USING first(value)
GROUP BY indicator, industry, measure, unit
ORDER BY indicator, industry;""",
        "pandas": """\
actual = m[m["status"].eq("actual") & m["indicator"].notna() & m["region_code"].isin(["371500", "370211"])]
key = ["region_code", "indicator", "industry", "measure", "comparison", "unit"]
latest = (actual.assign(industry=actual["industry"].fillna("-"))
          .sort_values(["period_end", "doc_id", "metric_id"], na_position="first")
          .groupby(key, observed=True).tail(1))              # latest period per region and key
both = set(latest.loc[latest.region_code.eq("371500"), "indicator"]) & set(latest.loc[latest.region_code.eq("370211"), "indicator"])
wide = latest[latest["indicator"].isin(both)].pivot_table(
    index=["indicator", "industry", "measure", "unit"], columns="name", values="value", aggfunc="first", observed=True)
print(wide.to_string())""",
        "r": """\
latest <- m |> filter(status == "actual", !is.na(indicator), region_code %in% c("371500", "370211")) |>
  group_by(region_code, indicator, industry, measure, comparison, unit) |>
  slice_max(period_end, n = 1, with_ties = FALSE) |> ungroup()
both <- intersect(latest$indicator[latest$region_code == "371500"], latest$indicator[latest$region_code == "370211"])
latest |> filter(indicator %in% both) |> select(indicator, industry, measure, unit, name, value) |>
  tidyr::pivot_wider(names_from = name, values_from = value) |> arrange(indicator, industry)""",
    },
    {
        "title": "Every figure about the bearing industry (轴承), with its evidence sentence",
        "sql": """\
SELECT region_name, indicator_text, value_text, evidence
FROM metrics_enriched
WHERE industry = 'bearings'
ORDER BY doc_id, metric_id;""",
        "pandas": """\
bearings = m[m["industry"].eq("bearings")]
print(bearings[["name", "indicator_text", "value_text", "evidence"]].to_string(index=False))""",
        "r": """\
m |> filter(industry == "bearings") |> select(name, indicator_text, value_text, evidence)""",
    },
]

INTRO = """\
`make all` also writes `outputs/regional_industry.duckdb`: every table above plus views that
compare regions. The tables are stored inside the file, so it can be copied and opened from
anywhere, and it is written in DuckDB's v1.0.0 storage format, so DuckDB 1.x clients (R's
`duckdb` package, the CLI, DBeaver) open it as well as DuckDB 2.0. What every column means, in
which unit, and which Chinese words each code comes from: [docs/data-dictionary.md](docs/data-dictionary.md)
(regenerate with `make docs`).

| view | one row per | use it for |
|---|---|---|
| `metrics_enriched` | metric | every figure with region name, level, city and province, indicator label (English), industry, source file and evidence sentence |
| `region_comparison` | indicator × measure × period (and industry, comparison, unit, status) | the regions' values side by side, one column per region (`聊城市_value`, `聊城市_doc_id`, `聊城市_sentence_id` …) |
| `region_comparison_long` | the same key × region | the same in long form, for filtering and plotting |
| `latest_by_region` | region × indicator × measure (and industry, comparison) | the latest actual value |
| `targets_vs_actuals` | target | each target next to the actual reported later for the same region, indicator and period, with the gap |
| `city_rollup` | city × indicator × period | county counts and amounts summed to their city, with how many counties contributed (rates are never summed) |
| `unmapped_phrases` | indicator phrase without a code | what to add to `pipeline/data/indicators.csv` next |

### From a fresh clone to an answer in the DuckDB CLI

    git clone <this repository> && cd <it>
    make all                                    # .venv, the pipeline on seeds/ → outputs/
    .venv/bin/pip install duckdb-cli            # the DuckDB CLI from PyPI (or: brew install duckdb)
    .venv/bin/duckdb -readonly outputs/regional_industry.duckdb

and at the `D` prompt type any query below (end it with `;`), `.tables` to list the tables and
views, `.quit` to leave. Without the CLI, the Python client in `.venv` runs the same SQL:

    .venv/bin/python -c "import duckdb; duckdb.connect('outputs/regional_industry.duckdb', read_only=True).sql(\\"SELECT * FROM latest_by_region LIMIT 5\\").show()"

In Python (`import duckdb; con = duckdb.connect("outputs/regional_industry.duckdb", read_only=True)`)
every query below is `con.sql(\"\"\"…\"\"\").show()`, or `.df()` for a pandas DataFrame. In R,
`DBI::dbGetQuery(con, "…")` with the `con` of the R setup below.

The pandas and R examples read the Parquet files instead (categoricals arrive as `category` in
pandas and factors in R; dates as dates). Setup used by every example:

```python
{pandas_setup}```

```r
{r_setup}```

Outputs below are from the seeds (`make all`), pasted from real runs{cli_note}.
"""


def run_sql(outputs: Path, sql: str, cli: str | None) -> str:
    if cli:
        done = subprocess.run([cli, "-readonly", str(outputs / "regional_industry.duckdb"), "-c", sql],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        return done.stdout.rstrip()
    con = duckdb.connect(str(outputs / "regional_industry.duckdb"), read_only=True)
    try:
        return str(con.sql(sql)).rstrip()
    finally:
        con.close()


def run_pandas(outputs: Path, code: str) -> str:
    setup = PANDAS_SETUP.replace('"outputs/', f'"{outputs}/')
    buffer = io.StringIO()
    namespace: dict = {}
    with contextlib.redirect_stdout(buffer):
        exec(setup, namespace)  # noqa: S102 - our own example code, run to paste its real output
        exec(code, namespace)  # noqa: S102
    return buffer.getvalue().rstrip()


def render(outputs: Path, cli: str | None) -> str:
    cli_note = " (SQL output from the DuckDB CLI)" if cli else " (SQL output from the Python client)"
    parts = [HEADING, "", INTRO.format(pandas_setup=PANDAS_SETUP, r_setup=R_SETUP, cli_note=cli_note)]
    for i, q in enumerate(QUESTIONS, 1):
        parts += [f"### {i}. {q['title']}", ""] + ([q["note"], ""] if q.get("note") else []) + [
                  "DuckDB SQL (CLI, or `con.sql(...)` in Python, or `DBI::dbGetQuery(con, ...)` in R):", "",
                  "```sql", q["sql"], "```", "", "```text", run_sql(outputs, q["sql"], cli), "```", "",
                  "pandas:", "", "```python", q["pandas"], "```", "", "```text", run_pandas(outputs, q["pandas"]),
                  "```", "", "R (arrow or nanoparquet + dplyr):", "", "```r", q["r"], "```", ""]
    return "\n".join(parts).rstrip() + "\n"


def replace_section(readme: str, section: str) -> str:
    if HEADING not in readme:
        return readme.rstrip() + "\n\n" + section
    before, rest = readme.split(HEADING, 1)
    after = ""
    for line_start in range(len(rest)):
        if rest.startswith("\n## ", line_start):
            after = rest[line_start + 1:]
            break
    return before + section + ("\n" + after if after else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outputs", type=Path, default=Path("outputs"))
    parser.add_argument("--cli", help="path of a DuckDB CLI to run the SQL with")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)
    pd.set_option("display.width", 250)
    section = render(args.outputs, args.cli)
    args.readme.write_text(replace_section(args.readme.read_text(encoding="utf-8"), section), encoding="utf-8")
    print(f"wrote {HEADING!r} in {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
