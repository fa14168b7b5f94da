"""Metric extraction on single sentences: seeds' phrasing and other provinces' phrasing."""
from __future__ import annotations

import re

import pytest

from pipeline import extract
from pipeline.clean import Sentence
from pipeline.extract import extract_document, extract_sentence
from schemas import TABLES

DOC = "0123456789abcdef"


def rows(text: str, heading: bool = False) -> list[dict]:
    return extract_sentence(DOC, Sentence(0, 0, text, heading, 0, len(text)))


def one(text: str) -> dict:
    found = rows(text)
    assert len(found) == 1, [r["value_text"] for r in found]
    return found[0]


@pytest.mark.parametrize("text, value_text, value, unit, measure, qualifier, indicator", [
    # seeds' phrasing
    ("入驻轴承企业500多家。", "500多家", 500, "count", "count", "more_than", "轴承企业"),
    ("临清拿出1500余亩土地建设了示范区。", "1500余亩", 1500, "mu", "level", "more_than", "土地"),
    ("每家企业改造成本控制在10万元左右。", "10万元", 1e5, "CNY", "level", "approx", "改造成本"),
    ("计划投资总额737.4亿元。", "737.4亿元", 737.4e8, "CNY", "level", "exact", "投资总额"),
    ("力争5G基站总量突破1.2万个。", "1.2万个", 12_000, "count", "count", "more_than", "5G基站总量"),
    ("全社会研发投入占GDP的比重连续三年位居全省第3位。", "第3位", 3, "rank", "rank", "exact", "研发投入"),
    ("为辰康药业提供了5000万元的建设资金。", "5000万元", 5e7, "CNY", "level", "exact", "建设资金"),
    ("形成了年综合生产加工能力达1600万吨的产业集群。", "1600万吨", 1.6e7, "t", "level", "exact", "生产加工能力"),
    # other provinces, other phrasing
    ("苏州市实现地区生产总值24653.4亿元。", "24653.4亿元", 24653.4e8, "CNY", "level", "exact", "地区生产总值"),
    ("全市工业用电量达到120亿千瓦时。", "120亿千瓦时", 1.2e10, "kWh", "level", "exact", "工业用电量"),
    ("光伏组件出货量约3.5GWh。", "3.5GWh", 3.5e6, "kWh", "level", "approx", "光伏组件出货量"),
    ("全年出口额达12.5亿美元。", "12.5亿美元", 1.25e9, "USD", "level", "exact", "出口额"),
    ("新建标准厂房二十万平方米。", "二十万平方米", 2e5, "m2", "level", "exact", "标准厂房"),
    ("新建园区用地120公顷。", "120公顷", 1.2e6, "m2", "level", "exact", "园区用地"),
    ("能源消费总量控制在1500万吨标准煤以内。", "1500万吨标准煤", 1.5e7, "tce", "level", "at_most", "能源消费总量"),
    ("全市粮食总产量达到95.6亿斤。", "95.6亿斤", 4.78e9, "kg", "level", "exact", "粮食总产量"),
    ("该县粮食种植面积稳定在80万亩左右。", "80万亩", 8e5, "mu", "level", "approx", "粮食种植面积"),
    ("宁波舟山港完成集装箱吞吐量3530万标箱。", "3530万标箱", 3.53e7, "TEU", "level", "exact", "集装箱吞吐量"),
    ("全年新增高新技术企业1,200家。", "1,200家", 1200, "count", "count", "exact", "高新技术企业"),
    ("全市建成1,200个充电桩。", "1,200个", 1200, "count", "count", "exact", "充电桩"),  # 1,200: one figure, no break
    ("全省共有省级开发区一百零八个。", "一百零八个", 108, "count", "count", "exact", "省级开发区"),
    ("全市现有规上企业近3000家。", "3000家", 3000, "count", "count", "nearly", "规上企业"),
    ("亏损企业占比不到1%。", "1%", 1, "percent", "share", "at_most", "亏损企业"),
    ("产品合格率提高到百分之九十五。", "百分之九十五", 95, "percent", "share", "exact", "合格率"),
    ("汉服线上销售额约占全国的三分之一。", "三分之一", 100 / 3, "percent", "share", "approx", "汉服线上销售额"),
    ("出口额增长四分之一。", "四分之一", 25, "percent", "growth_rate", "exact", "出口额"),
    ("吸纳就业超过1.5万人。", "1.5万人", 15_000, "count", "count", "more_than", "就业"),
    ("工业增速居全省首位。", "首位", 1, "rank", "rank", "exact", "工业增速"),
    ("外贸进出口总额下降3.2%。", "3.2%", -3.2, "percent", "growth_rate", "exact", "外贸进出口总额"),
    ("全市集成电路产量45.8亿块。", "45.8亿块", 45.8e8, "count", "count", "exact", "集成电路产量"),
    ("全年生产鞋类产品2.3亿双。", "2.3亿双", 2.3e8, "count", "count", "exact", "鞋类产品"),
    # an opening verb fused with 量/额/率 is part of the noun, not where the object starts
    ("每万人高价值发明专利拥有量达到120件。", "120件", 120, "count", "count", "exact", "每万人高价值发明专利拥有量"),
    ("全年项目签约额突破500亿元。", "500亿元", 500e8, "CNY", "level", "more_than", "项目签约额"),
    ("年度投资计划完成率达到95%。", "95%", 95, "percent", "share", "exact", "年度投资计划完成率"),
])
def test_figure(text, value_text, value, unit, measure, qualifier, indicator):
    r = one(text)
    assert (r["value_text"], r["unit"], r["measure"], r["qualifier"]) == (value_text, unit, measure, qualifier)
    assert r["value"] == pytest.approx(value)
    assert indicator in r["indicator_text"]
    assert r["evidence"][r["char_start"]:].startswith(r["value_text"])


def test_a_rank_verb_and_its_scope_name_no_indicator():
    assert one("全社会研发投入占GDP的比重连续三年位居全省第3位。")["indicator_text"] == "全社会研发投入占GDP的比重"
    assert one("家居产业产值居全省第一。")["indicator_text"] == "家居产业产值"  # 居 of 家居 is no verb
    assert [x["indicator_text"] for x in rows("铜精矿、电解铜产量均列全国首位。")] == ["铜精矿产量", "电解铜产量"]
    assert one("在全省开发区中综合排名24位。")["indicator_text"].endswith("综合排名")  # 排名 is a noun too


