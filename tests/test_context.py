"""Context stage on real sentences (the seeds and other provinces): regions, periods, status."""
from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import context
from pipeline.clean import Sentence
from pipeline.extract import extract_document
from pipeline.periods import PATTERNS, find_spans

SHANDONG, LIAOCHENG = "370000", "371500"
RELATIVE = {"city": LIAOCHENG, "area": LIAOCHENG, "province": SHANDONG, "country": "100000"}


def codes(text, province=SHANDONG, city=LIAOCHENG):
    mentions, _ = context.scan_regions(text, province, city, RELATIVE)
    return [(text[m.start:m.end], m.code) for m in mentions]


# --- regions ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "随着益凯新材料世界首创化学炼胶30万吨项目启动",  # 界首市
    "加强产学研合作，推动资源共享",  # 合作市, 资源县
    "引导县(市、区)重点打造1—2个百亿级产业集群",  # 县 → 重庆
    "先后荣获中国机械工业科学技术奖4项",  # 中国 in the name of an award
    "大力发展朝阳产业",  # 朝阳
    "编制了《“十四五”青岛市高端化工产业规划》",  # a title
])
def test_false_places_are_not_regions(text):
    assert codes(text) == []


def test_short_county_names_are_found_inside_the_articles_province():
    assert codes("冠县已形成130余家钢材绿色智造企业") == [("冠县", "371525")]
    assert codes("涌现出茌平铝加工、临清轴承、莘县绿色食品、东阿大健康产业") == [
        ("茌平", "371503"), ("临清", "371581"), ("莘县", "371522"), ("东阿", "371524")]
    assert codes("东阿阿胶", province="320000", city="320500") == []  # not a Jiangsu name


def test_relative_words_and_scopes():
    assert codes("今年以来，全市新签约过亿元招商引资项目221个") == [("全市", LIAOCHENG)]
    assert codes("全社会研发投入占GDP的比重连续三年位居全省第3位") == []
    assert codes("高新技术产业产值占比高于全省4个百分点") == []
    assert codes("海尔洗涤电器工厂将率先完成全市首条示范生产线建设") == []
    assert codes("全国范围内仅有7家智能制造能力四级工厂") == [("全国", "100000")]


def test_a_region_inside_a_company_name_is_not_the_figures_region():
    mentions, orgs = context.scan_regions("在山东阳平食品有限公司6000吨杂粮食品深加工项目生产车间", SHANDONG, LIAOCHENG, {})
    assert mentions == [] and orgs[0][:2] == ("山东阳平食品有限公司", SHANDONG)
    assert codes("聊城市茌平区发挥信发集团的资源优势") == [("聊城市", LIAOCHENG), ("茌平区", "371503")]



@pytest.mark.parametrize("text, province, city", [
    ("1—10月份，规模以上高新技术产业增加值占规模以上工业增加值的比重为24.5%", None, None),  # 上高(县)
    ("教育业投资1624万元；文化、体育和娱乐业投资131万元", None, None),  # 乐业(县)
    ("稳增长、促改革、调结构、惠民生、防风险", SHANDONG, LIAOCHENG),  # 惠民(县), in Shandong
    ("为实现中华民族伟大复兴贡献力量", None, None),  # 复兴(区)
    ("获评全省唯一国家知识产权强县建设示范县", None, None),  # 范县
    ("其中沿海港口完成货物吞吐量404781万吨", None, None),  # 港口(区), 海港(区)
    ("中原网讯(记者 谢庆)日前，记者从市商务局获悉", "410000", "410100"),  # 中原(区)
    ("一季度工业园区(不含红塔集团)完成工业总产值227.5亿元", "530000", "530400"),  # left out
    ("城厢镇村集体经济继续保持稳健的发展态势", None, None),  # a town, not 城厢区
    ("投资96.12亿元的s20长丰至固始高速公路建成通车", "340000", "341500"),  # a road's end
    ("甘肃日报兰州讯 记者从人民银行兰州中心支行了解到", None, None),  # a dateline, a bank
    ("据厦门海关统计，前三季度外贸进出口9314.4亿元", None, None),  # the issuer
    ("省级以上创新平台达到30家", None, None),  # 新平(县)
    ("加速中心会同人工智能共同体企业征集发布", None, None),  # 会同(县)
    ("在补链行动中正式打响", None, None),  # 中正(区)
    ("提升产业链供应链韧性和安全水平", None, None),  # 和安(县)
])
def test_a_short_name_inside_a_word_or_an_organisations_name_is_no_region(text, province, city):
    assert codes(text, province, city) == []


def test_an_article_naming_places_only_in_organisations_names_is_where_they_are():
    document, rows = _resolve([(0, "甘肃日报兰州讯 记者从人民银行兰州中心支行了解到，至6月末，全省金融机构存款余额增加150亿元。")],
                              source=None)
    assert document["region_code"] == "620000" and rows[0]["region_code"] == "620000"


def test_the_whole_of_a_region_named_right_before_is_that_region():
    assert codes("2022年郑州全市生产总值预计增长2%左右", "420000", "420100") == [("郑州", "410100"), ("全市", "410100")]
    assert codes("河南全省规上工业增加值增长5%") == [("河南", "410000"), ("全省", "410000")]
    assert codes("全市规上工业增加值增长5%") == [("全市", LIAOCHENG)]


def test_a_province_right_before_a_county_only_says_where_the_county_is():
    _, rows = _resolve([(0, "近日在“中国起重机之乡”河南长垣采访了解到，起重机产业逆势成长。"),
                        (0, "今年1月至4月实现规模以上销售收入150亿元。")], source=None)
    assert rows[0]["region_code"] == "410783"


@pytest.mark.parametrize("text", ["稀土磁性材料产能达到全国20%左右", "钨采选产能达全国的一半左右", "增幅与全市持平"])
def test_the_whole_a_figure_is_a_share_of_or_compared_with_is_not_its_region(text):
    assert codes(text) == []


def test_a_region_in_parentheses_is_only_that_of_the_figures_inside_them():
    _, rows = _resolve([(0, "上半年歙县农村常住居民人均可支配收入同比增长8.2%。"),
                        (0, "完成投资比全市平均多150亿元(全市为737.4亿元)。")], source=None)
    assert [r["region_code"] for r in rows] == ["341021", "341021", "341000"]


def test_a_countys_short_name_does_not_choose_the_articles_province():
    document, rows = _resolve([(0, "今年1-4月，昆山市规上工业总产值同比增长8.2%。"),
                               (1, "东阿阿胶、东阿阿胶糕和东阿黑毛驴产品在当地销量增长30%。")])
    assert document["region_code"] == "320583" and rows[1]["region_code"] == "320583"
    document, _ = _resolve([(0, "东阿阿胶销量增长30%。")], source=None)
    assert document["region_code"] == "371524"  # an article naming no other place is where its short names say


@pytest.mark.parametrize("text, province, city", [
    ("2022年，实施高端化项目76项(新建48项，续建28项)", None, None),  # 新建(区)
    ("重点引进了陶氏、神华、延长石油、陕煤等国内和世界500强大企业", None, None),  # 延长(县)
    ("以卧龙防爆为链主的电驱防爆", None, None),  # 卧龙(区), a district's short name outside its city
    ("近日，笔者从岩前镇了解到", None, None),  # 前镇(区), Taiwan
    ("庆森不锈钢制品、将军村食用菌、环球鞋业", None, None),  # 将军(区), Taiwan; a village
    ("西滩、砂井子、甜水、曲子四个工业集中区建设加快实施", "620000", None),  # 中区, Taiwan
    ("九龙报讯(记者 肖雨 王茂松 摄影报道)10月27日", None, None),  # 九龙(县): a newspaper
    ("由县域发展综合水平指数和县域发展综合活力指数组成", None, None),  # 和县
    ("四川裕能等7个磷酸铁锂项目相继投产", "510000", "510900"),  # a company
    ("河南立马新能源产业园是由浙江立马车业集团总公司投资建设", "410000", "411700"),  # a park
])
def test_a_short_name_inside_a_longer_word_or_name_is_no_region(text, province, city):
    assert codes(text, province, city) == []


