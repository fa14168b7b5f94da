"""Held-out articles for the context stage: other provinces, sites and sectors than the seeds.

Written before the context rules were tuned on them, so region, period, status and indicator are
checked on phrasing the rules were not built from. Each article runs through the real pipeline
(`pipeline.run.process_file`: ingest → clean → extract → resolve) with an explicit date line, so
the publication date is under the test's control.

Expectations where the SPEC leaves room (documented in the data files too):
- 两江新区 has a code of its own in the division data (500157); a figure of the zone takes it.
- 宁波舟山港 is one port spanning 宁波 and 舟山; its figures are 浙江's (region_aliases.csv), and so
  is an article about it, even in 宁波日报 (宁波港域 alone is 宁波's).
- A paragraph without a time expression continues the period of the article so far
  (其中…, a county's figure under a 一季度 lead) — unless it is a target or a stock.
- 同期 alone is the period just stated; 去年同期 as a time of its own is the same part of last
  year; 较去年同期/比去年同期 is only the base of a growth rate, whose period is the current one.
- A scope (高于全省, 位居全省第2位, 占全省的) does not make the province the figure's region.
"""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline import reference
from pipeline.run import process_file

ARTICLES = {
    "suzhou_bulletin": """苏州市5月份经济运行情况
2023-06-20 09:30 来源：苏州市统计局
1—5月，全市规模以上工业增加值同比增长3.5%。全市实现社会消费品零售总额3650.2亿元，同比增长10.1%。外贸进出口总值9458.6亿元，同比下降6.2%。一般公共预算收入1223.5亿元，同比增长12.9%。
""",
    "liangjiang_autos": """两江新区汽车产业产值突破2000亿元
2024-01-18 来源：两江新区管委会
2023年，两江新区汽车产量达到105.6万辆，同比增长12.3%，其中新能源汽车产量28.4万辆。
新区汽车产业实现产值2100亿元，占全区规上工业总产值的45%。
""",
    "hefei_nev": """合肥新能源汽车产量突破70万辆
2024-02-05 来源：合肥日报
记者从市经信局获悉，2023年全市新能源汽车产量达到74.6万辆，同比增长1.4倍。
今年，我市将力争新能源汽车产量突破100万辆。
目前，合肥已集聚新能源汽车产业链企业超过500家。
""",
    "chengdu_hitech": """成都高新区上半年经济运行稳中有进
2023-07-28 来源：成都高新区管委会
今年上半年，成都高新区实现地区生产总值1650.3亿元，同比增长6.8%，增速位居全市第1位。
其中，规上工业增加值同比增长8.1%，高于全市平均水平3.2个百分点。
""",
    "ningbo_port": """宁波舟山港年货物吞吐量连续15年位居全球第一
2024-01-10 来源：宁波日报
记者从宁波舟山港集团获悉，2023年，宁波舟山港完成货物吞吐量13.24亿吨，同比增长4.9%。
其中，宁波港域完成集装箱吞吐量3530万标准箱，同比增长5.9%。
""",
    "changxing_report": """长兴县2025年政府工作报告
2025-01-15 来源：长兴县人民政府
2024年，全县实现地区生产总值980亿元，增长6.5%。
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%。
力争规上工业增加值增长8%，确保固定资产投资增长7%。
预计今年外贸进出口总额突破500亿元。
""",
    "dongguan_exports": """东莞前10月外贸进出口总值超万亿元
2023-11-25 来源：东莞日报
据海关统计，1—10月，东莞市外贸进出口总值10350.2亿元，同比下降8.5%。其中，出口6680.4亿元，同比下降6.1%；进口3669.8亿元，同比下降12.6%。去年同期，全市出口增长3.2%。
进出口总值位居全省第2位。
""",
    "yiwu_traps": """义乌加快建设世界“小商品之都”
2024-03-08 来源：义乌市融媒体中心
义乌坚持开放合作，整合全球资源，今年1—2月全市进出口总额达到1020.5亿元，同比增长25.6%。
全市市场经营主体突破100万户，其中世界首创的数字贸易平台已入驻企业2.3万家。
该市与中山大学、阿里巴巴等合作共建研发中心12个，安宁、长寿等品牌产品销量增长30%。
""",
    "yancheng_counties": """一季度重大项目建设跑出加速度
2024-04-12 来源：交汇点新闻
一季度，东台市完成工业投资120亿元，同比增长15.2%。
大丰区新开工亿元以上项目35个。
射阳县规上工业增加值增长9.8%。
建湖县新增高新技术企业42家。
""",
    "taiwan_orders": """台灣今年前9月外銷訂單減少
2023-10-20 來源：中央社
經濟部統計處公布，今年1至9月台灣外銷訂單金額為4415億美元，較去年同期減少17.2%。
""",
    "hongkong_exports": """香港上半年整體貨物出口下跌
2023-07-27 來源：香港政府新聞網
政府統計處今日公布，今年上半年香港整體貨物出口貨值為20580億港元，按年下跌13.0%。
同期，商品進口貨值為22310億港元，按年下跌12.3%。
""",
    "luoyang_scopes": """一季度洛阳工业经济开局良好
2023-04-25 来源：洛阳日报
一季度，洛阳市规上工业增加值同比增长7.2%，增速高于全省2.1个百分点，位居全省第2位。全市高新技术企业达到1780家，占全省的14.5%。
同期，全省规上工业增加值增长5.1%，全国规上工业增加值增长3.0%。
""",
}