def test_first_place_words_are_rank_one_after_a_rank_verb():
    r = rows("全县规上工业增加值增长9.1%，增速位居全市之首，工业投资增幅居全市榜首。")
    assert [(x["value_text"], x["value"], x["unit"], x["indicator_text"]) for x in r] == [
        ("9.1%", 9.1, "percent", "全县规上工业增加值"), ("之首", 1, "rank", "全县规上工业增加值增速"),
        ("榜首", 1, "rank", "工业投资增幅")]
    assert rows("把项目建设摆在首位，作为全年工作之首。") == []


def test_a_regions_geography_is_no_figure_of_its_economy():
    r = rows("全境南北长约260千米，东西宽约110千米，边境线长175千米，总面积27495平方千米。")
    assert [(x["value_text"], x["unit"]) for x in r] == [("27495平方千米", "m2")]


def test_an_item_ending_in_a_measure_noun_takes_no_measure_of_the_last():
    assert [x["indicator_text"] for x in rows("全年粮食总面积、总产量稳居全市第二。")] == ["粮食总面积", "总产量"]


def test_du_is_kilowatt_hours_only_where_electricity_is_spoken_of():
    r = rows("全年全社会用电量12.6亿度，其中工业用电8.3亿度。")
    assert [(x["value"], x["unit"], x["indicator_text"]) for x in r] == [
        (1.26e9, "kWh", "全社会用电量"), (8.3e8, "kWh", "工业用电")]
    assert rows("今年平均气温比常年偏高1.5度。") == []


def test_a_counted_noun_phrase_ends_at_its_verb():
    assert [(r["value_text"], r["indicator_text"]) for r in rows("全县42个市级以上重点项目完成投资156.8亿元。")] == [
        ("42个", "市级以上重点项目"), ("156.8亿元", "市级以上重点项目投资")]  # the investment of those projects


def test_an_aspect_is_of_the_last_indicator_that_is_no_aspect_itself():
    r = rows("前三季度，全市规模以上工业增加值同比增长8.6%，高于全省平均水平1.4个百分点，增速居全省第三位。")
    assert [x["indicator_text"] for x in r] == ["全市规模以上工业增加值", "全市规模以上工业增加值高于全省平均水平",
                                                "全市规模以上工业增加值增速"]
    r = rows("工业税收同比增长16.8%，占全部税收比重达45.6%，同比提高4.6个百分点。")  # the points are the share's
    assert [x["indicator_text"] for x in r] == ["工业税收", "工业税收占全部税收比重", "工业税收占全部税收比重"]
    assert rows("全市新增规上工业企业186家，总数突破2100家。")[1]["indicator_text"] == "规上工业企业总数"
    r = rows("2024年潍坊市外贸进出口总值2371.7亿元，同比增长8.3%，规模居全省第4位。")
    assert r[2]["indicator_text"] == "潍坊市外贸进出口总值规模"
    r = rows("全市GDP增长5%，规模以上工业增加值增长6%。")  # a size class opens an indicator of its own
    assert [x["indicator_text"] for x in r] == ["全市GDP", "规模以上工业增加值"]
    r = rows("规上工业企业利润总额下降12.5%，降幅比上半年收窄3.2个百分点。")
    assert r[1]["indicator_text"] == "规上工业企业利润总额降幅比上半年收窄"


def test_a_place_alone_takes_the_measure_of_the_indicator_before_it():
    r = rows("淄博市规上工业增加值增长6.8%，潍坊市增长8.9%，全市增长9.1%。")
    assert [x["indicator_text"] for x in r] == ["淄博市规上工业增加值", "潍坊市规上工业增加值", "全市规上工业增加值"]
    assert one("聊城增长5%。")["indicator_text"] == "聊城"  # nothing before it to take


def test_numbers_listed_before_a_percentage_or_points_share_its_unit():
    r = rows("全市规上工业增加值增长7.2%，比全国、全省分别高出2.1、1.3个百分点。")
    assert [(x["value_text"], x["value"], x["unit"]) for x in r] == [
        ("7.2%", 7.2, "percent"), ("2.1", 2.1, "pp"), ("1.3个百分点", 1.3, "pp")]
    r = rows("一季度、上半年、前三季度，全区工业投资分别增长15.2、13.8和12.1%。")
    assert [(x["value"], x["unit"], x["measure"]) for x in r] == [
        (15.2, "percent", "growth_rate"), (13.8, "percent", "growth_rate"), (12.1, "percent", "growth_rate")]
    assert [x["value"] for x in rows("全市引进项目12、15个，增长5%。")] == [15, 5]  # only % and points are shared
    # … and, after 分别, amounts and counts in the last one's unit and magnitude
    r = rows("两大主导产业分别实现工业总产值775.28、112.91亿元，分别新增企业15、20家。")
    assert [(x["value_text"], x["value"], x["unit"]) for x in r] == [
        ("775.28", 775.28e8, "CNY"), ("112.91亿元", 112.91e8, "CNY"), ("15", 15, "count"), ("20家", 20, "count")]


def test_a_change_since_the_start_of_the_year_is_of_the_indicator_before_it():
    # … and named as a change of it: a second balance of the same day would mislead a side-by-side view
    r = rows("截至9月末，全市金融机构本外币存款余额达到8650亿元，较年初增加562亿元，较上年同期多增105亿元。")
    assert [x["indicator_text"] for x in r] == [
        "全市金融机构本外币存款余额", "全市金融机构本外币存款余额较年初增加", "全市金融机构本外币存款余额较上年同期多增"]
    r = rows("投产工业企业数1101户，比去年同期净增97户。")  # 数 before digits is no prefix of a numeral (数十家)
    assert [(x["value"], x["indicator_text"]) for x in r] == [
        (1101, "投产工业企业数"), (97, "投产工业企业数比去年同期净增")]
    assert rows("引进数十家企业。") == []


def test_a_per_capita_figure_keeps_its_denominator_and_the_denominator_is_no_figure():
    assert [(r["value_text"], r["indicator_text"]) for r in rows("每千人口拥有执业医师3.5人。")] == [
        ("3.5人", "每千人口执业医师")]
    assert one("全县每万人拥有发明专利12件。")["indicator_text"] == "每万人发明专利"


def test_a_sector_alone_takes_the_measure_of_the_indicator_before_it():
    r = rows("其中，汽车制造业增加值增长12.1%，电气机械和器材制造业增长9.8%。")
    assert [x["indicator_text"] for x in r] == ["汽车制造业增加值", "电气机械和器材制造业增加值"]
    assert rows("规上工业营业收入增长8%，其中制造业增长9%。")[1]["indicator_text"] == "制造业营业收入"
    assert one("全市服务业增长5%。")["indicator_text"] == "全市服务业"  # nothing before it to take