def test_a_districts_short_name_needs_its_city_and_taiwans_districts_an_article_on_taiwan():
    assert codes("卧龙、宛城两区工业增加值增长5%", "410000", "411300") == [("卧龙", "411303"), ("宛城", "411302")]
    assert codes("台北市松山区", "710000", "710100") == [("台北市", "710100"), ("松山区", "710102")]


@pytest.mark.parametrize("text", [
    "增速比全省平均水平(17.3%)和全国(11.4%)分别高17.2、23.1个百分点",
    "增速分别高于全省和全国",
    "实现农业增加值2.88亿元，同比增长4.5%，增速全市靠前",
    "县域经济综合发展力首次挺进全省67个建制县(市)第10名",
    "辖区经济连续第7年进入全省「十强县」前三甲，获评全省县域经济发展先进县",
])
def test_a_yardstick_joined_to_another_or_a_ranks_field_is_not_the_figures_region(text):
    assert codes(text) == []


def test_a_sentence_takes_the_region_named_before_it_not_the_next_ones():
    _, rows = _resolve([(0, "上半年，郴州市地区生产总值增长8.2%。"), (0, "完成固定资产投资624.5亿元。"),
                        (0, "金融机构各项存款余额150亿元。"), (0, "北湖区、资兴市地区生产总值增长30%。")], source=None)
    assert [r["region_code"] for r in rows[:2]] == ["431000", "431000"]  # not 北湖区 of the sentence after


@pytest.mark.parametrize("texts, region", [
    (["绵阳市涪城区第六届人民代表大会第四次会议在绵阳市委党校开幕。", "2018年涪城全区地区生产总值增长8.2%。"], "510703"),
    (["2月14日，我区在松山新区实验学校召开经济工作会议。", "地区生产总值增长8.2%。"], "150404"),
    (["2022年，全市实施高端化项目76项(新建48项)。", "总投资增长8.2%。"], None),
])
def test_the_article_is_on_the_district_its_city_names_or_its_new_area_is_named_after(texts, region):
    document, rows = _resolve([(i, t) for i, t in enumerate(texts)], source=None)
    assert document["region_code"] == region and rows[0]["region_code"] == region

# --- periods -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, published, start, end", [
    ("今年1—4月份，全市规模以上轴承企业工业总产值增长15.62%", date(2023, 6, 7), date(2023, 1, 1), date(2023, 4, 30)),
    ("1-4月规上工业增加值增长6%", date(2023, 6, 7), date(2023, 1, 1), date(2023, 4, 30)),
    ("今年上半年，聊城规上工业企业达到1557家", date(2022, 8, 10), date(2022, 1, 1), date(2022, 6, 30)),
    ("一季度全市GDP增长5.1%", date(2024, 5, 2), date(2024, 1, 1), date(2024, 3, 31)),
    ("前三季度外贸进出口增长3%", date(2024, 2, 1), date(2023, 1, 1), date(2023, 9, 30)),  # not yet this year
    ("去年全市实现地区生产总值3000亿元", date(2024, 3, 1), date(2023, 1, 1), date(2023, 12, 31)),
    ("2023年，全市工业占GDP比重达31.7%", date(2024, 3, 27), date(2023, 1, 1), date(2023, 12, 31)),
    ("海湾化学二期项目于20年10月份成功试车", date(2021, 1, 14), date(2020, 10, 1), date(2020, 10, 31)),
    ("截至10月底，累计签约项目52个", date(2023, 11, 20), None, date(2023, 10, 31)),
    ("年底前建成5G基站2000个", date(2023, 4, 1), None, date(2023, 12, 31)),
    ("今年以来，全市新签约项目221个", date(2022, 8, 10), date(2022, 1, 1), date(2022, 8, 10)),
    ("今年1月至今，全市新签约项目221个", date(2022, 8, 10), date(2022, 1, 1), date(2022, 8, 10)),  # not January
    ("年初至今，全市出口增长5%", date(2022, 8, 10), date(2022, 1, 1), date(2022, 8, 10)),
    ("占比提高至2011年的16.7%", date(2012, 3, 1), date(2011, 1, 1), date(2011, 12, 31)),  # the year's value
    ("目前，已经建成轴承产业园6处", date(2023, 6, 7), None, date(2023, 6, 7)),
    ("2021—2025年累计投资500亿元", date(2021, 3, 1), date(2021, 1, 1), date(2025, 12, 31)),
    ("“十四五”期间，全省新增专精特新企业3000家", date(2021, 3, 1), date(2021, 1, 1), date(2025, 12, 31)),
    ("到2025年，规上工业企业突破3000家", date(2022, 3, 1), None, date(2025, 12, 31)),
    ("到“十四五”末，全省数字经济核心产业增加值力争达到7000亿元", date(2022, 3, 1), None, date(2025, 12, 31)),
    ("过去一年，全市地区生产总值完成1250.6亿元", date(2025, 2, 10), date(2024, 1, 1), date(2024, 12, 31)),
    ("今年前10个月，全市出口增长5%", date(2024, 11, 20), date(2024, 1, 1), date(2024, 10, 31)),
    ("前10月，全市工业投资增长5%", date(2024, 11, 20), date(2024, 1, 1), date(2024, 10, 31)),  # not October
    ("一至三季度，全市GDP增长5%", date(2024, 11, 20), date(2024, 1, 1), date(2024, 9, 30)),  # not the third
    ("2023年1-3季度，全市GDP增长5%", date(2024, 11, 20), date(2023, 1, 1), date(2023, 9, 30)),
    ("1月至10月，全市规上工业增加值增长5%", date(2024, 11, 20), date(2024, 1, 1), date(2024, 10, 31)),  # not October
    ("今年1月份至4月份，全市工业投资增长5%", date(2024, 5, 20), date(2024, 1, 1), date(2024, 4, 30)),
    ("1月—10月，全市出口增长5%", date(2024, 11, 20), date(2024, 1, 1), date(2024, 10, 31)),
    ("1至10月，全市出口增长5%", date(2024, 11, 20), date(2024, 1, 1), date(2024, 10, 31)),
    ("五年来，累计完成全社会固定资产投资962亿元", date(2016, 1, 12), date(2011, 1, 1), date(2015, 12, 31)),
    ("过去五年，全区生产总值年均增长8%", date(2016, 1, 12), date(2011, 1, 1), date(2015, 12, 31)),
])
def test_time_expressions(text, published, start, end):
    span = find_spans(text, published)[0]
    assert (span.period_start, span.period_end) == (start, end)