A = "actual"
T, E = "target", "expected"
# article → (document region, [(value_text, region, period_start, period_end, status, indicator or ...)])
# `...` leaves the indicator unchecked (the phrase is the extractor's business, e.g. 按年下跌).
EXPECTED = {
    "suzhou_bulletin": ("320500", [
        ("3.5%", "320500", "2023-01-01", "2023-05-31", A, "industrial_value_added_above_scale"),
        ("3650.2亿元", "320500", "2023-01-01", "2023-05-31", A, "retail_sales"),
        ("9458.6亿元", "320500", "2023-01-01", "2023-05-31", A, "foreign_trade"),
        ("1223.5亿元", "320500", "2023-01-01", "2023-05-31", A, "public_budget_revenue"),
    ]),
    "liangjiang_autos": ("500157", [
        ("105.6万辆", "500157", "2023-01-01", "2023-12-31", A, "output_volume"),
        ("28.4万辆", "500157", "2023-01-01", "2023-12-31", A, "output_volume"),
        ("2100亿元", "500157", "2023-01-01", "2023-12-31", A, "output_value"),
    ]),
    "hefei_nev": ("340100", [
        ("74.6万辆", "340100", "2023-01-01", "2023-12-31", A, "output_volume"),
        ("100万辆", "340100", "2024-01-01", "2024-12-31", T, "output_volume"),
        ("500家", "340100", None, "2024-02-05", A, "enterprises"),
    ]),
    "chengdu_hitech": ("510100", [
        ("1650.3亿元", "510100", "2023-01-01", "2023-06-30", A, "gdp"),
        ("第1位", "510100", "2023-01-01", "2023-06-30", A, "gdp"),
        ("8.1%", "510100", "2023-01-01", "2023-06-30", A, "industrial_value_added_above_scale"),
        ("3.2个百分点", "510100", "2023-01-01", "2023-06-30", A, "industrial_value_added_above_scale"),
    ]),
    "ningbo_port": ("330000", [  # about the port, not the city: follows the alias above
        ("13.24亿吨", "330000", "2023-01-01", "2023-12-31", A, "port_cargo_throughput"),
        ("4.9%", "330000", "2023-01-01", "2023-12-31", A, "port_cargo_throughput"),
        ("5.9%", "330200", "2023-01-01", "2023-12-31", A, "port_container_throughput"),
    ]),
    "changxing_report": ("330522", [
        ("980亿元", "330522", "2024-01-01", "2024-12-31", A, "gdp"),
        ("6%", "330522", "2025-01-01", "2025-12-31", T, "gdp"),
        ("5%", "330522", "2025-01-01", "2025-12-31", T, "public_budget_revenue"),
        ("8%", "330522", "2025-01-01", "2025-12-31", T, "industrial_value_added_above_scale"),
        ("7%", "330522", "2025-01-01", "2025-12-31", T, "fixed_asset_investment"),
        ("500亿元", "330522", "2025-01-01", "2025-12-31", E, "foreign_trade"),
    ]),
    "dongguan_exports": ("441900", [
        ("10350.2亿元", "441900", "2023-01-01", "2023-10-31", A, "foreign_trade"),
        ("6680.4亿元", "441900", "2023-01-01", "2023-10-31", A, "exports"),
        ("12.6%", "441900", "2023-01-01", "2023-10-31", A, "imports"),
        ("3.2%", "441900", "2022-01-01", "2022-10-31", A, "exports"),
        ("第2位", "441900", "2023-01-01", "2023-10-31", A, "foreign_trade"),
    ]),
    "yiwu_traps": ("330782", [
        ("1020.5亿元", "330782", "2024-01-01", "2024-02-29", A, "foreign_trade"),
        ("2.3万家", "330782", None, "2024-03-08", A, "enterprises"),
        ("12个", "330782", ..., ..., A, "rd_platforms"),
    ]),
    "yancheng_counties": ("320900", [
        ("120亿元", "320981", "2024-01-01", "2024-03-31", A, "industrial_investment"),
        ("35个", "320904", "2024-01-01", "2024-03-31", A, ...),
        ("9.8%", "320924", "2024-01-01", "2024-03-31", A, "industrial_value_added_above_scale"),
        ("42家", "320925", "2024-01-01", "2024-03-31", A, "high_tech_enterprises"),
    ]),
    "taiwan_orders": ("710000", [
        ("4415亿美元", "710000", "2023-01-01", "2023-09-30", A, ...),
        ("17.2%", "710000", "2023-01-01", "2023-09-30", A, ...),  # 较去年同期 is the base, not the period
    ]),
    "hongkong_exports": ("810000", [
        ("20580亿港元", "810000", "2023-01-01", "2023-06-30", A, "exports"),
        ("22310亿港元", "810000", "2023-01-01", "2023-06-30", A, "imports"),
    ]),
    "luoyang_scopes": ("410300", [
        ("7.2%", "410300", "2023-01-01", "2023-03-31", A, "industrial_value_added_above_scale"),
        ("2.1个百分点", "410300", "2023-01-01", "2023-03-31", A, ...),
        ("第2位", "410300", "2023-01-01", "2023-03-31", A, ...),
        ("14.5%", "410300", "2023-01-01", "2023-03-31", A, ...),
        ("5.1%", "410000", "2023-01-01", "2023-03-31", A, "industrial_value_added_above_scale"),
        ("3.0%", "100000", "2023-01-01", "2023-03-31", A, "industrial_value_added_above_scale"),
    ]),
}