def test_a_milestone_after_the_figure_names_no_indicator():
    assert one("全市GDP首次突破5000亿元大关。")["indicator_text"] == "全市GDP"
    assert one("全市地区生产总值迈上5000亿元新台阶。")["indicator_text"] == "全市地区生产总值"


def test_an_average_growth_is_of_the_indicator_before_it():
    assert [(r["indicator_text"], r["comparison"]) for r in rows("全区规模以上工业增加值同比增长8.2%，两年平均增长6.5%。")] \
        == [("全区规模以上工业增加值", "yoy"), ("全区规模以上工业增加值", "avg_annual")]
    assert one("全市税收收入平均增长7%。")["indicator_text"] == "全市税收收入"


def test_bounds_follow_the_qualifier():
    exact, more, at_most, approx = (one(t) for t in ("企业5家。", "企业500多家。", "贷款5000万元以下。", "约70%。"))
    assert (exact["value_low"], exact["value_high"]) == (5, 5)
    assert (more["value_low"], more["value_high"]) == (500, None)
    assert (at_most["value_low"], at_most["value_high"]) == (None, 5e7)
    assert (approx["value_low"], approx["value_high"]) == (70, 70)


def test_ranges_take_the_low_end_as_value():
    r = one("引导各县打造1—2个百亿级产业集群。")
    assert (r["value"], r["value_low"], r["value_high"], r["unit"]) == (1, 1, 2, "count")
    assert "产业集群" in r["indicator_text"]
    money = one("项目总投资6-8亿元。")
    assert (money["value"], money["value_high"]) == (6e8, 8e8)
    pct = one("利润率提高50%—60%。")
    assert (pct["value"], pct["value_high"], pct["measure"]) == (50, 60, "growth_rate")
    spoken = one("引进三四十家企业。")
    assert (spoken["value_low"], spoken["value_high"]) == (30, 40)


def test_a_decrease_at_least_bounds_the_drop():
    r = rows("复工后产量、销量均下滑50%以上。")
    assert [x["value"] for x in r] == [-50, -50]
    assert (r[0]["value_low"], r[0]["value_high"], r[0]["qualifier"]) == (None, -50, "at_least")


def test_comparison_cues():
    growth, pp = rows("1—5月，全省规模以上工业增加值同比增长6.8%，比上年提高1.2个百分点。")
    assert (growth["comparison"], growth["measure"]) == ("yoy", "growth_rate")
    assert (pp["comparison"], pp["measure"], pp["unit"]) == ("yoy", "pp_change", "pp")
    assert "工业增加值" in pp["indicator_text"]  # a clause without a subject continues the previous one
    assert one("全市研发投入年均增长12%。")["comparison"] == "avg_annual"
    assert one("规上企业产值实现增长20.39%。")["comparison"] == "none"


def test_enumeration_pairs_each_indicator_with_its_figure():
    r = rows("今年1—4月份，全市规模以上轴承企业工业总产值、营业收入、利税同比增长15.62%、24.73%、35.78%。")
    assert [x["value"] for x in r] == [15.62, 24.73, 35.78]
    assert ["工业总产值" in r[0]["indicator_text"], r[1]["indicator_text"], r[2]["indicator_text"]] == \
        [True, "营业收入", "利税"]
    assert {x["comparison"] for x in r} == {"yoy"}
    pair = rows("营业收入、利润总额分别增长12.3%和8.1%。")
    assert [(x["indicator_text"], x["value"]) for x in pair] == [("营业收入", 12.3), ("利润总额", 8.1)]


def test_sectors_of_an_enumeration_share_the_measure_only_the_last_spells_out():
    r = rows("其中，纺织业、化纤业、印染业增加值分别增长9.1%、12.4%和5.3%。")
    assert [x["indicator_text"] for x in r] == ["纺织业增加值", "化纤业增加值", "印染业增加值"]
    assert [x["indicator_text"] for x in rows("用工、能耗减少20%。")] == ["用工", "能耗"]  # no measure to share
    r = rows("分市看，济南、青岛、烟台规上工业增加值分别增长9.1%、7.5%和10.2%。")  # the longest indicator phrase
    assert [x["indicator_text"] for x in r] == ["济南规上工业增加值", "青岛规上工业增加值", "烟台规上工业增加值"]


def test_coordinated_parts_before_respectively_are_one_indicator_each():
    r = rows("城乡居民人均可支配收入分别达到45230元、23150元，分别增长5.1%和6.8%。")
    assert [(x["value_text"], x["indicator_text"]) for x in r] == [
        ("45230元", "城镇居民人均可支配收入"), ("23150元", "农村居民人均可支配收入"),
        ("5.1%", "城镇居民人均可支配收入"), ("6.8%", "农村居民人均可支配收入")]
    r = rows("城镇和农村居民人均可支配收入分别增长4.5%和6.7%。")  # the first part takes the last one's measure
    assert [x["indicator_text"] for x in r] == ["城镇居民人均可支配收入", "农村居民人均可支配收入"]
    r = rows("工业、农业增加值分别增长3.1%和4.2%。")  # 农业增加值 is a name of its own, and shares its measure
    assert [x["indicator_text"] for x in r] == ["工业增加值", "农业增加值"]
    r = rows("产品标准率、企业利润率提高30%。")  # a rate needs no measure of the next one's
    assert [x["indicator_text"] for x in r] == ["产品标准率", "企业利润率"]
    assert one("城乡居民人均可支配收入达到35230元。")["indicator_text"] == "城乡居民人均可支配收入"  # one figure


def test_sectors_named_before_or_written_as_a_list_name_each_figure_of_a_list():
    r = rows("三次产业占GDP的比重为8.3:41.6:50.1,对经济增长的贡献率分别为6%、41.4%、52.6%,"
             "分别拉动GDP增长0.7个、5.1个、6.5个百分点。")
    sectors = ["第一产业", "第二产业", "第三产业"]
    assert [x["indicator_text"] for x in r] == [s + "对经济增长的贡献率" for s in sectors] + [
        s + "拉动GDP增长" for s in sectors]
    r = rows("第三产业投资下降8.2%,一、二、三产业占全市总投资的比重分别为16.5%、23.5%、60.0%。")
    assert [x["indicator_text"] for x in r[1:]] == [s + "占全市总投资的比重" for s in sectors]
    r = rows("第一、二、三产业对生产总值增长的贡献率分别为6.8%、73.7%和19.5%。")  # not 第第一产业
    assert [x["indicator_text"] for x in r] == [s + "对生产总值增长的贡献率" for s in sectors]
    r = rows("城乡居民收入分别增长8%和9%，分别高于全省1和2个百分点。")  # an aspect stays with the figures before
    assert [x["indicator_text"] for x in r[2:]] == ["城镇居民收入高于全省", "农村居民收入高于全省"]