@pytest.mark.parametrize("text, published, start, end", [
    # what was done by a day is done since 1 January; what is held on that day stays a point
    ("截止9月底，固定资产投资项目已开工162项，完成投资75.33亿元，同比增长2.1%", date(2017, 10, 20),
     date(2017, 1, 1), date(2017, 9, 30)),
    ("截至8月15日，全市实现社会消费品零售额120亿元，同比增长6%", date(2024, 8, 20), date(2024, 1, 1), date(2024, 8, 15)),
    ("截至9月底，全市金融机构存款余额1439.8亿元，同比增长8.2%", date(2024, 10, 20), None, date(2024, 9, 30)),
    ("截至9月底，全市生猪存栏12万头，同比增长3%", date(2024, 10, 20), None, date(2024, 9, 30)),
    ("截至10月底，累计签约项目52个", date(2023, 11, 20), None, date(2023, 10, 31)),  # no change: a count so far
    # a since time right after a day runs to that day, not to the publication date
    ("截至8月15日，今年以来友谊关口岸出入境车辆查验量已突破30万辆次", date(2024, 11, 27), date(2024, 1, 1), date(2024, 8, 15)),
])
def test_a_point_within_a_year_dates_a_flow_from_january(text, published, start, end):
    span = [s for s in find_spans(text, published) if s.kind not in ("day",)][-1]
    assert (span.period_start, span.period_end) == (start, end)


def test_a_cumulative_flow_with_its_change_is_of_the_period_reported_not_a_stock():
    _, rows = _resolve([(0, "今年前三季度高新区规上工业总产值增长8.2%。"),
                        (0, "累计完成全社会固投150亿元，同比增长11.8%。"),
                        (0, "变压器累计实现12万辆，增长44.9%；"),
                        (0, "累计建成5G基站5000家。"),  # no change stated: a stock as of publication
                        (0, "累计实施技改项目120家，全市工业技改投资年均增长30%。")],  # an average over years is none
                       published="2020-10-31")
    assert [(r["period_start"], r["period_end"]) for r in rows][:5] == [
        (pd.Timestamp("2020-01-01"), pd.Timestamp("2020-09-30"))] * 3 + [(None, pd.Timestamp("2020-10-31"))] * 2


def test_a_bare_period_yet_to_come_is_last_years_in_a_report_and_this_years_in_a_target():
    report = find_spans("下半年，全市出口增长3%", date(2024, 6, 18))[0]
    assert (report.period_start, report.period_end) == (date(2023, 7, 1), date(2023, 12, 31))
    _, rows = _resolve([(0, "下半年将力争再签约项目120家。")], published="2024-06-18")
    assert (rows[0]["status"], rows[0]["period_start"], rows[0]["period_end"]) == (
        "target", pd.Timestamp("2024-07-01"), pd.Timestamp("2024-12-31"))


def test_a_bare_period_ending_within_a_month_of_publication_is_this_years():
    quarter = find_spans("第一季度，全县主要经济指标实现了开门红", date(2018, 3, 29))[0]
    assert (quarter.period_start, quarter.period_end) == (date(2018, 1, 1), date(2018, 3, 31))
    quarter = find_spans("全市三季度新开工项目数量较去年同期增加153个", date(2021, 9, 23))[0]
    assert (quarter.period_start, quarter.period_end) == (date(2021, 7, 1), date(2021, 9, 30))
    half = find_spans("上半年，全市出口增长3%", date(2024, 5, 20))[0]  # six weeks to go: last year's
    assert (half.period_start, half.period_end) == (date(2023, 1, 1), date(2023, 6, 30))


def test_a_bare_period_is_of_the_year_the_article_gave_that_period():
    _, rows = _resolve([(0, "会议通报了慈利县2018年一季度经济运行情况。"),
                        (1, "第一季度，全县完成地区生产总值150亿元，同比增长8.2%。")], published="2019-04-10")
    assert {(r["period_start"], r["period_end"]) for r in rows} == {
        (pd.Timestamp("2018-01-01"), pd.Timestamp("2018-03-31"))}  # not 2019's first quarter


@pytest.mark.parametrize("text", ["经过近20年的迭代研发", "连续三年上榜", "徐立鹏仅用4个月时间", "5G基站总量突破1.2万个"])
def test_durations_and_names_are_no_periods(text):
    assert [s for s in find_spans(text, date(2023, 6, 7)) if s.kind in ("period", "since", "point")] == []


def test_event_dates_are_days_not_periods():
    assert [s.kind for s in find_spans("8月5日，在山东阳平食品有限公司生产车间", date(2022, 8, 10))] == ["day"]


@pytest.mark.parametrize("text, start, end", [
    ("截至4月29日14时30分，核销金额2753万元", None, date(2020, 4, 29)),  # as of that day
    ("截至2019年6月20日，完成农作物总播种面积1709.88万亩", None, date(2019, 6, 20)),
    ("截至12月20日，全市新增企业120家", None, date(2019, 12, 20)),  # in a report of May: last December
    ("平潭将于5月1日至5月31日举办消费月活动，投放1500万元", date(2020, 5, 1), date(2020, 5, 31)),
    ("2020年3月1日—15日，全市发放消费券200万元", date(2020, 3, 1), date(2020, 3, 15)),
])
def test_a_day_that_figures_are_counted_up_to_or_a_span_of_days_dates_them(text, start, end):
    spans = find_spans(text, date(2020, 5, 5))
    assert [(s.period_start, s.period_end) for s in spans] == [(start, end)]


@pytest.mark.parametrize("text, kinds", [
    ("前三季度，规上工业增加值占比分别较1—9月份和上年同期提高0.1和1.2个百分点", ["period", "base", "base"]),
    ("2015年，全区生产总值预计达到739亿元，是“十一五”末的1.6倍，年均增长10%", ["period", "base"]),
    ("实现一般公共预算收入92.28亿元，是2010年的近2倍", ["base"]),
    ("9月份，全市规上工业增加值增长9.2%，为今年以来单月最高增速", ["period", "base"]),
    ("出口额创2015年以来新高", ["base"]),
    ("三次产业比例由上年的13.72∶46.43∶39.85调整为12.36∶48.34∶39.3", ["from"]),
    ("一季度，全市规模以上工业增加值延续2月份平稳向好趋势，同比增长9.6%", ["period", "base"]),
    ("全市工业保持了一季度以来的回升态势", ["base"]),
    ("全市规模以上工业增加值同比增长13.3%，为10年来最高增幅", ["base"]),
    ("2017年实现畜牧业产值达7.899亿元，较2016年7.262亿元增长8%", ["period", "from"]),  # the base's own level
    ("出口1524.7亿元，已超2020年全年的1503.6亿元", ["from"]),
    ("粮豆总产比2013年的17.3459万吨增4.9%", ["from"]),
    ("全市规上工业增速高于上年0.5个百分点", ["base"]),  # the gap, not the base's level
    ("2021年是“十四五”开局之年，也是建党100周年", ["period", "topic"]),
    ("2017年是实施“十三五”规划的第二年，我市下达39家重点用能企业节能目标", ["period", "topic"]),
])
def test_bases_of_comparisons_multiples_and_records_date_nothing(text, kinds):
    assert [s.kind for s in find_spans(text, date(2022, 11, 20))] == kinds


def test_a_base_or_a_state_left_behind_is_not_the_period_that_goes_on():
    _, rows = _resolve([
        (0, "2015年，全区生产总值预计达到737.4亿元，是“十一五”末的1.6倍，年均增长8.2%；"),
        (0, "社会消费品零售总额预计达到150亿元。"),
        (1, "2021年，全县规上工业增加值增长30%。"),
        (1, "三次产业比例由上年的13.7∶46.4调整为12.4∶48.3。"),
        (1, "全年新增高新技术企业120家。"),
        (2, "所占比重由2005年的8.2%提高至2011年的30%。"),
    ], published="2022-03-01")
    ts = pd.Timestamp
    assert [(r["value_text"], r["period_start"], r["period_end"]) for r in rows] == [
        ("8.2%", ts("2015-01-01"), ts("2015-12-31")), ("737.4亿元", ts("2015-01-01"), ts("2015-12-31")),
        ("150亿元", ts("2015-01-01"), ts("2015-12-31")),  # not the five years of 十一五
        ("30%", ts("2021-01-01"), ts("2021-12-31")),
        ("120家", ts("2021-01-01"), ts("2021-12-31")),  # not 上年
        ("8.2%", ts("2005-01-01"), ts("2005-12-31")), ("30%", ts("2011-01-01"), ts("2011-12-31")),  # 至2011年的: 2011's, as 2005年的 is 2005's
    ]