def _run(tmp_path, name):
    path = tmp_path / f"{name}.txt"
    raw = ARTICLES[name].encode("utf-8")
    path.write_bytes(raw)
    return process_file(path, tmp_path, raw)


def _date(value):
    return None if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_document_region(tmp_path, name):
    out = _run(tmp_path, name)
    assert out["documents"][0]["region_code"] == EXPECTED[name][0]


# Known gap, kept visible (strict xfail turns green when fixed): a level, count or rank in a paragraph of
# its own, without a time or a continuation cue (其中, 同期), is left undated. Carrying the article's period
# to it fixed these but dated 30 anecdotes and stocks of the seed feature stories wrongly.
UNDATED_PARAGRAPH = {("dongguan_exports", "第2位"), ("liangjiang_autos", "2100亿元"),
                     ("yancheng_counties", "35个"), ("yancheng_counties", "42家")}


def _cases():
    for n, (_, rows) in sorted(EXPECTED.items()):
        for row in rows:
            marks = [pytest.mark.xfail(strict=True, reason="paragraph without a time: period not carried")] \
                if (n, row[0]) in UNDATED_PARAGRAPH else []
            yield pytest.param(n, *row, marks=marks)


@pytest.mark.parametrize("name, value_text, region, start, end, status, indicator", list(_cases()))
def test_figure_context(tmp_path, name, value_text, region, start, end, status, indicator):
    rows = [m for m in _run(tmp_path, name)["metrics"] if m["value_text"] == value_text]
    assert rows, f"{value_text} not extracted"
    m = rows[0]
    got = (m["region_code"], _date(m["period_start"]), _date(m["period_end"]), m["status"], m["indicator"])
    want = (region, start, end, status, indicator)
    assert [g for g, w in zip(got, want) if w is not ...] == [w for w in want if w is not ...]


# --- indicator vocabulary: the synonyms the press uses -------------------------------------------

@pytest.mark.parametrize("phrase, code", [
    ("规模以上工业增加值", "industrial_value_added_above_scale"),
    ("规上工业增加值", "industrial_value_added_above_scale"),
    ("全市规模以上工业增加值", "industrial_value_added_above_scale"),
    ("社零", "retail_sales"),
    ("社会消费品零售总额", "retail_sales"),
    ("外贸进出口总值", "foreign_trade"),
    ("货物贸易进出口总值", "foreign_trade"),
    ("一般公共预算收入", "public_budget_revenue"),
    ("研发经费投入强度", "rd_share_of_gdp"),
    ("全社会研发经费投入强度", "rd_share_of_gdp"),
    ("国家级专精特新“小巨人”企业", "little_giants"),
    ('国家级专精特新"小巨人"企业', "little_giants"),
    ("国家级专精特新「小巨人」企业", "little_giants"),
    ("省级“专精特新”中小企业", "srdi_smes"),
    ("产业链企业", "enterprises"),
    ("货物吞吐量", "port_cargo_throughput"),
    ("集装箱吞吐量", "port_container_throughput"),
])
def test_indicator_synonyms(phrase, code):
    assert reference.indicators().code_of(phrase) == code