def test_times_after_the_indicator_date_it_and_are_no_part_of_it():
    r = rows("全市规上工业增加值2022、2023年分别增长5.1%、6.8%。")
    assert [x["indicator_text"] for x in r] == ["全市规上工业增加值"] * 2
    assert one("全市固定资产投资今年1-9月增长6.8%。")["indicator_text"] == "全市固定资产投资"
    assert one("年末常住人口增长1.2%。")["indicator_text"] == "年末常住人口"  # a time that opens it stays


def test_one_rate_over_several_indicators_gives_one_row_each():
    r = rows("已改造企业平均用工、能耗减少20%。")
    assert [x["value"] for x in r] == [-20, -20]
    assert "用工" in r[0]["indicator_text"] and r[1]["indicator_text"] == "能耗"


def test_a_count_of_a_listed_group_stays_one_row():
    r = one("培育省级智能工厂、数字化车间15个以上。")
    assert (r["value"], r["qualifier"]) == (15, "at_least")
    assert one("征集智慧工业、智慧办公等5个领域。")["value"] == 5


def test_counts_with_their_own_indicators():
    r = rows("全市已有国家级“小巨人”企业5家、省级单项冠军5家、省级“专精特新”中小企业56家。")
    assert [x["value"] for x in r] == [5, 5, 56]
    assert ["小巨人" in r[0]["indicator_text"], "单项冠军" in r[1]["indicator_text"],
            "中小企业" in r[2]["indicator_text"]] == [True, True, True]
    assert {x["count_noun"] for x in r} == {"家"}


def test_chinese_numeral_counts():
    assert [(x["value"], x["count_noun"]) for x in rows("公司研发的五种产品已进入试生产，两条产业链日趋完备。")] == \
        [(5, "种"), (2, "条")]


def test_status_cues():
    assert one("力争数字经济核心产业增加值增长15%以上。")["status"] == "target"
    assert one("确保新增规上工业企业100家。")["status"] == "target"
    assert one("预计全年营业收入将突破500亿元。")["status"] == "expected"
    assert one("全市新签约计划总投资过亿元项目221个。")["status"] == "actual"
    assert one("计划投资总额737.4亿元。")["status"] == "actual"


@pytest.mark.parametrize("text", [
    "2023年5月12日15:30，记者拨打0531-12345678了解到。",  # dates, times, phone numbers
    "鲁ICP备12345678号-1，许可证编号37120190001。",  # licence and record numbers
    "加快5G基站和千兆光网建设。",  # numerals inside names
    "编制了《“十四五”高端化工产业规划》。",  # titles
    "深入践行“6293”工作思路，开展“千项技改、千企转型”行动。",  # slogans
    "瞄准世界500强和行业前50强企业。",  # ranking names
    "打造一批百亿级、千亿级产业集群。",  # size classes and idioms
    "实现省级先进制造业集群零的突破，采取一系列措施。",  # idioms
    "海湾化学二期项目成功试车，入选全市首条示范线，获评四级工厂，被誉为中国蔬菜第一县。",  # ordinals
    "连续三年上榜，经过近20年研发，仅用4个月时间，确保70年不掉色。",  # durations and ages
    "冲击功从每平方厘米五六十焦耳提升到一百二十焦耳，性能提升了一倍。",  # product specifications
    "一个按照1:800比例还原的模型。",  # scale ratio
    "这是洛轴所唯一一家分院，也是一个缩影，主要做好三件事，形成“五个一”工作机制。",  # articles, idioms
    "持续做好汽车零部件配套。",  # 零 inside a word
    "把创新摆在首位。",  # 首位 as priority
    "重点抓好5个方面的工作，从三个方面推进改革。",  # the outline of a speech
])
def test_not_metrics(text):
    assert rows(text) == []


def test_headings_yield_nothing():
    assert rows("全市工业增加值增长7.5%", heading=True) == []


def test_document_rows_have_exactly_the_metrics_columns_and_ids_in_order():
    sentences = [Sentence(0, 0, "聚焦20条重点产业链。", False, 0, 11),
                 Sentence(1, 1, "增长7.5%", True, 11, 17),
                 Sentence(2, 1, "投资14亿元建设9条铁路专用线。", False, 17, 33)]
    out = extract_document(DOC, sentences)
    assert [tuple(r) for r in out] == [TABLES["metrics"].columns] * 3
    assert [(r["metric_id"], r["sentence_id"], r["value"]) for r in out] == [(0, 0, 20), (1, 2, 1.4e9), (2, 2, 9)]
    assert all(r[c] is None for r in out for c in ("region_code", "indicator", "industry", "period_start",
                                                    "period_end"))
    assert [r["indicator_text"] for r in out] == ["重点产业链", "投资", "铁路专用线"]


def test_the_document_scan_finds_what_each_sentence_alone_finds():
    """extract_document runs the figure pattern once over the joined sentences: a heading, an empty
    sentence and a 近 that ends one sentence must not change what the next one yields (万家 alone
    is no figure at a sentence start)."""
    texts = [("全市规上企业达到近", False), ("万家企业参与，新增产值12亿元。", False), ("", False),
             ("增长7.5%", True), ("营业收入同比增长12.6%，占比35.2%。", False), ("接近", False), ("万人次。", False)]
    sentences = [Sentence(i, i, t, h, 0, len(t)) for i, (t, h) in enumerate(texts)]
    alone = [r for s in sentences for r in extract_sentence(DOC, s)]
    together = extract_document(DOC, sentences)
    assert [{k: v for k, v in r.items() if k != "metric_id"} for r in together] == alone
    assert [r["value_text"] for r in together] == ["12亿元", "12.6%", "35.2%"]