# --- a whole article from another province ----------------------------------------------------

def _resolve(texts, published="2024-05-10", source="昆山日报", title=None, headings=(), rates=False, indicators=None):
    sentences = [Sentence(i, p, t, p in headings, 0, len(t)) for i, (p, t) in enumerate(texts)]
    doc = {"doc_id": "x", "published_date": pd.Timestamp(published), "title": title, "source_name": source}
    metrics = []
    for s in sentences:
        for value in ("8.2%", "120家", "5000家", "150亿元", "30%", "12万辆", "737.4亿元"):
            if value in s.text:
                metrics.append({"doc_id": "x", "sentence_id": s.sentence_id, "evidence": s.text, "value_text": value,
                                "char_start": s.text.index(value), "indicator_text": (indicators or {}).get(value), "subject": None, "unit": None,
                                "measure": "growth_rate" if rates and value.endswith("%") else "level"})
    return context.resolve(doc, sentences, metrics)


def test_the_items_of_a_target_list_are_targets_until_one_reports_a_fact():
    _, rows = _resolve([(0, "经济社会发展的主要预期目标是：地区生产总值增长8.2%；"),
                        (0, "规模工业总产值增长30%；"),
                        (0, "新增规上工业企业120家。"),
                        (1, "全市社会消费品零售总额150亿元；"),  # another paragraph: no list of the target's
                        (2, "力争新增规上工业企业5000家；"),
                        (2, "去年全市汽车产量12万辆。")])  # a fact ends the list
    assert [(r["value_text"], r["status"]) for r in rows] == [
        ("8.2%", "target"), ("30%", "target"), ("120家", "target"), ("150亿元", "actual"),
        ("5000家", "target"), ("12万辆", "actual")]


def test_what_a_project_yields_once_it_runs_is_expected():
    _, rows = _resolve([(0, "项目总投资737.4亿元，建成投运后可实现产值150亿元，安置就业5000人。"),
                        (1, "该项目去年投产，实现产值8.2%。")])
    assert {r["value_text"]: r["status"] for r in rows} == {
        "737.4亿元": "actual", "150亿元": "expected", "8.2%": "actual"}


def test_a_code_that_counts_things_is_no_amounts_and_one_of_money_no_counts():
    def coded(text, value, phrase):
        sentence = Sentence(0, 0, text, False, 0, len(text))
        doc = {"doc_id": "x", "published_date": pd.Timestamp("2024-07-10"), "title": None, "source_name": None}
        unit, measure = ("count", "count") if value.endswith("家") or value.endswith("户") else ("CNY", "level")
        metric = {"doc_id": "x", "sentence_id": 0, "evidence": text, "value_text": value, "unit": unit,
                  "measure": measure, "char_start": text.index(value), "indicator_text": phrase, "subject": None}
        return context.resolve(doc, [sentence], [metric])[1][0]["indicator"]

    # 金融机构 is the scope of a balance, and 产值 the threshold of a count of enterprises
    assert coded("全省金融机构财政性存款合计3501亿元。", "3501亿元", "全省金融机构财政性存款") is None
    assert coded("其中纺织鞋服13户实现产值41.03亿元。", "13户", "实现产值") is None
    assert coded("全市规上工业企业达到1557家。", "1557家", "全市规上工业企业") == "enterprises_above_scale"
    assert coded("实现产值41.03亿元。", "41.03亿元", "产值") == "output_value"


def test_an_article_from_jiangsu():
    document, rows = _resolve([
        (0, "今年1-4月，昆山市规上工业总产值同比增长8.2%。"),
        (0, "全市新增高新技术企业120家。"),
        (1, "到2025年，力争全市规上工业企业突破5000家。"),
        (2, "张家港一季度完成固定资产投资150亿元。"),
        (3, "预计今年新能源汽车产量将达12万辆。"),
        (4, "今年以来，昆山新签约项目计划投资总额737.4亿元。"),
    ])
    assert document["region_code"] == "320583"
    got = [(r["region_code"], r["period_start"], r["period_end"], r["status"]) for r in rows]
    ts = pd.Timestamp
    assert got == [
        ("320583", ts("2024-01-01"), ts("2024-04-30"), "actual"),
        ("320583", ts("2024-01-01"), ts("2024-04-30"), "actual"),  # the paragraph's period carries on
        ("320583", None, ts("2025-12-31"), "target"),
        ("320582", ts("2024-01-01"), ts("2024-03-31"), "actual"),
        ("320583", ts("2024-01-01"), ts("2024-12-31"), "expected"),
        ("320583", ts("2024-01-01"), ts("2024-05-10"), "actual"),  # 计划投资 names an amount, not a plan
    ]


def test_each_city_of_an_enumeration_has_its_own_figure():
    from pipeline.run import process_file
    from pathlib import Path
    text = ("发布时间：2024-10-28 来源：大众日报\n"
            "前三季度，全省规模以上工业增加值同比增长8.3%。分市看，济南、青岛、烟台规上工业增加值分别增长9.1%、7.5%和10.2%。\n"
            "“青岛市工业设计中心”等市级创新中心增加100家。\n")
    out = process_file(Path("/in/a.txt"), Path("/in"), text.encode())
    article = out["documents"][0]["region_code"]
    assert [(r["value_text"], r["region_code"]) for r in out["metrics"]] == [
        ("8.3%", SHANDONG), ("9.1%", "370100"), ("7.5%", "370200"), ("10.2%", "370600"),
        ("100家", article)]  # a region inside a quoted name is no figure's region
    assert article != "370200"


def test_listed_periods_date_as_many_listed_figures_in_order():
    from pipeline.run import process_file
    from pathlib import Path

    def periods(body):
        text = "发布时间：2024-10-28 来源：统计局\n" + body + "\n"
        return [(r["value_text"], str(r["period_start"].date()), str(r["period_end"].date()))
                for r in process_file(Path("/in/a.txt"), Path("/in"), text.encode())["metrics"]]

    assert periods("一季度、上半年、前三季度，全区工业投资分别增长15.2%、13.8%和12.1%。") == [
        ("15.2%", "2024-01-01", "2024-03-31"), ("13.8%", "2024-01-01", "2024-06-30"),
        ("12.1%", "2024-01-01", "2024-09-30")]
    assert periods("2022、2023年，全市规上工业增加值分别增长5.1%、6.8%。") == [  # 2022 borrows the 年 of 2023
        ("5.1%", "2022-01-01", "2022-12-31"), ("6.8%", "2023-01-01", "2023-12-31")]
    assert periods("12022、2023年共签约项目3个。") == [("3个", "2023-01-01", "2023-12-31")]  # 12022 is no year
    assert periods("1-4月份，全市工业总产值、营业收入同比增长15.62%、24.73%。") == [  # one period for both
        ("15.62%", "2024-01-01", "2024-04-30"), ("24.73%", "2024-01-01", "2024-04-30")]


def test_a_share_of_the_plan_done_is_a_fact_and_a_plan_is_a_target():
    _, rows = _resolve([
        (0, "1-10月，全县重点项目完成投资150亿元，完成年度计划的30%。"),
        (1, "全县计划新增高新技术企业120家。"),
        (2, "1-4月，全县新签约项目5000家，完成全年目标任务的8.2%。"),
    ])
    assert [(r["value_text"], r["status"]) for r in rows] == [("150亿元", "actual"), ("30%", "actual"),
                                                              ("120家", "target"), ("8.2%", "actual"),
                                                              ("5000家", "actual")]


