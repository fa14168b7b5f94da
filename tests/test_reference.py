"""Reference data: the generated regions table, hand-kept aliases and the vocabularies, on real names."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline import reference


@pytest.fixture(scope="module")
def regions():
    return reference.regions()


@pytest.mark.parametrize("name, code", [
    ("临清", "371581"), ("临清市", "371581"), ("茌平", "371503"), ("茌平县", "371503"), ("茌平区", "371503"),
    ("青岛西海岸新区", "370211"), ("西海岸新区", "370211"), ("黄岛区", "370211"), ("莘县", "371522"),
    ("冠县", "371525"), ("东阿", "371524"), ("聊城", "371500"), ("山东", "370000"), ("广西", "450000"),
    ("聊城高新区", "371500"), ("聊城经济技术开发区", "371500"), ("鲁西经济开发区", "371522"),
    ("嘉明经济开发区", "371502"), ("黔南", "522700"), ("中华人民共和国", "100000"),
])
def test_names_and_aliases_map_to_one_code(regions, name, code):
    assert regions.names[name] == (code,)


def test_the_table_is_whole_and_consistent(regions):
    assert 3_000 < len(regions.by_code) < 3_600
    levels = {r.level for r in regions.by_code.values()}
    assert levels == set(reference.LEVELS)
    for r in regions.by_code.values():
        assert r.parent_code is None or r.parent_code in regions.by_code
    assert regions.ancestors("371581") == ["371581", "371500", "370000", "100000"]
    assert regions.by_code["110105"].parent_code == "110000"  # municipalities: districts under the province


def test_shared_names_are_marked_ambiguous(regions):
    assert regions.is_ambiguous("朝阳") and regions.is_ambiguous("吉林")
    frame = regions.frame()
    assert "朝阳" in frame.loc[frame.region_code == "110105", "ambiguous_names"].item()
    assert frame.loc[frame.region_code == "371503", "aliases"].item() == "茌平县"


def test_a_hand_alias_that_takes_another_regions_name_fails_on_load(monkeypatch):
    real = reference._read

    def fake(name):
        rows = real(name)
        return rows + [{"alias": "临清", "code": "371500", "note": "typo"}] if name == "region_aliases.csv" else rows

    monkeypatch.setattr(reference, "_read", fake)
    with pytest.raises(reference.ReferenceError, match="临清"):
        reference.regions.__wrapped__()


@pytest.mark.parametrize("text, code", [
    ("规上工业增加值", "industrial_value_added_above_scale"),
    ("规模以上工业增加值", "industrial_value_added_above_scale"),
    ("规下工业增加值", "industrial_value_added_below_scale"),
    ("全市规模以上轴承企业工业总产值", "industrial_output"),
    ("制造业增加值占GDP的比重", "manufacturing_share_of_gdp"),
    ("一般公共预算收入", "public_budget_revenue"),
    ("国家级专精特新“小巨人”企业", "little_giants"),
    ("5G基站总量", "base_stations_5g"),
    ("社会消费品零售总额", "retail_sales"),
    ("全年天气晴好", None),
    ("城镇居民人均可支配收入", "urban_per_capita_disposable_income"),  # not operating_revenue by 收入
    # X占Y的比重: Y is the base, whatever it names; a phrase holding 占 itself still counts
    ("产值占全县规上工业产值的比重", "output_value"),
    ("工业投资占全部投资的比重", "industrial_investment"),
    ("占全省的比重", None),
    ("项目占地面积", "land_area"),
    # the phrase that ends last is the head: what is measured, not the scope before it
    ("规上工业企业营业收入", "operating_revenue"),
    ("规上工业亩均税收", "tax_revenue"),
    ("改造轴承企业平均用工", "employment"),
    ("重点项目投资", "project_investment"),
    # unless it is a generic head, which the phrase before it names the kind of
    ("数字化转型企业", "digital_transformation_enterprises"),
    ("国家级专精特新“小巨人”企业", "little_giants"),
    # statistical releases: balances, components of investment, sectors, prices (no count code of their scope)
    ("全市金融机构本外币各项存款余额", "deposit_balance"),
    ("人民币各项贷款余额", "loan_balance"),
    ("全市规上工业", "industrial_value_added_above_scale"),  # 全市规上工业增长6.8%
    ("拉动全市规上工业增长", None),  # points of growth pulled, not the value added itself
    ("规模以上工业企业增加值", "industrial_value_added_above_scale"),
    ("全市规上工业企业", "enterprises_above_scale"),
    ("房地产开发投资", "real_estate_investment"),
    ("民间投资", "private_investment"),
    ("第三产业增加值", "tertiary_industry_value_added"),
    ("农村居民人均生活消费支出", "rural_per_capita_consumption_expenditure"),
    ("居民消费价格", "consumer_prices"),
    ("全县旅游总收入", "tourism_revenue"),
    # a measure no phrase holds, after the scope: not the scope's code (企业 is no value added)
    ("全省小型企业增加值", None),
    ("全市金融机构本外币存款余额较年初增加", None),  # a change of the balance, not the balance
    ("人均生产总值", "per_capita_gdp"),  # not gdp
    ("高技术制造业增加值", "high_tech_manufacturing_value_added"),  # not manufacturing
    ("全市规模工业增加值", "industrial_value_added_above_scale"),  # 规模工业: above scale, as said in Hunan
    ("地方财政一般预算收入", "public_budget_revenue"),
    ("农民人均纯收入", "rural_per_capita_net_income"),  # not operating_revenue, nor disposable income
    ("对全市工业增长的贡献率", None),  # a contribution to industry's growth is not one to GDP's
    ("三次产业对经济增长的贡献率", "contribution_to_gdp_growth"),
    ("服务业增加值对全市经济增长的贡献率", "contribution_to_gdp_growth"),  # not gdp by 经济增长
    ("制造业对规上工业增长的贡献率", None),  # a share of industry's growth: not industry's value added
    ("税收总收入", "tax_revenue"), ("原国税收入", "tax_revenue"),  # not operating_revenue by 收入
    ("一般公共预算本级收入", "public_budget_revenue"), ("地方公共预算收入", "public_budget_revenue"),
    ("规上工业综合能源消费量", "energy_consumption"),  # not industrial value added by 规上工业
    ("餐饮收入", "catering_revenue"), ("合同利用外资", "contracted_foreign_investment"),  # not actually used
    ("新设外商投资企业", "new_foreign_invested_enterprises"), ("对外协议投资额", "outward_investment"),
    ("光伏装机容量", "installed_capacity"), ("全县生猪出栏", "hog_slaughter"), ("生猪存栏", "hog_inventory"),
    ("粮食播种面积", "grain_sown_area"), ("农作物播种面积", "sown_area"), ("网络零售额", "online_retail_sales"),
    ("限额以上消费品零售额", "retail_sales_above_quota"),
])
def test_indicator_phrases_map_by_their_head_synonym(text, code):
    assert reference.indicators().code_of(text) == code


@pytest.mark.parametrize("text, code", [
    ("规模以上轴承企业", "bearings"), ("新能源汽车产量", "new_energy_vehicles"), ("汽车产业规上企业", "automotive"),
    ("精品钢板产业", "steel"), ("铝精深加工", "aluminium"), ("生物医药企业", "biomedicine"), ("会议", None),
    ("电子信息产业占全市规上工业比重", "next_gen_it"), ("产值占汽车产业的比重", None),
])
def test_industry_words_map_to_sectors(text, code):
    assert reference.industries().code_of(text) == code


def test_the_longest_phrase_found_wins_and_a_tie_goes_to_the_phrase_listed_first():
    vocabulary = reference.Vocabulary(pd.DataFrame(), {"工": "one", "产业": "first", "工业": "second", "工业园区": "long"})
    assert vocabulary.code_of("推动工业产业升级") == "first"  # 工业 and 产业 tie; 产业 is listed first
    assert vocabulary.code_of("工业园区建设") == "long"
    assert vocabulary.code_of("工人") == "one"
    assert vocabulary.code_of("农田") is None


def test_reference_tables_have_rows_for_outputs():
    assert len(reference.table_rows("regions")) == len(reference.regions().by_code)
    assert {r["code"] for r in reference.table_rows("indicators")} >= {"gdp", "retail_sales", "tax_revenue"}
    assert reference.table_rows("metrics") == []