@pytest.mark.parametrize("text, measure, value", [
    ("企业研发投入强度提高为5%。", "share", 5),  # 为 (reach) ends nearest: the rate reached
    ("企业研发投入增长率为5%。", "growth_rate", 5),  # but a rate of change reached is still a rate of change
    ("企业研发投入增长率5%。", "growth_rate", 5),  # 增长率 and 率 end together: the longer word wins
    ("出口额比重下降3%。", "growth_rate", -3),  # 下降 ends after 比重
    ("出口额下降后比重3%。", "share", 3),
])
def test_the_nearest_measure_cue_wins_and_ties_go_to_the_longer_word(text, measure, value):
    r = one(text)
    assert (r["measure"], r["value"]) == (measure, value)


@pytest.mark.parametrize("text", [
    "新增企业12家——其中规上企业3家。", "完成投资8亿元———同比增长6%。", "实现产值1,234万元—同比增长5%。",
    "累计引进项目36个（其中亿元以上项目12个），总投资超100亿元；", "增长5%—8%，到2025年达到30家"])
def test_a_figure_s_clause_ends_where_a_search_from_it_finds_the_next_break(text):
    """The clause breaks are found once per sentence; —— is one break, a lone — none."""
    plainly = re.compile(r"[，。；！？：;:!?()（）]|(?<!\d),|,(?!\d{3})|——")  # the same breaks, plainly spelled
    assert [m.span() for m in extract._CLAUSE_BREAK.finditer(text)] == [m.span() for m in plainly.finditer(text)]
    breaks = extract._clause_breaks(text)
    for m in extract._figure_pattern().finditer(text):
        for pos in m.span():
            after = extract._CLAUSE_BREAK.search(text, pos)
            assert extract._clause_end(text, breaks, pos) == (after.start() if after else len(text))


def test_trailing_and_leading_words_are_stripped_repeatedly():
    r = one("今年以来、全市工业技改投资同比已累计增长15%。")
    assert r["indicator_text"] == "全市工业技改投资"


def test_a_phrase_whose_first_character_opens_no_leading_word_has_none_to_strip():
    """left_phrase matches the leading words only in a phrase starting with a digit or a character of
    leading_first: no other character opens a match, whatever follows it."""
    lex = extract._lexicon()
    tails = ["0年", "年", "1月", "0-1月份", "1日", "来", "续三年", "续1年", *(w[1:] for w in extract._data(
        "metric_indicators.toml")["leading"])]
    chars = [chr(c) for r in (range(0x20, 0x2070), range(0x3000, 0x3100), range(0x4E00, 0xA000), range(0xFF00, 0xFFF0))
             for c in r]
    for c in chars:
        if c not in lex.leading_first and not c.isdecimal():
            assert all(lex.leading.match(c + tail).end() == 0 for tail in tails), c


@pytest.mark.parametrize("text, value_text, value, unit", [
    ("增速回落0.5百分点。", "0.5百分点", -0.5, "pp"),  # the 百 of 百分点 also reads as a magnitude
    ("降低1至2个百分点。", "1至2个百分点", -1.0, "pp"),
    ("出口增长5%-8%。", "5%-8%", 5.0, "percent"),  # a % inside the range
    ("利润增长十二点五%。", "十二点五%", 12.5, "percent"),
    ("规模扩大三十余倍。", "三十余倍", 3000.0, "percent"),
    ("产值增长1.5倍。", "1.5倍", 150.0, "percent"),
])
def test_percentages_points_and_multiples_after_any_number(text, value_text, value, unit):
    row = one(text)
    assert (row["value_text"], row["value"], row["unit"]) == (value_text, value, unit)


@pytest.mark.parametrize("text, value_text, value, unit", [
    ("日产鲜奶达500千克。", "500千克", 500.0, "kg"),  # units that start with a magnitude character
    ("装机容量达30万千瓦。", "30万千瓦", 3e5, "kW"),
    ("全年用电量1.2亿千瓦时。", "1.2亿千瓦时", 1.2e8, "kWh"),
])
def test_units_that_start_with_a_magnitude(text, value_text, value, unit):
    row = one(text)
    assert (row["value_text"], row["value"], row["unit"]) == (value_text, value, unit)


def test_an_official_category_name_with_enumeration_commas_is_one_indicator():
    assert [x["indicator_text"] for x in rows("分门类看，电力、热力、燃气及水生产和供应业增长9.2%。")] == [
        "电力、热力、燃气及水生产和供应业"]
    r = rows("采矿业、制造业、电力、热力生产和供应业增加值分别增长3.1%、5.6%、9.6%。")
    assert [x["indicator_text"] for x in r] == ["采矿业增加值", "制造业增加值", "电力、热力生产和供应业增加值"]
    assert one("粮油、食品类增长11.2%。")["indicator_text"] == "粮油、食品类"


def test_counts_of_a_list_that_ends_in_points_are_points():
    r = rows("食品制造业、农副食品加工业分别拉动全市规上工业增长1.3个、0.9个、1.8个百分点。")
    assert [(x["value"], x["unit"], x["measure"]) for x in r] == [
        (1.3, "pp", "pp_change"), (0.9, "pp", "pp_change"), (1.8, "pp", "pp_change")]
    assert [x["unit"] for x in rows("新建厂房1个、车间2个。")] == ["count", "count"]


@pytest.mark.parametrize("text", ["其中16个行业实现两位数增长。", "三次产业结构比为8.1:42.3:49.6。",
                                  "十种有色金属产量增长0.7%。"])
def test_numerals_of_statistical_terms_are_no_counts(text):
    assert [x["value_text"] for x in rows(text) if x["unit"] == "count" and x["value"] in (2, 3, 10)] == []


def test_a_short_aside_in_brackets_is_no_part_of_the_indicator_nor_a_clause_break():
    r = one("全市固定资产投资(不含农户)同比增长2.5%。")
    assert (r["indicator_text"], r["comparison"]) == ("全市固定资产投资", "yoy")
    assert one("农用化肥施用量(折纯)17362吨。")["indicator_text"] == "农用化肥施用量"
    r = one("与去年同期比较增长16.85%。")
    assert (r["indicator_text"], r["comparison"]) == (None, "yoy")


def test_same_below_makes_the_later_growth_rates_of_the_article_year_on_year():
    sentences = [Sentence(i, 0, t, False, 0, len(t)) for i, t in enumerate([
        "全年地区生产总值同比(下同)增长4.5%，规模以上工业增加值增长6.9%。",
        "固定资产投资增长3.1%，环比增长2%。"])]
    r = extract_document(DOC, sentences)
    assert [(x["value_text"], x["indicator_text"], x["comparison"]) for x in r] == [
        ("4.5%", "地区生产总值", "yoy"), ("6.9%", "规模以上工业增加值", "yoy"),
        ("3.1%", "固定资产投资", "yoy"), ("2%", "固定资产投资", "none")]
    assert [x["comparison"] for x in extract_document(DOC, sentences[1:])] == ["none", "none"]