def test_a_plan_named_in_a_clause_or_ended_by_what_was_done_reaches_no_further():
    _, rows = _resolve([
        (0, "本年度计划新开工项目5000家，实际已开工120家，开工率达30%。"),
        (1, "新型化工项目12万辆，总投资737.4亿元，年内计划完成投资150亿元，开复工项目120家，开复工率30%。"),
        (2, "力争全年新增规上工业企业120家，实现工业总产值150亿元。"),  # a list after 力争: all targets
        (3, "已签约总投资737.4亿元的项目，还将签约落地总投资150亿元的项目。"),
    ])
    rows = sorted(rows, key=lambda r: (r["sentence_id"], r["char_start"]))
    assert [(r["sentence_id"], r["value_text"], r["status"]) for r in rows] == [
        (0, "5000家", "target"), (0, "120家", "actual"), (0, "30%", "actual"),
        (1, "12万辆", "actual"), (1, "737.4亿元", "actual"), (1, "150亿元", "target"), (1, "120家", "actual"),
        (1, "30%", "actual"),
        (2, "120家", "target"), (2, "150亿元", "target"),
        (3, "737.4亿元", "actual"), (3, "150亿元", "target")]


def test_a_plan_word_of_the_progress_made_announces_no_plan():
    _, rows = _resolve([
        (0, "1-9月，全市工业招商引资签约737.4亿元，完成全年工业招商引资目标任务的30%。"),
        (1, "46个签约项目中，120家项目签约金额超过10亿元。"),
    ], published="2019-10-22")
    assert {(r["value_text"], r["status"]) for r in rows} == {
        ("737.4亿元", "actual"), ("30%", "actual"), ("120家", "actual")}


def test_a_plan_reported_fulfilled_announces_no_plan_and_a_share_of_a_plan_makes_no_target_list():
    texts = ["今年以来，全县狠抓各项工作落实，各项目标任务超额完成。",
             "据统计，全年全县生猪出栏98.5万头，占计划数96.1万头的102.5%；",
             "牛存栏8.4万头，肉牛出栏5.2万头，占计划数5万头的104%；",
             "禽蛋产量3120吨。"]
    sentences = [Sentence(i, min(i, 1), t, False, 0, len(t)) for i, t in enumerate(texts)]
    doc = {"doc_id": "x", "published_date": pd.Timestamp("2016-12-20"), "title": None, "source_name": None}
    _, rows = context.resolve(doc, sentences, extract_document("x", sentences))
    status = {r["value_text"]: r["status"] for r in rows}
    assert [status[v] for v in ("98.5万头", "8.4万头", "5.2万头", "3120吨")] == ["actual"] * 4
    assert status["96.1万头"] == status["5万头"] == "target"  # the plan's own figures


def test_a_work_plan_makes_its_figures_targets_of_its_year():
    _, rows = _resolve([
        (0, "市工信局介绍了2024年制造业提质工作谋划。"),
        (1, "2023年，全市工业增加值增长8.2%。"),
        (2, "解志超表示，市工信局将深入践行“6293”工作思路。"),
        (3, "推动1000家中小企业数字化转型，争创省级以上绿色制造示范单位30%。"),
    ], published="2024-03-27", source="聊城新闻网")
    assert [(r["status"], r["period_start"]) for r in rows] == [
        ("actual", pd.Timestamp("2023-01-01")), ("target", pd.Timestamp("2024-01-01"))]
    assert rows[0]["region_code"] == LIAOCHENG


