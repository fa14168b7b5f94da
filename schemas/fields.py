"""The field registry: every column of every table is described here, once.

Pandera schemas, the Parquet (pyarrow) schemas with their field descriptions and the
data dictionary in docs/ are all generated from this module, so a column's meaning,
type and checks cannot drift apart between them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Closed vocabularies: the value and the Chinese words it comes from (for the data dictionary).
VOCABULARIES: dict[str, dict[str, str]] = {
    "script": {
        "simplified": "简体 text",
        "traditional": "繁體 text (converted to simplified in sentences)",
        "mixed": "both scripts in substantial amounts",
    },
    "date_basis": {
        "explicit": "a full date stated on the page (日期:2022-08-10, 2021/01/14 15:48)",
        "inferred": "month-day of the lead (6月7日) with the year from the lead, footer or text",
        "none": "no date could be found",
    },
    "content_type": {"txt": "plain text file", "html": "HTML page (main content extracted)"},
    "measure": {
        "level": "an amount: money, weight, area, energy (投资2.1亿元, 1600万吨)",
        "count": "a number of things: enterprises, projects, platforms (企业5家, 项目221个)",
        "growth_rate": "percent change of a quantity (增长7.5%, 下降3%, 减少20%)",
        "share": "a part of a whole or a rate (占…比重27.3%, 覆盖率90%)",
        "pp_change": "change in percentage points (提高0.6个百分点)",
        "rank": "a position in a ranking (位居全省第3位, 首位)",
    },
    "comparison": {
        "yoy": "year on year (同比, 比上年, 比去年同期)",
        "avg_annual": "average annual (年均)",
        "none": "no comparison stated",
    },
    "qualifier": {
        "exact": "the figure as stated",
        "approx": "约, 左右, 大约",
        "at_least": "以上, 不低于, 不少于",
        "more_than": "余, 多, 超, 超过, 突破",
        "at_most": "以内, 以下, 不超过, 不到",
        "nearly": "近, 将近, 接近",
    },
    "status": {
        "actual": "reported as achieved",
        "target": "a goal (力争, 确保, 争创, 目标, 计划, 将)",
        "expected": "a forecast (预计, 有望)",
    },
    "region_level": {
        "country": "the whole country (100000)",
        "province": "省, 自治区, 直辖市, 特别行政区",
        "prefecture": "地级市, 地区, 自治州, 盟",
        "county": "县, 县级市, 市辖区, 旗, and the like",
    },
    "stage": {
        "ingest": "reading and decoding a file",
        "clean": "cleaning text into sentences",
        "extract": "extracting metrics",
        "validate": "schema checks at the write boundary",
    },
}


@dataclass(frozen=True)
class Field:
    dtype: str  # one of: string, category, int32, int64, float64, bool, date
    description: str
    nullable: bool = False
    unit: str | None = None
    vocabulary: str | None = None  # key of VOCABULARIES; values outside it fail validation
    pattern: str | None = None  # full-match regex for strings
    min_value: float | None = None
    max_value: float | None = None


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    columns: tuple[str, ...]
    primary_key: tuple[str, ...]
    sort_by: tuple[str, ...] = field(default=())
    nullable_here: tuple[str, ...] = field(default=())  # columns nullable in this table only

    @property
    def order(self) -> tuple[str, ...]:
        return self.sort_by or self.primary_key


REGION_CODE = r"\d{6}"

FIELDS: dict[str, Field] = {
    # documents
    "doc_id": Field("string", "Stable document id: first 16 hex digits of the SHA-256 of the file's bytes.",
                    pattern=r"[0-9a-f]{16}"),
    "source_path": Field("string", "Path of the input file, relative to the input folder, with / separators."),
    "content_type": Field("category", "How the file was read.", vocabulary="content_type"),
    "encoding": Field("category", "Character encoding the bytes were decoded with (after detection)."),
    "n_chars": Field("int64", "Length of the decoded raw text, in characters.", min_value=0, unit="characters"),
    "source_name": Field("string", "Publishing site or outlet (聊城新闻网, 信网), from the page's source line, "
                                   "copyright footer or masthead.", nullable=True),
    "title": Field("string", "Headline of the article: the HTML title, the line above the date line, or "
                   "a plain-text article's first line when it heads the prose.", nullable=True),
    "published_date": Field("date", "Publication date of the article.", nullable=True),
    "date_basis": Field("category", "How published_date was found.", vocabulary="date_basis"),
    "script": Field("category", "Script of the raw text.", vocabulary="script"),
    "region_code": Field("string", "GB/T 2260 code of the region the row is about (100000 = whole country).",
                         nullable=True, pattern=REGION_CODE),
    "n_sentences": Field("int32", "Number of article sentences kept after cleaning.", min_value=0),
    # sentences
    "sentence_id": Field("int32", "Position of the sentence in its document's body, from 0.", min_value=0),
    "paragraph_id": Field("int32", "Position of the sentence's paragraph (line) in the body, from 0.", min_value=0),
    "text": Field("string", "Sentence in simplified script: pinyin readings and site chrome removed, "
                            "digits, letters, % and brackets half-width, Chinese punctuation full-width. A run of "
                            "over 2,000 characters without a full stop (a table in one line) is cut into pieces."),
    "is_heading": Field("bool", "True for a short line without closing punctuation (a subheading); "
                                "figures in headings are not extracted."),
    "raw_start": Field("int64", "Start of the sentence in the decoded raw text, in characters.", min_value=0),
    "raw_end": Field("int64", "End (exclusive) of the sentence in the decoded raw text, in characters.", min_value=0),
    # metrics
    "metric_id": Field("int32", "Position of the metric in its document, from 0 (in sentence and text order).",
                       min_value=0),
    "evidence": Field("string", "The cleaned sentence the figure was read from."),
    "value_text": Field("string", "The exact number-with-unit substring of the evidence (15.62%, 1500余亩, 737.4亿元)."),
    "char_start": Field("int32", "Start of value_text in evidence, in characters.", min_value=0),
    "value": Field("float64", "The figure in the base unit (亿元 → CNY × 1e8; 万吨 → t × 1e4); for a range, its low end; "
                              "decreases are negative growth rates."),
    "value_low": Field("float64", "Lower end of the figure (equal to value when exact; null when unbounded below).",
                       nullable=True),
    "value_high": Field("float64", "Upper end of the figure (equal to value when exact; null when unbounded above).",
                        nullable=True),
    "qualifier": Field("category", "How the stated figure bounds the true one.", vocabulary="qualifier"),
    "unit": Field("category", "Base unit: percent, pp, CNY (other currencies by ISO code), t, m2, mu, kWh, count, "
                              "rank, or another short SI-style code; a rate per unit is X_per_Y (CNY_per_mu).",
                  pattern=r"[A-Za-z][A-Za-z0-9_]{0,11}"),
    "count_noun": Field("string", "Measure word of a count (家, 个, 项, 条, 辆, 头 …).", nullable=True),
    "measure": Field("category", "What kind of quantity the figure is.", vocabulary="measure"),
    "comparison": Field("category", "What the figure is compared with.", vocabulary="comparison"),
    "indicator_text": Field("string", "The Chinese phrase that names what is measured (规上工业增加值).", nullable=True),
    "indicator": Field("string", "Canonical indicator code from the indicators reference table, or null.",
                       nullable=True),
    "subject": Field("string", "Whose figure it is: a region's aggregate, an industry, a named company or project.",
                     nullable=True),
    "industry": Field("string", "Canonical industry code from the industries reference table, or null.",
                      nullable=True),
    "period_start": Field("date", "First day of the period the figure covers (null for a stock stated as of a date).",
                          nullable=True),
    "period_end": Field("date", "Last day of the period the figure covers.", nullable=True),
    "status": Field("category", "Achieved, aimed at, or forecast.", vocabulary="status"),
    # regions (reference)
    "name": Field("string", "Full official name of the region (聊城市, 茌平区)."),
    "short_name": Field("string", "Name without its administrative suffix, as the press writes it (聊城, 临清; 莘县 stays)."),
    "level": Field("category", "Administrative level of the region.", vocabulary="region_level"),
    "parent_code": Field("string", "GB/T 2260 code of the region one level up (counties of municipalities and "
                                   "province-administered cities hang under the province); null for the country.",
                         nullable=True, pattern=REGION_CODE),
    "aliases": Field("string", "Other names that mean this region, separated by a vertical bar: former names (茌平县), development "
                             "zones without a code of their own (聊城高新区) (pipeline/data/region_aliases.csv).",
                     nullable=True),
    "ambiguous_names": Field("string", "Those of the region's names that other regions share too (朝阳), separated by a vertical bar; "
                                     "the context stage resolves them by the article's province and city.",
                             nullable=True),
    # indicators and industries (reference)
    "code": Field("string", "Canonical code of the vocabulary entry (snake_case English).", pattern=r"[a-z0-9_]+"),
    "name_zh": Field("string", "Chinese name of the entry."),
    "synonyms": Field("string", "Chinese phrases that map onto the code, separated by a vertical bar (规上工业增加值, 规模以上工业增加值); "
                                "of those found in indicator_text, an indicator's is the one that ends last (its head; a "
                                "generic head such as 企业 yields to the phrase before it), an industry's the longest.",
                      nullable=True),
    "label_en": Field("string", "English label of the entry."),
    # duplicates
    "duplicate_of": Field("string", "source_path of the first file (in path order) with the same bytes."),
    # rejects
    "stage": Field("category", "Stage that rejected the input.", vocabulary="stage"),
    "table": Field("string", "Table the rejected row was meant for, or null for a whole file.", nullable=True),
    "check": Field("string", "Name of the failed check, or the kind of read failure.", nullable=True),
    "reason": Field("string", "One-line human-readable reason."),
    "row": Field("string", "The rejected row as JSON (validation rejects), or null.", nullable=True),
}

TABLES: dict[str, Table] = {
    "documents": Table(
        "documents", "one row per distinct input file that could be read",
        ("doc_id", "source_path", "content_type", "encoding", "n_chars", "source_name", "title",
         "published_date", "date_basis", "script", "region_code", "n_sentences"),
        primary_key=("doc_id",), sort_by=("source_path",)),
    "sentences": Table(
        "sentences", "one row per sentence of article body",
        ("doc_id", "sentence_id", "paragraph_id", "text", "is_heading", "raw_start", "raw_end"),
        primary_key=("doc_id", "sentence_id")),
    "metrics": Table(
        "metrics", "one row per quantitative statement in an article sentence",
        ("doc_id", "metric_id", "sentence_id", "evidence", "value_text", "char_start", "value", "value_low",
         "value_high", "qualifier", "unit", "count_noun", "measure", "comparison", "indicator_text", "indicator",
         "subject", "region_code", "industry", "period_start", "period_end", "status"),
        primary_key=("doc_id", "metric_id")),
    "duplicates": Table(
        "duplicates", "one row per input file whose bytes repeat an earlier file",
        ("source_path", "doc_id", "duplicate_of"),
        primary_key=("source_path",)),
    "regions": Table(
        "regions", "one row per administrative division (GB/T 2260, down to county level) and the country",
        ("region_code", "name", "short_name", "level", "parent_code", "aliases", "ambiguous_names"),
        primary_key=("region_code",)),
    "indicators": Table(
        "indicators", "one row per canonical indicator of regional statistics",
        ("code", "name_zh", "synonyms", "label_en", "measure", "unit"),
        primary_key=("code",)),
    "industries": Table(
        "industries", "one row per canonical industrial sector",
        ("code", "name_zh", "synonyms", "label_en"),
        primary_key=("code",)),
    "rejects": Table(
        "rejects", "one row per input file or table row that could not be used, with the reason",
        ("source_path", "doc_id", "stage", "table", "check", "reason", "row"),
        primary_key=(), sort_by=("source_path", "stage", "table", "check", "row"),
        nullable_here=("doc_id",)),
}