def test_a_peers_figure_in_brackets_has_the_measure_of_the_figure_it_follows():
    r = rows("农村居民人均可支配收入增长7.3%(全省为5.6%)，占比为40.2%。")
    assert [(x["value"], x["measure"]) for x in r] == [(7.3, "growth_rate"), (5.6, "growth_rate"), (40.2, "share")]
    assert r[2]["indicator_text"] == "农村居民人均可支配收入占比"  # the aside is not what the share is of


def test_a_minus_sign_before_a_figure_makes_it_negative_but_a_dash_between_numbers_is_a_range():
    r = one("电力行业对全市工业增长的贡献率-12.5%。")
    assert (r["value_text"], r["value"]) == ("-12.5%", -12.5)
    assert one("1-4月全市出口增长5%。")["value"] == 5


def test_a_bare_measure_achieved_is_of_its_subject():
    assert one("分产业看，第一产业完成投资1.76亿元。")["indicator_text"] == "第一产业投资"
    assert one("全县规上服务业实现营业收入3.7亿元。")["indicator_text"] == "全县规上服务业营业收入"
    assert one("项目建成投运后可实现产值86亿元。")["indicator_text"] == "产值"  # 项目建成投运后可 is no subject
    assert one("入驻轴承企业500多家。")["indicator_text"] == "轴承企业"  # only a measure achieved


def test_a_threshold_before_de_and_a_class_or_its_count_names_a_size_class():
    assert [x["value_text"] for x in rows("过5亿元的项目16个。")] == ["16个"]
    assert [x["value_text"] for x in rows("年营业收入超1000亿元的2个，超500亿元的5个。")] == ["2个", "5个"]
    assert [x["value_text"] for x in rows("总投资5亿元的项目开工。")] == ["5亿元"]  # no threshold: the amount


def test_ranks_without_wei_and_moves_in_a_ranking():
    r = rows("累计开发面积96.12平方公里，全省第二，同比增长2.07%。")
    assert [(x["value_text"], x["unit"], x["indicator_text"]) for x in r] == [
        ("96.12平方公里", "m2", "开发面积"), ("第二", "rank", "开发面积"), ("2.07%", "percent", "开发面积")]
    r = rows("位居全国百强县投资潜力第3、新型城镇化质量第4、县域经济基本竞争力第5。")
    assert [(x["value"], x["unit"]) for x in r] == [(3, "rank"), (4, "rank"), (5, "rank")]
    assert (one("在全省开发区中综合排名24位。")["unit"]) == "rank"
    assert rows("位次前移6位。") == [] and rows("排名跃升了18位。") == []
    assert one("引进3位院士。")["unit"] == "count"
    assert rows("全市居民第二产业从业人员增长3%。")[0]["unit"] == "percent"  # 居 of 居民 ranks nothing


@pytest.mark.parametrize("text, value", [("增幅达到了8.75%。", 8.75), ("居民消费价格涨幅控制在4%左右。", 4),
                                         ("降幅为2.1%。", -2.1), ("万元GDP能耗降低率6.07%。", -6.07),
                                         ("工业投资增幅进一步扩大到25.7%。", 25.7), ("降幅收窄至2.1%。", -2.1),
                                         ("全市人均地区生产总值同比11.4%。", 11.4),
                                         ("单位地区生产总值综合能耗[3]-3.3%。", -3.3)])
def test_a_rate_of_change_stays_one_whatever_verb_states_it(text, value):
    r = one(text)
    assert (r["measure"], r["value"]) == ("growth_rate", value)


def test_tenths_before_a_noun_are_a_part_of_those_things():
    r = one("全市近八成行业生产实现增长。")
    assert (r["value"], r["measure"], r["indicator_text"]) == (80, "share", "行业生产")
    assert one("出口增长两成。")["measure"] == "growth_rate"


@pytest.mark.parametrize("text, value_text, value, unit, indicator", [
    ("平均投资强度232.55万元/亩。", "232.55万元/亩", 2.3255e6, "CNY_per_mu", "平均投资强度"),
    ("粮食单产为252.14公斤/亩。", "252.14公斤/亩", 252.14, "kg_per_mu", "粮食单产"),
    ("单位GDP能耗为0.45吨标准煤/万元。", "0.45吨标准煤/万元", 0.45e-4, "tce_per_CNY", "单位GDP能耗"),
])
def test_a_rate_per_unit_keeps_its_denominator_in_the_unit(text, value_text, value, unit, indicator):
    r = one(text)
    assert (r["value_text"], r["unit"], r["indicator_text"]) == (value_text, unit, indicator)
    assert r["value"] == pytest.approx(value)


def test_an_aggregate_that_is_a_base_is_not_whose_figure_it_is():
    r = rows("全市规上工业增加值增长10.2%，高于全省2.2个百分点，比全国、全省分别高出3.4、3.9个百分点。")
    assert [x["subject"] for x in r] == ["全市"] * 4
    assert one("在全省16强县中排名第11位。")["subject"] is None


def test_words_of_real_releases_round_two():
    r = one("全市工业招商引资签约487.79亿元。")  # 签约 is signed, not 约 (approximately)
    assert (r["qualifier"], r["indicator_text"]) == ("exact", "全市工业招商引资")
    assert one("年产150亿瓦时动力电池项目。")["value"] == pytest.approx(1.5e7)  # 瓦时 in kWh
    assert [x["value_text"] for x in rows("大唐集团等百亿元工业项目落户。")] == []  # a size class
    assert one("实现产值百亿元。")["value"] == 1e10
    assert one("增速低于全市平均8.8个百分点。")["value"] == -8.8  # below: a negative gap, as 回落
    assert one("工业行业增长面达66.7%。")["measure"] == "share"
    assert [(x["value"], x["measure"]) for x in rows("同比增长分别为5%和5.2%。")] == [
        (5, "growth_rate"), (5.2, "growth_rate")]  # the change is 5 %, not a level reached
    assert [(x["value"], x["unit"]) for x in rows("出生率6.32‰，自然增长率-0.13‰。")] == [
        (6.32, "permille"), (-0.13, "permille")]
    assert rows("以二位数的速度快速增长。") == []