def test_a_bare_full_year_is_the_year_of_the_period_stated_last():
    _, rows = _resolve([
        (0, "2023年，全市实现地区生产总值737.4亿元。"),
        (1, "全年新增高新技术企业120家。"),
        (2, "2021—2025年累计投资150亿元。"),
        (3, "全年新能源汽车产量12万辆。"),  # after five years: not one year
    ], published="2024-03-20")
    assert [(r["value_text"], r["period_start"], r["period_end"]) for r in rows] == [
        ("737.4亿元", pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31")),
        ("120家", pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31")),
        ("150亿元", pd.Timestamp("2021-01-01"), pd.Timestamp("2025-12-31")),
        ("12万辆", None, None),
    ]
    _, rows = _resolve([(0, "全年新增高新技术企业120家。")], published="2024-03-20")
    assert (rows[0]["period_start"], rows[0]["period_end"]) == (None, None)  # no year stated before it
    assert [s.kind for s in find_spans("2023年全年新增企业120家", date(2024, 3, 20))] == ["period"]
    _, rows = _resolve([(0, "2021年，在县委、县政府的坚强领导下，全县经济稳中向好，实现“十四五”良好开局。"),
                        (1, "全年生产总值(GDP)737.4亿元，同比增长8.2%。")], published="2022-03-20")
    assert {(r["period_start"], r["period_end"]) for r in rows} == {  # 十四五 in passing: an aside
        (pd.Timestamp("2021-01-01"), pd.Timestamp("2021-12-31"))}


def test_an_undated_article_dates_its_absolute_times_and_its_bare_periods_by_the_year_it_reports_on():
    _, rows = _resolve([
        (0, "据省统计局发布的2016年1—7月全省工业园区发展情况显示，全市主营业务收入737.4亿元。"),
        (1, "1-7月，全市工业园区实现工业增加值150亿元，同比增长8.2%。"),
        (2, "到2027年，全省特色产业集群达到120家。"),
        (3, "到“十四五”末，力争全省专精特新企业达到5000家。"),
        (4, "今年以来，全市新能源汽车产量12万辆。"),  # ends when the article was written: unknown
    ], published=None)
    ts = pd.Timestamp
    assert {r["value_text"]: (r["period_start"], r["period_end"]) for r in rows} == {
        "737.4亿元": (ts("2016-01-01"), ts("2016-07-31")),
        "150亿元": (ts("2016-01-01"), ts("2016-07-31")),
        "8.2%": (ts("2016-01-01"), ts("2016-07-31")),
        "120家": (None, ts("2027-12-31")),
        "5000家": (None, ts("2025-12-31")),
        "12万辆": (None, None),
    }
    _, rows = _resolve([(0, "上半年，全市规上工业增加值同比增长8.2%。")], published=None)
    assert (rows[0]["period_start"], rows[0]["period_end"]) == (None, None)  # no year anywhere: undatable
    _, rows = _resolve([(0, "9月，全市规上工业综合能源消费量150亿元，同比下降8.2%。"),
                        (1, "从2011年定期报表起，调整规模以上工业统计范围。")], published=None)
    assert {(r["period_start"], r["period_end"]) for r in rows} == {(None, None)}  # a rule's start is no year reported on
    assert [s.kind for s in find_spans("从2021年起，每年新增企业120家", date(2020, 5, 5))] == ["vague"]  # yet to come
    _, rows = _resolve([(0, "上半年，全区实现地区生产总值150亿元，同比增长8.2%。")], published=None,
                       title="2021年1-6月份全区经济发展统计公报")
    assert {(r["period_start"], r["period_end"]) for r in rows} == {(ts("2021-01-01"), ts("2021-06-30"))}


def test_an_undated_plan_naming_its_year_makes_its_figures_targets_of_that_year():
    _, rows = _resolve([
        (0, "代市长在政府工作报告中提出2009年经济社会发展的预期目标。"),
        (1, "地区生产总值增长8.2%，全社会固定资产投资增长30%。"),
    ], published=None)
    assert {(r["status"], r["period_start"], r["period_end"]) for r in rows} == {
        ("target", pd.Timestamp("2009-01-01"), pd.Timestamp("2009-12-31"))}


def test_a_period_stated_inside_one_section_of_a_report_is_not_carried_into_the_next():
    _, rows = _resolve([
        (0, "一季度，全县实现地区生产总值737.4亿元，增长8.2%。"),
        (1, "五、服务业发展总体稳定"),
        (2, "1-2月，全县规上服务业实现营业收入150亿元，比上年下降1.8%。"),
        (3, "六、居民收入平稳增长"),
        (4, "全县全体居民人均可支配收入增长30%。"),
    ], published="2025-05-22", headings={1, 3}, rates=True)
    ts = pd.Timestamp
    assert {r["value_text"]: (r["period_start"], r["period_end"]) for r in rows} == {
        "737.4亿元": (ts("2025-01-01"), ts("2025-03-31")), "8.2%": (ts("2025-01-01"), ts("2025-03-31")),
        "150亿元": (ts("2025-01-01"), ts("2025-02-28")),
        "30%": (ts("2025-01-01"), ts("2025-03-31")),  # the report's lead, not the services section's 1-2月
    }


def test_a_base_level_dates_its_own_figure_only_and_a_topic_nothing():
    _, rows = _resolve([
        (0, "2017年是实施“十三五”规划的第二年，全市新增规上工业企业120家。"),
        (1, "2021年，出口737.4亿元，较2020年150亿元增长8.2%；"),
        (1, "社会消费品零售总额增长30%。"),
        (2, "2022年，工业投资比重由2021年的8.2%上升为30%。"),
    ], published="2023-03-01", rates=True)
    ts = pd.Timestamp
    assert {(r["sentence_id"], r["value_text"]): (r["period_start"], r["period_end"]) for r in rows} == {
        (0, "120家"): (ts("2017-01-01"), ts("2017-12-31")),  # not the five years of 十三五
        (1, "737.4亿元"): (ts("2021-01-01"), ts("2021-12-31")), (1, "150亿元"): (ts("2020-01-01"), ts("2020-12-31")),
        (1, "8.2%"): (ts("2021-01-01"), ts("2021-12-31")),
        (2, "30%"): (ts("2021-01-01"), ts("2021-12-31")),  # not 2020, the base's
        (3, "8.2%"): (ts("2021-01-01"), ts("2021-12-31")),
        (3, "30%"): (ts("2022-01-01"), ts("2022-12-31")),  # not 2021: the state left behind dates its own figure only
    }


def test_an_undated_figure_takes_the_period_of_a_rate_next_to_it_in_its_sentence():
    _, rows = _resolve([
        (0, "一季度，全县地区生产总值增长8.2%。"),
        (1, "限额以上社会消费品零售额完成150亿元，增速30%。"),  # the rate's period, carried from the report
        (2, "推动120家中小企业数字化转型，产业大脑实现扩面提质，高新技术产业产值增长8.2%。"),  # clauses away
        (3, "在“十二五”期间年均增长30%的基础上，近年来累计实现进出口总额737.4亿元，同比增长8.2%。"),  # its own time
    ], published="2025-05-22", rates=True, indicators={"150亿元": "零售额", "120家": "中小企业", "737.4亿元": "进出口总额"})
    ts = pd.Timestamp
    assert {(r["sentence_id"], r["value_text"]): (r["period_start"], r["period_end"]) for r in rows
            if not r["value_text"].endswith("%")} == {
        (1, "150亿元"): (ts("2025-01-01"), ts("2025-03-31")), (2, "120家"): (None, None), (3, "737.4亿元"): (None, None)}


def test_the_month_of_a_report_is_the_last_month_of_its_period():
    _, rows = _resolve([
        (0, "一季度，全县规模以上工业增加值同比增长8.2%。"),
        (0, "其中，当月规模以上工业增加值同比增长30%。"),
        (0, "分三大门类看：采矿业增加值737.4亿元。"),  # the quarter's again after the aside on its month
    ], published="2025-04-20", rates=True)
    ts = pd.Timestamp
    assert {r["value_text"]: (r["period_start"], r["period_end"]) for r in rows} == {
        "8.2%": (ts("2025-01-01"), ts("2025-03-31")), "30%": (ts("2025-03-01"), ts("2025-03-31")),
        "737.4亿元": (ts("2025-01-01"), ts("2025-03-31"))}


def test_a_time_yet_to_come_dates_no_actual_figure_after_it():
    _, rows = _resolve([
        (0, "今年，中旗计划投资150亿元，继续新建风电、光伏项目。"),
        (0, "工程计划今年9月底开工建设，明年4月底前全部建成并网发电。"),
        (0, "德岭山光伏发电项目总装机容量12万辆，总投资约737.4亿元。"),
    ], published="2020-06-05")
    assert [(r["value_text"], r["period_start"], r["period_end"]) for r in rows][1:] == [
        ("12万辆", None, None), ("737.4亿元", None, None)]  # not next April's


def test_the_time_of_a_cause_dates_no_figure():
    _, rows = _resolve([
        (0, "前三季度，全县全社会用电量增长8.2%。"),
        (0, "主要影响因素是由于2022年茶叶加工用电行业分类划转至第三产业，同期工业用电量同比增长30%。"),
        (0, "第三产业用电量为150亿元。"),
    ], published="2022-10-25")
    ts = pd.Timestamp
    assert {(r["period_start"], r["period_end"]) for r in rows} == {(ts("2022-01-01"), ts("2022-09-30"))}  # not 2022


def test_a_month_opening_a_list_dates_each_of_its_items():
    _, rows = _resolve([
        (0, "上半年，全市规上工业增加值同比增长8.2%。"),
        (0, "6月份，第一产业用电量为737.4亿元；"),
        (0, "第二产业用电量为150亿元；"),
        (0, "第三产业用电量为12万辆。"),
        (0, "全市新增规上工业企业120家。"),  # the list is over: the half year's again
    ], published="2024-07-20", rates=True)
    ts = pd.Timestamp
    assert {r["value_text"]: (r["period_start"], r["period_end"]) for r in rows} == {
        "8.2%": (ts("2024-01-01"), ts("2024-06-30")), "737.4亿元": (ts("2024-06-01"), ts("2024-06-30")),
        "150亿元": (ts("2024-06-01"), ts("2024-06-30")), "12万辆": (ts("2024-06-01"), ts("2024-06-30")),
        "120家": (ts("2024-01-01"), ts("2024-06-30"))}


def test_an_actual_figure_of_the_year_so_far_ends_when_it_was_published():
    _, rows = _resolve([
        (0, "本年新开工项目120家，较去年同期增加42个。"),
        (1, "今年，全县计划投资150亿元，同比增长30%。"),  # a plan for the year
        (2, "2024年全年新增高新技术企业5000家，累计达到12万辆。"),  # the whole year named
        (3, "今年1—4月份累计完成投资737.4亿元。"),  # a period that names its end
    ], published="2024-06-20")
    ts = pd.Timestamp
    assert {r["value_text"]: (r["period_start"], r["period_end"]) for r in rows} == {
        "120家": (ts("2024-01-01"), ts("2024-06-20")),
        "150亿元": (ts("2024-01-01"), ts("2024-12-31")), "30%": (ts("2024-01-01"), ts("2024-12-31")),
        "5000家": (ts("2024-01-01"), ts("2024-12-31")), "12万辆": (ts("2024-01-01"), ts("2024-12-31")),
        "737.4亿元": (ts("2024-01-01"), ts("2024-04-30"))}


def test_a_month_that_closes_the_period_reported_is_an_aside_not_carried_on():
    _, rows = _resolve([
        (0, "上半年，全市规上工业增加值同比增长8.2%。"),
        (0, "其中，6月份全市规模以上工业增加值增长30%。"),
        (0, "全市固定资产投资150亿元。"),
        (1, "全市新增规上工业企业120家。"),
        (2, "5月份，全市社会消费品零售总额737.4亿元。"),  # a month of its own: carried on
        (2, "全市汽车产量12万辆。"),
    ], published="2024-07-20", rates=True)
    ts = pd.Timestamp
    assert {r["value_text"]: (r["period_start"], r["period_end"]) for r in rows} == {
        "8.2%": (ts("2024-01-01"), ts("2024-06-30")), "30%": (ts("2024-06-01"), ts("2024-06-30")),
        "150亿元": (ts("2024-01-01"), ts("2024-06-30")), "120家": (None, None),
        "737.4亿元": (ts("2024-05-01"), ts("2024-05-31")), "12万辆": (ts("2024-05-01"), ts("2024-05-31"))}


def test_figures_listed_after_fenbie_as_many_as_the_years_of_their_period_are_one_year_each():
    _, rows = _resolve([(0, "2022年至2023年，全区分别完成投资150亿元、737.4亿元。"),
                        (0, "分别新增企业120家、5000家，合计增长30%。")], published="2024-03-01")
    ts = pd.Timestamp
    assert {r["value_text"]: (r["period_start"], r["period_end"]) for r in rows} == {
        "150亿元": (ts("2022-01-01"), ts("2022-12-31")), "737.4亿元": (ts("2023-01-01"), ts("2023-12-31")),
        "120家": (ts("2022-01-01"), ts("2022-12-31")), "5000家": (ts("2023-01-01"), ts("2023-12-31")),
        "30%": (ts("2022-01-01"), ts("2023-12-31")),  # alone in its clause: the whole span
    }


def test_a_quoted_five_year_plan_dates_its_figures_but_one_inside_a_title_does_not():
    _, rows = _resolve([(0, "“十四五”期间，全市累计投资150亿元。"),
                        (1, "编制了《“十四五”青岛市高端化工产业规划》，全市投资737.4亿元。")], published="2024-03-20")
    assert [(r["period_start"], r["period_end"]) for r in rows] == [
        (pd.Timestamp("2021-01-01"), pd.Timestamp("2025-12-31")), (None, None)]


def test_unmapped_phrases_are_counted():
    rows = [{"doc_id": "a", "evidence": "e", "indicator_text": "攻坚任务", "indicator": None},
            {"doc_id": "b", "evidence": "e", "indicator_text": "攻坚任务", "indicator": None},
            {"doc_id": "b", "evidence": "e", "indicator_text": "规上工业增加值", "indicator": "x"}]
    assert context.unmapped_indicators(rows) == [
        {"indicator_text": "攻坚任务", "n_metrics": 2, "n_documents": 2, "example": "e"}]


def test_an_amount_takes_the_period_of_its_own_growth_rate_in_the_same_sentence():
    from pipeline.run import process_file
    from pathlib import Path
    text = ("发布时间：2024-10-28 09:30 来源：扬州市统计局\n"
            "1—9月，全市规模以上工业增加值同比增长8.2%。\n"
            "社会消费品零售总额1325.6亿元，同比增长4.7%。外贸进出口总额达1023亿元。\n")
    rows = process_file(Path("/in/a.txt"), Path("/in"), text.encode())["metrics"]
    by_text = {r["value_text"]: r for r in rows}
    assert str(by_text["1325.6亿元"]["period_start"].date()) == "2024-01-01"
    assert str(by_text["1325.6亿元"]["period_end"].date()) == "2024-09-30"
    # a level without a growth rate of its own in its sentence stays undated
    assert by_text["1023亿元"]["period_end"] is None


@pytest.mark.parametrize("text", ["今年6—4月份，工业总产值同比增长15.62%。", "2025—2021年，全市累计投资300亿元。"])
def test_backwards_ranges_are_no_periods(text):
    """A garbled range must not date a figure (its row would fail period_start ≤ period_end)."""
    assert not [s for s in find_spans(text, date(2024, 6, 7)) if s.kind == "period"]


TIME_PIECES = ["去年同期", "上年同期", "同期", "2021—2025年", "2020-2023年", "“十四五”", "十四五期间", "自2020年以来",
               "截至2023年底", "到2025年", "“十四五”末", "十三五期末", "至2024年6月末", "2023年", "2023年度", "23年10月", "今年", "上一年",
               "1—6月份", "1月至10月", "1月份—4月份", "6月", "8月5日", "10月底", "上半年", "第三季度", "前三季度", "年底前", "年末", "年初以来",
               "年内", "截至目前", "目前", "当前", "现已", "现有", "已有", "如今", "至今", "迄今", "近年来", "近几年",
               "多年来", "往年", "历年", "全年", "今年全年", "过去一年", "过去的一年", "前10个月", "前两月", "一至三季度", "1-3季度", "已", "实现", "十", "五", "期", "年", "全市", "，", "增长",
               "8.2%", "比", "是", "的1.6倍", "由", "为", "以来", "单月最高", "新高", "和", "延续", "保持了", "五年来", "过去五年", "近10年来", "20年"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TIME_PIECES), min_size=1, max_size=10))
def test_every_time_expression_holds_a_character_of_each_of_its_patterns_cue_strings(pieces):
    """find_spans tries a pattern only in a sentence with a character of each of its cue strings: that
    must skip no sentence where the pattern finds something."""
    text = "".join(pieces)
    for kind, pattern, cues in PATTERNS:
        for m in pattern.finditer(text):
            assert all(set(m.group()) & set(cs) for cs in cues), (kind, m.group(), text)


# --- status and stock cues: one search per sentence -----------------------------------------------

CUE_PIECES = ["预计", "预期", "预期目标", "目标", "目标：", "目标是", "有望", "力争", "计划", "计划投资", "将达到",
              "将", "会", "年底前", "到2025年", "已", "累计", "拥有", "现有", "今年以来", "增长", "同比", "8.2%", "全市",
              "，", "；", ":", "：", "……", "…", "...", "。"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(CUE_PIECES), min_size=1, max_size=14))
def test_a_cue_counts_when_it_ends_by_the_figures_clause_as_a_search_up_to_that_clause_finds(pieces):
    """Cues ends each cue pattern's first match once per sentence; for every clause end a figure can
    have, that answers what a search of the text up to the clause end answers."""
    text = "".join(pieces)
    cues = context.Cues(text)
    clause_ends = {context._clause_bounds(text, pos)[1] for pos in range(len(text) + 1)}
    for pattern, first_end in ((context.EXPECTED, cues.expected), (context.TARGET, cues.target),
                               (context._stock_cue(text), cues.stock)):
        for upto in clause_ends:
            assert (pattern.search(text, 0, upto) is not None) == (first_end <= upto), (pattern.pattern, text, upto)


def test_a_sentence_of_thousands_of_figures_is_searched_for_cues_once(monkeypatch):
    """A table flattened into one sentence (2,000 clauses here) must not be searched again per figure:
    that took time quadratic in its length (a 200 KB sentence: 12 s)."""
    searched = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, *args):
            searched.append(self.pattern.pattern)
            return self.pattern.search(*args)

    for name in ("EXPECTED", "TARGET", "STOCK"):
        monkeypatch.setattr(context, name, Counting(getattr(context, name)))
    counties = ["东昌府区", "临清市", "阳谷县", "莘县", "茌平区", "东阿县", "冠县", "高唐县"]
    text = "2024年上半年，" + "，".join(f"{counties[i % 8]}累计完成投资{i + 1}.5亿元" for i in range(2000)) + "。"
    sentence = Sentence(0, 0, text, False, 0, len(text))
    doc = {"doc_id": "x", "published_date": pd.Timestamp("2024-07-20"), "title": None, "source_name": "聊城新闻网"}
    figures = [m for m in re.finditer(r"\d+\.5亿元", text)]
    metrics = [{"doc_id": "x", "sentence_id": 0, "evidence": text, "value_text": m.group(), "char_start": m.start(),
                "indicator_text": "完成投资", "subject": None} for m in figures]
    _, rows = context.resolve(doc, [sentence], metrics)
    assert len(rows) == 2000
    assert len(searched) <= 3
    assert {r["status"] for r in rows} == {"actual"} and {str(r["period_end"].date()) for r in rows} == {"2024-06-30"}