def test_lists_that_respectively_announce_as_many_figures_and_groups_that_do_not():
    r = rows("粮油食品类、日用品类和服装类分别实现零售额31.4、15.7、34.9亿元。")
    assert [x["indicator_text"] for x in r] == ["粮油食品类零售额", "日用品类零售额", "服装类零售额"]
    assert [x["indicator_text"] for x in rows("化学原料、煤炭和电力三大行业拉动规模以上工业增长7.7个百分点。")] == [
        "化学原料、煤炭和电力三大行业拉动规模以上工业增长"]  # the three together: one figure
    assert [x["unit"] for x in rows("铜精矿、电解铜产量均列全国首位。")] == ["rank", "rank"]


def test_a_comparison_base_after_the_indicator_is_no_part_of_it():
    assert one("全市外贸进出口较去年同期增长19.7%。")["indicator_text"] == "全市外贸进出口"
    r = rows("规上工业增加值增长8%，增速比一季度加快0.5个百分点。")
    assert r[1]["indicator_text"] == "规上工业增加值增速"
    assert one("地区生产总值可比价增长5.1%。")["indicator_text"] == "地区生产总值"
    assert one("增速比一季度放缓0.5个百分点。")["value"] == -0.5  # slowed: a negative change, as 回落


def test_value_added_is_a_noun_not_the_cue_to_increase():
    r = rows("1-9月，全市能源工业同比增长7.5%，占到全市工业增加值的83.4%。")
    assert [(x["value"], x["measure"], x["comparison"]) for x in r] == [(7.5, "growth_rate", "yoy"), (83.4, "share", "none")]


def test_an_aspect_before_respectively_is_of_each_figure_listed_before():
    r = rows("其中出口、进口分别增长5.2%和3.1%，增速分别高于全省1.2和0.8个百分点。")
    assert [x["indicator_text"] for x in r] == ["出口", "进口", "出口增速高于全省", "进口增速高于全省"]


def test_two_bases_of_one_change_are_no_list_of_indicators():
    r = rows("规上工业增加值增长8%，较一季度和上月分别回升1.1和0.8个百分点。")
    assert r[2]["indicator_text"] != "上月" and r[1]["indicator_text"] == r[2]["indicator_text"]


def test_places_in_a_ranking_are_ranks_and_indicators_of_a_report_card_are_no_counts():
    r = rows("排位分别由去年的20位、第7位上升为今年的11位、第5位。")
    assert [(x["value"], x["unit"]) for x in r] == [(20, "rank"), (7, "rank"), (11, "rank"), (5, "rank")]
    assert [x["value_text"] for x in rows("7项主要指标中，增速均高于全省。")] == []
    assert one("引进3位院士。")["unit"] == "count"


@pytest.mark.parametrize("text", ["县域贷款增加120亿元，占全部县域贷款增量的68.9%。", "贵阳贷款占全省新增贷款的46.8%。"])
def test_a_part_of_a_growth_is_a_share(text):
    assert [r["measure"] for r in rows(text) if r["unit"] == "percent"] == ["share"]


@pytest.mark.parametrize("text, value", [("增速落后于全省1.4个百分点。", -1.4), ("增速比全州低18.0个百分点。", -18.0),
                                         ("房地产开发投资拉低投资增速2.8百分点。", -2.8),
                                         ("规上工业企业亏损面同比缩小1.8个百分点。", -1.8)])
def test_points_behind_below_or_taken_off_are_negative(text, value):
    assert one(text)["value"] == value


@pytest.mark.parametrize("text, base, gap", [
    ("固定资产投资增速比全国平均水平(5.1%)高61.1个百分点。", ("全国平均水平", 5.1), ("固定资产投资增速比全国平均水平高", 61.1)),
    ("完成投资进度30%，低于时序进度(16.67%)3.82个百分点。", ("时序进度", 16.67), ("投资进度低于时序进度", -3.82)),
])
def test_a_bracketed_yardstick_is_the_rate_of_its_base_and_the_gap_is_named_by_the_base(text, base, gap):
    found = rows(text)
    yard, points = found[-2], found[-1]
    assert (yard["indicator_text"], yard["value"]) == base
    assert (points["indicator_text"], points["value"]) == gap


def test_a_bracketed_yardstick_takes_the_measure_of_the_rate_before_it():
    found = rows("规上工业增加值增长8%，较去年同期(6.2%)提高1.8个百分点。")
    assert [(r["value"], r["measure"]) for r in found] == [(8, "growth_rate"), (6.2, "growth_rate"), (1.8, "pp_change")]


@pytest.mark.parametrize("text, kept", [
    ("我旗列入市级政府投资5000万元以上、企业投资亿元以上重大项目27项。", ["27项"]),
    ("共有15个5000万以上项目和14个500—5000万项目开复工。", ["15个", "14个"]),
    ("全市现有年出栏生猪500头以上场户比去年同期增加127家。", ["127家"]),
    ("全市出栏50头以上的养殖户达到120户。", ["120户"]),
    ("共谋划209项10亿元新建工业项目。", ["209项"]),
    ("农产品销售额超过500万元的淘宝村达到12个。", ["12个"]),
    ("引进50家以上企业。", ["50家"]),
])
def test_a_threshold_before_its_class_names_the_class(text, kept):
    assert [r["value_text"] for r in rows(text)] == kept


@pytest.mark.parametrize("text, kept", [
    ("坚持“一城引领、两业支撑、三大机遇、四区定位、五个振兴、六个坚持、七种能力、八个之路”。", []),
    ("新建三个产业园、四个基地。", ["三个", "四个"]),
    ("从6个旗县市增速看，大体分为三个层次。", []),
    ("上述3个行业合计增长5%。", ["5%"]),
    ("全年办好十件民生实事。", []),
])
def test_numbered_slogans_frames_and_counts_counted_before_are_no_counts(text, kept):
    assert [r["value_text"] for r in rows(text)] == kept


@pytest.mark.parametrize("text, value_text, value", [("能繁母猪存栏21 710头，同比增长10.98%。", "21 710头", 21710),
                                                     ("税收收入增长58. 1%。", "58. 1%", 58.1),
                                                     ("粮食产量增长20.26 万吨。", "20.26 万吨", 202600)])
def test_a_space_between_digits_is_a_thousands_separator_or_a_stray_after_the_point(text, value_text, value):
    assert (rows(text)[0]["value_text"], rows(text)[0]["value"]) == (value_text, value)


def test_a_fullwidth_comma_separates_thousands_only_before_a_word():
    r = rows("全市共有规上企业1，200家，同比增加35家。")
    assert [(x["value_text"], x["value"], x["indicator_text"]) for x in r[:1]] == [("1，200家", 1200, "规上企业")]
    r = rows("工业投资增长5.2%，100家企业开工。")  # after a decimal or a percentage the comma ends a clause
    assert [x["value_text"] for x in r] == ["5.2%", "100家"]


def test_renkou_is_one_word_of_people():
    assert (one("吸纳了828万人口就业。")["value_text"], one("吸纳了828万人口就业。")["indicator_text"]) == (
        "828万人口", "就业")


def test_a_bare_measure_after_a_subject_and_the_measure_of_the_clause_before():
    r = rows("住宿业完成营业额1.76亿元,增长3.1%;餐饮业完成营业额1.42亿元,增长17.4%。")
    assert [x["indicator_text"] for x in r] == ["住宿业营业额"] * 2 + ["餐饮业营业额"] * 2
    assert one("工业税收完成入库5.40亿元。")["indicator_text"] == "工业税收入库"
    assert one("止六月底累计完成产值84.82亿元。")["indicator_text"] == "产值"  # 止 and a time are no subject
    r = rows("1—6月份,全区规模以上工业产值同比增长30.3%,增加值增长18.7%。")
    assert [x["indicator_text"] for x in r] == ["全区规模以上工业产值", "全区规模以上工业增加值"]


def test_ranks_listed_and_ranks_after_a_first_verb():
    r = rows("社会消费品零售总额和限上社零额分别增长16.8%、33.3%,分别居吉林省第三和第一位。")
    assert [x["value"] for x in r if x["measure"] == "rank"] == [3, 1]
    assert [x["indicator_text"] for x in rows("全市出口、进口增速分别居全省第2位和第5位。")] == ["全市出口增速", "进口增速"]
    assert one("泉州外贸进出口总值居厦门、福州之后列福建省第三位。")["indicator_text"] == "泉州外贸进出口总值"
    r = rows("风力、太阳能发电量占清洁发电量的比重分别为57.6%、41.3%。")  # a share's 比重 is no shared aspect
    assert r[0]["indicator_text"] != "风力比重"


def test_each_item_before_ge_takes_the_head_the_last_spells_out():
    r = rows("新材料、生物科技、新能源、现代服务业项目各1个。")
    assert [x["indicator_text"] for x in r] == ["新材料项目", "生物科技项目", "新能源项目", "现代服务业项目"]


@pytest.mark.parametrize("text, value, unit, noun", [
    ("全社会用电量12.5亿千瓦小时。", 1.25e9, "kWh", None), ("辖区面积1200平方千米。", 1.2e9, "m2", None),
    ("新建线路35千米。", 35, "km", None), ("新增变电容量120万千伏安。", 1.2e6, "kVA", None),
    ("全区100宗重点项目。", 100, "count", "宗"), ("发放160万份消费券。", 1.6e6, "count", "份"),
    ("接待车辆30万辆次。", 3e5, "count", "辆次"),
])
def test_more_units_and_count_nouns(text, value, unit, noun):
    r = one(text)
    assert (r["value"], r["unit"], r["count_noun"]) == (value, unit, noun)


def test_items_of_a_list_in_the_last_ones_unit_keep_their_own_magnitude():
    found = rows("一般贸易、加工贸易、保税物流分别进出口369.5亿、252.6亿、193.6亿元。")
    assert [(r["value"], r["unit"], r["indicator_text"]) for r in found] == [
        (3.695e10, "CNY", "一般贸易进出口"), (2.526e10, "CNY", "加工贸易进出口"), (1.936e10, "CNY", "保税物流进出口")]


def test_a_multiple_in_a_list_of_growth_rates_is_one():
    found = rows("出口、进口、贸易顺差分别增长42.3%、1.2倍及11.8%。")
    assert [(r["value"], r["measure"]) for r in found] == [(42.3, "growth_rate"), (120, "growth_rate"), (11.8, "growth_rate")]


def test_changes_against_several_bases_are_each_of_the_indicator_before():
    found = rows("全区规上工业增加值同比增长13%，较上月回落2.1个百分点，较一季度回落14.2个百分点，较上年同期回落10.2个百分点。")
    assert [r["indicator_text"] for r in found[1:]] == ["全区规上工业增加值较上月", "全区规上工业增加值较一季度",
                                                        "全区规上工业增加值较上年同期"]
    found = rows("固定资产投资同比增长17.7%，较全国、全省、全市分别高10.4、6.2、6.3个百分点。")
    assert [r["indicator_text"] for r in found[1:]] == ["固定资产投资较全国高", "固定资产投资较全省高", "固定资产投资较全市高"]


def test_a_growth_after_a_share_is_of_what_the_share_is_of():
    assert [r["indicator_text"] for r in rows("区本级产值全区占比63.5%，同比增长3.9%。")] == ["区本级产值全区占比", "区本级产值"]


def test_a_level_of_a_base_year_is_of_the_indicator_before():
    found = rows("2017年实现畜牧业产值达7.899亿元,较2016年7.262亿元增长8%。")
    assert [r["indicator_text"] for r in found] == ["畜牧业产值"] * 3
    assert rows("综合能源消费量12万吨标准煤，同比减少0.71万吨标准煤。")[1]["indicator_text"] == "综合能源消费量同比减少"


def test_a_figure_for_each_of_a_list_is_one_row_per_item():
    assert [(r["indicator_text"], r["value"]) for r in rows("国家级经开区、高新区和农业科技园区各1个。")] == [
        ("国家级经开区", 1), ("高新区", 1), ("农业科技园区", 1)]
    assert [r["indicator_text"] for r in rows("新增省级专精特新企业和瞪羚企业各5家。")] == ["省级专精特新企业", "瞪羚企业"]


def test_a_share_of_a_stated_whole_is_named_by_its_part_not_by_de():
    found = rows("全县生猪出栏127.24万头，占计划数127.23万头的100.01%。")
    assert (found[-1]["measure"], found[-1]["indicator_text"]) == ("share", "全县生猪出栏占计划数")


def test_a_new_base_replaces_the_old_one_and_a_change_from_a_base_stays_a_change():
    found = rows("三大主导产业产值增速较上月分别下降4.6、0.2、5.0个百分点，较一季度分别下降10.0、23、24.6个百分点。")
    assert found[3]["indicator_text"] == "三大主导产业产值增速较一季度"
    assert rows("有投资额项目934个，较上年同期增加109个。")[1]["indicator_text"] == "有投资额项目较上年同期增加"