def test_the_comma_of_a_thousands_figure_is_no_clause_break():
    text = "全市建成充电桩1,200个，同比增长5%。"
    pos = text.index("1,200")
    assert context.Clauses(text).bounds(pos) == context._clause_bounds(text, pos) == (0, text.index("，"))
    assert context.CLAUSE_SPLIT.split("增长5%,1,200个")[0::2] == ["增长5%", "1,200个"]  # a comma after % still breaks


def test_the_whole_prefecture_is_no_county_but_quanzhou_county_is():
    assert "450324" not in {code for _, code in codes("全州实现地区生产总值510亿元。", "650000", "652300")}
    assert "450324" in {code for _, code in codes("全州县规上工业增加值增长6%。", "450000", "450300")}


# --- the article's own place over the places around it ------------------------------------------

def test_a_banners_article_with_its_league_around_it_is_the_banners():
    document, rows = _resolve([
        (0, "阿巴嘎旗位于锡林郭勒盟中北部，东邻锡林浩特市和东乌珠穆沁旗，南与正蓝旗相连，西和苏尼特左旗相邻。"),
        (0, "阿巴嘎旗具有典型的温带草原特点。阿巴嘎旗委、旗人民政府所在地别力古台镇。"),
        (1, "2021年，全旗常住人口3.96万人。全旗一般公共预算本级收入150亿元。"),
    ], source=None)
    assert document["region_code"] == "152522" and rows[0]["region_code"] == "152522"


def test_the_whole_league_is_the_league_of_the_counties_named():
    document, rows = _resolve([
        (0, "今年以来，各旗县市统筹推进疫情防控和经济社会发展，全盟县域经济持续恢复性增长。"),
        (1, "1-2月份，全盟县域规模以上工业增加值同比增长30%。"),
        (1, "突泉下降8.2%，阿尔山增长120家。"),
    ], source=None, title=None)
    assert document["region_code"] == "152200" and rows[0]["region_code"] == "152200"


def test_a_place_named_before_the_one_inside_it_only_says_where_that_is():
    document, _ = _resolve([
        (0, "记者从内蒙古自治区政府获悉，内蒙古于近日在锡林郭勒盟多伦县正式启动三大风能源发电项目。"),
        (1, "二期工程装机容量为3万千瓦，投资150亿元。"),
        (2, "规划建设10万千瓦风电场的大唐多伦十三里滩风电项目已开工。"),
    ], source="中广网呼和浩特7月13日消息")
    assert document["region_code"] == "152531"


def test_a_dateline_with_its_date_and_our_province_make_a_province_article():
    document, rows = _resolve([
        (0, "山西经济日报太原10月24日讯 据太原海关统计，今年前三季度，我省货物贸易进出口150亿元。"),
        (1, "太原武宿综保区进出口54.6亿元，增长8.2%；山西方略保税物流中心进出口22.3亿元。"),
        (2, "前三季度，我省民营企业进出口461.8亿元，增长30%，占我省外贸比重达44.9%。"),
    ], source=None)
    assert document["region_code"] == "140000" and rows[0]["region_code"] == "140000"


def test_a_batch_of_the_regions_is_no_rank_of_it():
    document, _ = _resolve([(0, "黑龙江日报10月11日讯 10日，第四次产业项目集中开工仪式在海伦市举行，总投资150亿元。"),
                            (1, "据了解，黑龙江省今年新开工项目120家。")],
                           title="绥化第四批产业项目集中开工", source=None)
    assert document["region_code"] == "231200"


def test_figures_after_fenbie_are_those_of_the_regions_listed_before_them():
    _, rows = _resolve([(0, "从6个旗县市增速看，突泉、扎旗、前旗高于全盟平均水平，同比分别增长8.2%、30%、120家。")],
                       title="兴安盟县域经济持续恢复", source=None)
    assert [r["region_code"] for r in rows] == ["152224", "152223", "152221"]
    _, rows = _resolve([(0, "一是以临邑、禹城为代表的，资金吸纳能力较强。"),
                        (0, "2县(市)前8个月分别新增贷款150亿元、737.4亿元。")], title="德州县域信贷", source=None)
    assert [r["region_code"] for r in rows] == ["371424", "371482"]


def test_short_banner_names_are_of_the_articles_league_only():
    assert codes("乌市、中旗分别增长24.3%、4.8%", "150000", "152200") == [("乌市", "152201"), ("中旗", "152222")]
    assert codes("今年，中旗计划投资2.2亿元", "150000", "150800") == [("中旗", "150824")]
    assert codes("今年，中旗计划投资2.2亿元", "150000", "150100") == []  # 呼和浩特: which 中旗?


def test_former_names_variants_and_the_divisions_cities_are_regions():
    assert codes("沾益县畜牧业生产超额完成目标", "530000", "530300") == [("沾益县", "530303")]
    assert codes("前2月陜西实际利用外资同比增长25.54%", None, None) == [("陜西", "610000")]
    assert codes("2022年，八师市实现生产总值831.5亿元", "650000", None) == [("八师市", "659001")]


def test_a_place_in_another_item_of_a_list_is_not_the_figures():
    _, rows = _resolve([(0, "1~4月份，包钢集团稀土汽车板项目已累计完成投资30%、华业特钢不锈钢项目已累计完成投资120家、"
                            "渤船重工通辽装备制造产业基地建设项目已累计完成投资150亿元。"),
                        (1, "9月以来，国电投白音华电厂、滦河流域多伦段综合整治等29个重点项目陆续开工建设，总投资737.4亿元。")],
                       title="内蒙古新开工亿元以上工业项目", source=None)
    assert [r["region_code"] for r in rows] == ["150000", "150500", "150000", "150000"]  # 120家, 150亿元, 30%, 737.4亿元


def test_ordinary_words_holding_a_short_county_name_are_no_region():
    assert codes("在全部投资中，工业性投资增长12.1%", "510000", "513200") == []
    assert codes("建立友好县市区59个", "230000", "230700") == []


def test_our_province_in_an_article_naming_only_one_of_its_prefectures_is_the_province():
    document, rows = _resolve([(0, "记者从人民银行贵阳中心支行获悉，3月末，我省金融机构人民币存款余额150亿元。"),
                               (1, "截至3月末，我省金融机构涉农贷款余额737.4亿元。"),
                               (2, "全省新增普惠小微企业120家。")],
                              source="黔东南信息港")
    assert document["region_code"] == "520000" and rows[0]["region_code"] == "520000"


def test_hong_kong_macau_and_taiwan_as_trading_partners_or_investors_are_no_region():
    assert codes("对中国台湾地区、中国香港地区及日本分别进出口369.5亿、252.6亿、193.6亿元", "500000", None) == []
    assert codes("实际利用外资排前5位的地区和国家分别是香港、新加坡、日本、澳门、韩国", "610000", None) == []
    assert codes("香港特别行政区地区生产总值增长3.2%", "810000", None) == [("香港特别行政区", "810000")]
