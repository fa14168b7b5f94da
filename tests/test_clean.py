"""Cleaning rules, each on real lines from Chinese news pages."""
from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline import clean
from pipeline.ingest import RawDocument, text_segments


def document(text: str) -> RawDocument:
    return RawDocument("0" * 16, "x.txt", "txt", "utf_8", text, text_segments(text))


# --- pinyin readings ------------------------------------------------------------------

def test_pinyin_readings_after_characters_are_removed():
    raw = "聊城市民營經(jīng)濟高質(zhì)量發(fā)展系列新聞發(fā)布會"
    assert clean.clean_sentence(raw) == "聊城市民营经济高质量发展系列新闻发布会"


@pytest.mark.parametrize("raw, kept", [
    ("本報訊 (記者 馬永偉 劉男) 6月7日", "(记者 马永伟 刘男)"),
    ("特色產業集群(山東省僅5個、聊城市唯一一個)。", "(山东省仅5个、聊城市唯一一个)"),
    ("東阿縣生物醫藥(阿膠+)產業鏈", "(阿胶+)"),
    ("广播电视节目制作经营许可证(鲁)字第720号", "(鲁)"),
])
def test_parentheses_that_are_not_readings_stay(raw, kept):
    assert kept in clean.clean_sentence(raw)


def test_toneless_readings_only_go_where_the_text_has_toned_ones():
    assert clean.clean_sentence("我們(men)的", toneless_pinyin=True) == "我们的"
    # a lowercase word in brackets in ordinary text is not a reading
    assert clean.clean_sentence("华为(huawei)公司") == "华为(huawei)公司"


# --- script and width -----------------------------------------------------------------

def test_traditional_becomes_simplified():
    raw = "臨清軸承逆勢上揚,規上企業產值實現增長20.39%。"
    assert clean.clean_sentence(raw) == "临清轴承逆势上扬，规上企业产值实现增长20.39%。"


def test_full_width_digits_letters_percent_and_brackets_become_half_width():
    assert clean.clean_sentence("增长１５．６２％（ＧＤＰ）") == "增长15.62%(GDP)"


def test_half_width_punctuation_between_chinese_becomes_full_width_but_not_in_numbers():
    assert clean.clean_sentence("6月7日,市政府新闻办召开发布会;日期:2022-08-10") == \
        "6月7日，市政府新闻办召开发布会；日期：2022-08-10"
    assert clean.clean_sentence("总额1,500万元") == "总额1,500万元"


def test_whitespace_is_collapsed_and_trimmed():
    assert clean.clean_sentence("\u3000\u3000信网记者  赵宝辉\t通讯员 何琳 ") == "信网记者 赵宝辉 通讯员 何琳"


def test_offsets_map_every_cleaned_character_back():
    raw = "  規上工業增加值同比增長(zhǎng)7.5%,規下工業"
    text, index_map = clean.clean_span(raw)
    assert text == "规上工业增加值同比增长7.5%，规下工业"
    assert len(index_map) == len(text)
    assert raw[index_map[0]] == "規"
    assert raw[index_map[text.index("7")]] == "7"
    assert index_map == sorted(index_map)


# A line as a segment holds it: no line break, but anything else pinyin, width and space rules see.
LINE = st.text(st.one_of(
    st.characters(blacklist_characters="\n"),
    st.sampled_from(list("經濟发展聊城臨清軸承產業规上工业增加值同比增长億萬元")),
    st.sampled_from(list("０１２３４５６７８９％（）［］，。！？；：、“”‘’《》…—」『")),
    st.sampled_from(list("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜjngzhxq()")),
    st.sampled_from(list(" \t\r\u3000\u00a0\u2002\u2009\u2028\u200b\ufeff,;:!?.%")),
), max_size=40)


@given(st.lists(LINE, max_size=6), st.booleans())
@example(["經(jīng)濟 ", "\u200b 發(fā)展,", " \u3000規上 \u200b 工業\r"], False)
def test_a_documents_lines_cleaned_together_come_out_as_each_line_alone(lines, toneless):
    text, index_map = clean._clean("\n".join(lines), toneless, by_line=True)
    alone_text, alone_map, offset = [], [], 0
    for line in lines:
        cleaned, line_map = clean.clean_span(line, toneless)
        alone_text.append(cleaned)
        alone_map += [offset + i for i in line_map] + [offset + len(line)]  # and the line break
        offset += len(line) + 1
    assert text == "\n".join(alone_text)
    assert index_map.tolist() == alone_map[:-1]



@given(st.text(st.sampled_from(list(" \t\n\u3000\u2028a经")), max_size=12))
def test_the_whitespace_runs_to_fix_are_all_runs_but_a_single_space_inside_a_line(text):
    for runs, to_fix in ((r"\s+", clean._SPACES_TO_FIX), (r"[^\S\n]+", clean._SPACES_TO_FIX_IN_LINE)):
        expected = [m.span() for m in re.finditer(runs, text)
                    if not (m.group() == " " and m.start() > 0 and text[m.start() - 1] != "\n"
                            and m.end() < len(text) and text[m.end()] != "\n")]
        assert [m.span() for m in to_fix.finditer(text)] == expected


def test_the_spelled_out_whitespace_is_every_character_backslash_s_matches():
    every = "".join(map(chr, range(0x110000)))
    assert re.findall(rf"[{clean._WHITESPACE}]", every) == re.findall(r"\s", every)
    in_line = clean._WHITESPACE.replace("\n", "")
    assert re.findall(rf"[{in_line}]", every) == re.findall(r"[^\S\n]", every)

@pytest.mark.parametrize("text, script", [
    ("臨清軸承產業已有國家級專精特新小巨人企業五家", "traditional"),
    ("临清轴承产业已有国家级专精特新小巨人企业五家", "simplified"),
    ("臨清軸承產業已有國家級專精特新小巨人企業五家临清轴承产业已有国家级专精特新小巨人企业五家", "mixed"),
    ("制造业制造业制造业", "simplified"),  # only OpenCC's other direction changes it
    ("Regional industry", "simplified"),
])
def test_script_is_told_by_how_much_opencc_changes_each_way(text, script):
    assert clean.detect_script(text) == script


_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@given(st.text(alphabet="臨清軸承產業經濟发展制造业乾隆麵條(jīngmen) \u3000\u200b\t,:;１Ａ％\n", max_size=80))
@example("民營經(jīng)濟\u3000 發(fā)展\u200b；製造業 制造业")
def test_cleaning_keeps_every_chinese_character_in_order_so_the_script_reads_them_off_it(text):
    """_script pairs each Chinese character of the raw text with the cleaned character it became,
    through the index map: that needs cleaning to drop none of them and to keep their order."""
    _cleaned, index_map = clean._clean(text, clean.has_pinyin_readings(text), by_line=True)
    behind = [text[i] for i in index_map.tolist()]
    kept = [k for k, ch in enumerate(behind) if _CHINESE.match(ch)]
    assert [behind[k] for k in kept] == _CHINESE.findall(text)


# --- sentences ------------------------------------------------------------------------

def test_sentences_split_at_terminal_punctuation_keeping_closing_quotes():
    text = "张学信说：“我们积极响应。交易额7.43亿元。”目前，信发集团每年创造经济效益超百亿元！是吗？对；好"
    parts = [text[a:b] for a, b in clean.split_sentences(text)]
    assert parts == ["张学信说：“我们积极响应。", "交易额7.43亿元。”", "目前，信发集团每年创造经济效益超百亿元！",
                     "是吗？", "对；", "好"]



@given(st.text(st.sampled_from(list("。！？；…”’」』)）》 ，a1经济\t")), max_size=30))
@example(" 好。 ”是吗？ ")
def test_sentence_spans_are_the_space_trimmed_wordy_matches_of_the_sentence_pattern(text):
    expected = []
    for m in clean._SENTENCE.finditer(text):
        lead = len(m.group()) - len(m.group().lstrip(" "))
        sentence = m.group().strip(" ")
        if clean._WORDY.search(sentence):
            expected.append((m.start() + lead, m.start() + lead + len(sentence)))
    assert clean.split_sentences(text) == expected

LONG_TOKENS = ["东昌府区", "临清市", "规上工业增加值", "12,345.6亿元", "增长8.2%", "7.5%", "1，000家", "，", "、", " ",
               "：", "（", "）", "abc", "3.14"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(LONG_TOKENS), min_size=400, max_size=2500))
def test_a_line_too_long_for_a_sentence_is_cut_into_pieces_that_keep_every_number_whole(tokens):
    """A table flattened into one line has no full stop: it is read as pieces of at most
    MAX_SENTENCE_CHARS, cut at clause breaks or spaces, never inside a number."""
    text = "".join(tokens).strip(" ")
    spans = clean.split_sentences(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    assert all(b - a <= clean.MAX_SENTENCE_CHARS for a, b in spans)
    assert all(text[a:b] == text[a:b].strip(" ") and clean._WORDY.search(text[a:b]) for a, b in spans)
    between = [text[b1:a2] for (_, b1), (a2, _) in zip([(0, 0)] + spans, spans + [(len(text), len(text))])]
    assert all(not gap.strip(" ") or not clean._WORDY.search(gap) for gap in between)  # nothing wordy is lost
    for m in re.finditer(r"[0-9A-Za-z.%][0-9A-Za-z.%,，]*[0-9A-Za-z.%]|[0-9A-Za-z.%]", text):
        assert any(a <= m.start() and m.end() <= b for a, b in spans), m.group()  # in one piece


def test_a_long_table_line_keeps_every_figure():
    from pathlib import Path

    from pipeline.run import process_file
    counties = ["东昌府区", "临清市", "阳谷县", "莘县", "茌平区", "东阿县", "冠县", "高唐县"]
    line = " ".join(f"{counties[i % 8]} 完成投资 {i + 1}.5亿元" for i in range(600))
    text = "聊城市2024年上半年各县区投资完成情况\n" + line + "。\n"
    rows = process_file(Path("/in/a.txt"), Path("/in"), text.encode())
    assert len(line) > 10_000 and max(len(s["text"]) for s in rows["sentences"]) <= clean.MAX_SENTENCE_CHARS
    assert sorted(r["value_text"] for r in rows["metrics"]) == sorted(f"{i + 1}.5亿元" for i in range(600))


# --- site chrome ----------------------------------------------------------------------

FOOTER_PAGE = """本報訊 (記者 王培源) 6月7日,位于東昌府區嘉明經濟開發區的山東東閥制冷科技有限公司生產車間內,各種規格的產品整齊擺放。
工業是經濟工作的主體和增長引擎,工業穩則經濟穩。
2025-08-04 10:23:41
2025-02-13 10:19:29
聊城新聞網 2006-2025 版權所有 聊城市新聞傳媒中心/聊城市政府新聞辦公室 聯合主辦
互聯網新聞信息服務許可證編號:37120240004 魯ICP備09083931號 魯公網安備 37150202000134號
本網違法和不良信息舉報電話:18663509279 舉報郵箱:liufei@lcxw.cn"""


def test_timestamp_lists_and_copyright_licence_phone_footers_are_removed():
    cleaned = clean.clean_document(document(FOOTER_PAGE))
    body = "".join(s.text for s in cleaned.sentences)
    assert "工业是经济工作的主体和增长引擎" in body
    for chrome in ("2025-08-04", "版权所有", "ICP备", "举报电话", "许可证"):
        assert chrome not in body
    assert cleaned.source_name == "聊城新闻网"
    assert cleaned.published_date.isoformat() == "2025-06-07"
    assert cleaned.date_basis == "inferred"
    assert cleaned.script == "traditional"


def test_a_target_year_is_no_clue_to_the_publication_year():
    lead = "本报讯（记者 李明）7月15日，记者从成都高新区获悉，今年上半年该区新签约重大项目47个。\n"
    target = "该区计划到2027年，电子信息产业规模突破万亿元。"
    cleaned = clean.clean_document(document(lead + target))
    assert (cleaned.published_date, cleaned.date_basis) == (None, "none")
    cleaned = clean.clean_document(document(lead + "2025年全区工业投资增长12%。" + target))
    assert cleaned.published_date.isoformat() == "2025-07-15"
    cleaned = clean.clean_document(document(lead + "2025年全区工业投资增长12%。力争2028年底前建成投产。"))
    assert cleaned.published_date.isoformat() == "2025-07-15"


def test_the_base_year_of_a_comparison_is_no_clue_to_the_publication_year():
    lead = "8月5日，记者从上半年全市国民经济运行情况新闻发布会上获悉，我市农业生产形势良好。\n"
    base = "全市规模以上工业增加值同比增长13.3%，比2019年同期增长13.5%，两年平均增长6.5%。"
    cleaned = clean.clean_document(document(lead + base))
    assert (cleaned.published_date, cleaned.date_basis) == (None, "none")  # the article is 2021's, not 2019's
    cleaned = clean.clean_document(document(lead + "2021年上半年，" + base))
    assert cleaned.published_date.isoformat() == "2021-08-05"


def test_a_date_line_with_its_label_first_is_chrome_and_a_month_range_headline_is_no_timestamp():
    page = ("1-10月份全县工业经济运行稳中向好\n发布时间：2024-11-18 来源：临朐县工业和信息化局\n"
            "1-10月份，全县规模以上工业企业实现营业收入386.7亿元，同比增长9.6%。")
    cleaned = clean.clean_document(document(page))
    assert cleaned.title == "1-10月份全县工业经济运行稳中向好"
    assert [s.text for s in cleaned.sentences] == ["1-10月份，全县规模以上工业企业实现营业收入386.7亿元，同比增长9.6%。"]
    assert (cleaned.published_date.isoformat(), cleaned.source_name) == ("2024-11-18", "临朐县工业和信息化局")


def test_a_headline_with_a_mark_inside_above_the_date_line_is_the_title_not_prose():
    page = ("总投资320亿元！我区集中签约18个重大项目\n2024-06-18 10:05 来源：南京江宁发布\n"
            "6月17日，江宁区2024年重大项目集中签约活动举行，共签约项目18个，总投资320亿元。")
    cleaned = clean.clean_document(document(page))
    assert (cleaned.title, str(cleaned.published_date), cleaned.date_basis, cleaned.source_name) == (
        "总投资320亿元！我区集中签约18个重大项目", "2024-06-18", "explicit", "南京江宁发布")
    assert [s.text[:6] for s in cleaned.sentences] == ["6月17日，"]


def test_a_source_line_dates_the_page():
    page = "我市新材料产业集群规模突破千亿\n来源：株洲日报 2024-12-05\n记者从市工信局获悉，全市新材料产业集群规上企业达到312家。"
    cleaned = clean.clean_document(document(page))
    assert (str(cleaned.published_date), cleaned.date_basis, cleaned.source_name) == ("2024-12-05", "explicit", "株洲日报")


def test_a_date_line_is_no_masthead_but_may_name_the_site():
    page = "2024年昆山市国民经济和社会发展统计公报\n发布日期：2025-03-20\n初步核算，2024年全市实现地区生产总值5140.6亿元。"
    cleaned = clean.clean_document(document(page))
    assert (cleaned.source_name, cleaned.published_date.isoformat()) == (None, "2025-03-20")
    dated = clean.clean_document(document("2024-11-25 信网\n西海岸新区21家企业被认定为工业互联网项目。"))
    assert (dated.source_name, dated.published_date.isoformat()) == ("信网", "2024-11-25")  # was 2024


def test_a_plain_text_article_s_headline_is_its_title():
    page = "成都高新区：上半年新签约重大项目47个 总投资超千亿\n本报讯 7月15日，记者从成都高新区获悉，该区新签约重大项目47个。"
    cleaned = clean.clean_document(document(page))
    assert cleaned.title == "成都高新区：上半年新签约重大项目47个 总投资超千亿"
    assert [s.text for s in cleaned.sentences] == ["本报讯 7月15日，记者从成都高新区获悉，该区新签约重大项目47个。"]
    prose_first = "记者从成都高新区获悉，该区新签约重大项目47个。\n其中，百亿级项目3个。"
    assert clean.clean_document(document(prose_first)).title is None


NAV_PAGE = """Network
當(dāng)前位置:主頁(yè) > 新聞中心 > 產(chǎn)業(yè)規(guī)劃 >
- 高新院新聞
- 政策解讀
- 區(qū)域經(jīng)濟(jì)研究
- 一帶一路新聞
聊城實(shí)施制造業(yè)強(qiáng)市戰(zhàn)略,壯大產(chǎn)業(yè)規(guī)模20條產(chǎn)業(yè)鏈挺起制造脊梁
來(lái)源:高新院 achie.org 日期:2022-08-10 點(diǎn)擊:次
聊城緊緊圍繞省“十強(qiáng)”產(chǎn)業(yè),聚焦20條重點(diǎn)產(chǎn)業(yè)鏈,大力實(shí)施“制造業(yè)強(qiáng)市”戰(zhàn)略。
穿珠成“鏈”,優(yōu)化產(chǎn)業(yè)結(jié)構(gòu)
8月5日,在山東陽(yáng)平食品有限公司6000噸雜糧食品深加工項(xiàng)目生產(chǎn)車間,6條生產(chǎn)線馬力全開。
相關(guān)文章推薦:
聊城召開產業鏈大會
高唐縣新能源項目開工"""


def test_menus_breadcrumbs_source_line_and_related_articles_are_removed():
    cleaned = clean.clean_document(document(NAV_PAGE))
    texts = [s.text for s in cleaned.sentences]
    assert texts[0].startswith("聊城紧紧围绕省“十强”产业")
    body = "".join(texts)
    for chrome in ("Network", "当前位置", "政策解读", "一带一路新闻", "点击", "相关文章推荐", "高唐县新能源项目开工"):
        assert chrome not in body
    assert cleaned.title == "聊城实施制造业强市战略，壮大产业规模20条产业链挺起制造脊梁"
    assert cleaned.source_name == "高新院"
    assert (cleaned.published_date.isoformat(), cleaned.date_basis) == ("2022-08-10", "explicit")


def test_subheadings_stay_as_heading_sentences():
    cleaned = clean.clean_document(document(NAV_PAGE))
    headings = [s.text for s in cleaned.sentences if s.is_heading]
    assert headings == ["穿珠成“链”，优化产业结构"]


PORTAL_PAGE = """信网-青岛财经生活服务门户

西海岸先进制造业赋能攻坚战 19项攻坚任务顺利推进

2021/01/14 15:48 信网

阅读:

信网1月14日讯 回顾2020年，青岛西海岸新区先进制造业赋能攻坚战成绩斐然。全区汽车产业规上企业已达49家。

西海岸新区工信局局长谢龙目说。

[来源:信网 编辑:陈烛光]
信网版权稿件，欢迎转载。
转载时请保留完整信息，否则追究侵权责任。

青岛话题

一年卖出170辆保时捷 青岛女销冠：年收入不是300万

01/26 10:01 / 半岛都市报

连日来，“青岛女销售一年卖出170辆保时捷”的话题火遍全网。"""


def test_masthead_counter_repost_notice_and_teasers_after_the_article_are_removed():
    cleaned = clean.clean_document(document(PORTAL_PAGE))
    texts = [s.text for s in cleaned.sentences]
    assert texts[-1] == "西海岸新区工信局局长谢龙目说。"
    body = "".join(texts)
    for chrome in ("门户", "阅读", "2021/01/14", "版权稿件", "转载时请", "青岛话题", "保时捷", "半岛都市报"):
        assert chrome not in body
    assert cleaned.title == "西海岸先进制造业赋能攻坚战 19项攻坚任务顺利推进"
    assert cleaned.source_name == "信网"
    assert (cleaned.published_date.isoformat(), cleaned.date_basis) == ("2021-01-14", "explicit")
    assert cleaned.script == "simplified"


def test_lead_year_comes_from_the_lead_paragraph_before_the_footer():
    page = ("3月27日上午,市政府新聞辦舉辦新聞發布會。局長介紹了2024年聊城制造業提質工作謀劃及工作措施。\n"
            "2023年,全市工業佔GDP比重達31.7%。\n聊城新聞網 2006-2025 版權所有")
    cleaned = clean.clean_document(document(page))
    assert cleaned.published_date.isoformat() == "2024-03-27"


def test_a_page_without_any_date_says_so():
    cleaned = clean.clean_document(document("全市规上工业增加值同比增长7.5%，高于全省平均水平。"))
    assert (cleaned.published_date, cleaned.date_basis) == (None, "none")


GOVERNMENT_PAGE = """首页 > 政务公开 > 统计信息
一季度全市经济运行情况
发布时间：2023-04-21 10:30 来源：聊城市统计局 字号：大 中 小
一季度，全市规模以上工业增加值同比增长6.8%，高于全省1.2个百分点。
全市固定资产投资同比增长9.1%。
【打印本页】【关闭窗口】
扫一扫在手机打开当前页"""


def test_government_page_head_and_buttons_are_removed():
    cleaned = clean.clean_document(document(GOVERNMENT_PAGE))
    assert [s.text for s in cleaned.sentences] == ["一季度，全市规模以上工业增加值同比增长6.8%，高于全省1.2个百分点。",
                                                   "全市固定资产投资同比增长9.1%。"]
    assert cleaned.title == "一季度全市经济运行情况"
    assert cleaned.source_name == "聊城市统计局"
    assert (cleaned.published_date.isoformat(), cleaned.date_basis) == ("2023-04-21", "explicit")


def test_a_space_between_a_number_and_its_unit_is_dropped_but_not_after_a_date():
    raw = "同比增长2.2 %，支出28548 元。2024-03-05 来源：县统计局 10:33 编辑"
    text, index = clean.clean_span(raw)
    assert text == "同比增长2.2%，支出28548元。2024-03-05 来源：县统计局 10:33 编辑"
    assert [raw[i] for i in index] == list(text)  # each kept character maps back to itself


@pytest.mark.parametrize("first_lines, title", [
    (["分享"], "全市工业经济稳中向好"),
    (["| | | 2019年01月28日 星期一", "全市工业经济稳中向好"], "全市工业经济稳中向好"),
    (["首 页 区县招商 产业园区 企业选址 优惠政策 新闻中心"], "全市工业经济稳中向好"),
    (["本报广州电"], "全市工业经济稳中向好"),
])
def test_the_title_is_the_first_headline_over_the_prose_not_a_button_menu_or_dateline(first_lines, title):
    text = "\n".join(first_lines + ["全市工业经济稳中向好", "本报记者 林忠 摄",
                                   "1-9月，全市规模以上工业增加值同比增长7.5%，高于全省1.2个百分点。"])
    cleaned = clean.clean_document(document(text))
    assert cleaned.title == title
    assert [s.text for s in cleaned.sentences] == ["1-9月，全市规模以上工业增加值同比增长7.5%，高于全省1.2个百分点。"]


def test_zhu_left_by_opencc_is_the_particle_except_in_words_that_keep_it():
    assert clean.clean_span("隨著經濟發展，衣著類價格保持著穩定，著力打造顯著優勢的著名企業")[0] == \
        "随着经济发展，衣着类价格保持着稳定，着力打造显著优势的著名企业"


@pytest.mark.parametrize("line", ["特别声明：以上内容为自媒体平台上传并发布", "航拍射洪锂电高新产业园.jpg",
                                  "索引号：002590358/2022-77135", "指标 | 单位 | 1-9月 | 增长"])
def test_disclaimers_image_names_portal_metadata_and_table_rows_are_chrome(line):
    text = "全市工业经济稳中向好\n1-9月，全市规模以上工业增加值同比增长7.5%，高于全省1.2个百分点。\n" + line + "\n"
    cleaned = clean.clean_document(document(text))
    assert [s.text for s in cleaned.sentences] == ["1-9月，全市规模以上工业增加值同比增长7.5%，高于全省1.2个百分点。"]
    assert clean.clean_span("聚焦重点产业链，著力壮大产业规模")[0] == "聚焦重点产业链，著力壮大产业规模"  # simplified: as written


def test_a_headline_with_a_mark_inside_opening_the_page_is_the_title():
    text = "开门红！大庆一季度经济“成绩单”\n黑龙江 > 资讯 > 正文\n一季度，大庆实现地区生产总值660.5亿元，同比增长2.7%。\n"
    cleaned = clean.clean_document(document(text))
    assert cleaned.title == "开门红！大庆一季度经济“成绩单”"
    assert [s.text for s in cleaned.sentences] == ["一季度，大庆实现地区生产总值660.5亿元，同比增长2.7%。"]


@pytest.mark.parametrize("line, site", [("来源：乐山日报编辑", "乐山日报"), ("来源：admin", None),
                                        ("声明：绵阳市场信息网内容版权所有", "绵阳市场信息网")])
def test_a_source_names_the_site_without_labels_roles_or_user_accounts(line, site):
    text = "全市工业经济稳中向好\n1-9月，全市规模以上工业增加值同比增长7.5%，高于全省1.2个百分点。\n" + line + "\n"
    assert clean.clean_document(document(text)).source_name == site


@pytest.mark.parametrize("line", ["时间：2023-08-29 12:16:08来源： 意大利侨网", "( 2023-07-24 ) 稿件来源：新华社",
                                  "NBD图数馆 2018-03-20 10:33:06"])
def test_date_and_source_lines_are_chrome(line):
    text = "全市工业经济稳中向好\n" + line + "\n1-9月，全市规模以上工业增加值同比增长7.5%，高于全省1.2个百分点。\n"
    assert [s.text for s in clean.clean_document(document(text)).sentences] == [
        "1-9月，全市规模以上工业增加值同比增长7.5%，高于全省1.2个百分点。"]


# --- round 3: titles, headlines and line breaks on real articles ----------------------

def test_a_year_and_month_range_opening_a_headline_is_no_timestamp_line():
    page = "2021年1-6月份全区经济发展统计公报\n上半年，全区实现地区生产总值172.39亿元，同比增长18.6%。"
    cleaned = clean.clean_document(document(page))
    assert cleaned.title == "2021年1-6月份全区经济发展统计公报"  # was None: the line was taken for a date line
    assert [s.text[:4] for s in cleaned.sentences] == ["上半年，"]


def test_a_half_width_mark_after_a_percent_sign_ends_a_headline_line():
    page = ("成都高新区实现地区生产总值2034.2亿元!\n增长11.1%!\n两年平均增速9.5%!\n高于全国4.3\n全省3.7\n"
            "全市3.3个百分点!\n作为全市经济增长主支撑，今年以来，成都高新区经济运行稳定性增强。")
    texts = [s.text for s in clean.clean_document(document(page)).sentences]
    assert "增长11.1%！" in texts and "两年平均增速9.5%！" in texts  # were dropped as a menu of short lines


def test_a_hard_line_break_inside_a_sentence_is_no_sentence_end():
    raw = ("9月份，泉州进出口总值231.0亿元，同比增长6.5%；其中出口181.2亿元，同比增长\n28.3%。\n"
           "前三季度，出口机电产品306.8亿元，增长78.6%；进口原油、机电产品同比分别增长\n30.5%、25.3%。\n"
           "其中民营企业进出口增长近七成，市场采购贸易出口成倍增\n长，泉州外贸继续保持稳中提质态势。")
    sentences = clean.clean_document(document(raw)).sentences
    texts = [s.text for s in sentences]
    assert "其中出口181.2亿元，同比增长28.3%。" in texts  # was 其中出口181.2亿元，同比增长 / 28.3%。
    assert "进口原油、机电产品同比分别增长30.5%、25.3%。" in texts
    assert "其中民营企业进出口增长近七成，市场采购贸易出口成倍增长，泉州外贸继续保持稳中提质态势。" in texts
    for s in sentences:  # the raw span holds the line break, and nothing else the sentence does not
        assert raw[s.raw_start:s.raw_end].replace("\n", "") == s.text


def test_a_line_left_open_before_a_new_paragraph_or_heading_stays_apart():
    raw = ("1-4月，全市实现社会消费品零售总额193.42亿元，同比增长0.2%。\n"
           "1-4月，烟酒类商品零售额0.7亿元，同比增长154.7%\n三、汽车及石油消费低迷。\n"
           "全市城镇消费品零售额158.0亿元，同比下降0.9%\n1-4月，乡村消费品零售额35.43亿元，增长5.3%。")
    texts = [s.text for s in clean.clean_document(document(raw)).sentences]
    assert texts[1:] == ["1-4月，烟酒类商品零售额0.7亿元，同比增长154.7%", "三、汽车及石油消费低迷。",
                     "全市城镇消费品零售额158.0亿元，同比下降0.9%", "1-4月，乡村消费品零售额35.43亿元，增长5.3%。"]


def test_an_original_title_label_gives_the_title_and_no_sentence():
    page = ("原標題:前2月陜西實際利用外資同比增長25.54%\n"
            "大西北網訊 近日,記者從省商務廳獲悉:1月至2月,我省新設外商投資企業44家,同比增長33.33%。")
    cleaned = clean.clean_document(document(page))
    assert cleaned.title.startswith("前2月") and cleaned.title.endswith("同比增长25.54%")  # was 原标题：前2月…
    assert [s.text[:5] for s in cleaned.sentences] == ["大西北网讯"]
    repost = ("中旗计划投资2.2亿元新建新能源项目\n魅力霍林河 2020-06-05 09:16:00\n原标题：中旗计划投资2.2亿元新建新能源项目\n"
              "今年，中旗计划投资2.2亿元，继续新建风电、光伏项目。")
    assert [s.text[:3] for s in clean.clean_document(document(repost)).sentences] == ["今年，"]


def test_a_line_that_is_only_a_period_is_no_title():
    page = "关注我们\n今年前三季度\n成都高新区实现地区生产总值2034.2亿元！\n增长11.1%！\n作为全市经济增长主支撑，成都高新区经济运行稳定性增强。"
    assert clean.clean_document(document(page)).title != "今年前三季度"


def test_a_headline_above_a_date_line_after_the_article_is_the_title():
    page = ("今年以来，全区上下认真贯彻落实省、市、区重要决策部署，全区经济总体运行平稳。\n"
            "一般公共预算支出177915万元，同比增长16.6%。\n西工区11月国民经济运行情况简析\n"
            "获嘉县人民政府 xgq.xinxiang.gov.cn 时间：2025-02-25 14:56 浏览量：")
    cleaned = clean.clean_document(document(page))
    assert cleaned.title == "西工区11月国民经济运行情况简析"  # was None, and the headline a sentence
    assert [s.text[:4] for s in cleaned.sentences] == ["今年以来", "一般公共"]


@pytest.mark.parametrize("page, site", [
    ("清远市统计局\n2024年1-4月消费品零售总额运行简况\n来源:市统计局訪問量:-發布時間:2024-05-29\n"
     "1-4月,全市實現社會消費品零售總額193.42億元,同比增長0.2%。", "清远市统计局"),  # was 市统计局访问量
    ("山西经济日报太原10月24日讯(记者李若男)据太原海关统计，今年前三季度，我省货物贸易进出口1028.7亿元。\n"
     "民营企业持续发挥外贸“压舱石”作用。", "山西经济日报"),  # was 山西经济日报太原
    ("观光游览新疆石河子(四)_石河子市\n八师石河子市地处天山北麓中段，总面积6009平方公里。", None),  # was the title
    ("绵阳市超额完成2016年节能降耗目标任务\n2017年01月25日 14时36分\n来源：\n绵阳市统计局网站\n"
     "2016年，绵阳市单位GDP能耗下降5.1%。", "绵阳市统计局网站"),  # was None, and the name sentence 0
])
def test_the_source_name_is_the_site_alone(page, site):
    cleaned = clean.clean_document(document(page))
    assert cleaned.source_name == site
    assert not any(s.text == "绵阳市统计局网站" for s in cleaned.sentences)


def test_a_variant_form_opencc_leaves_is_simplified_in_place():
    raw = "前2月陜西實際利用外資同比增長25.54%，關中、陜北、陜南地區分別增長25.32%、55.84%、26.34%。"
    text, index = clean.clean_span(raw)
    assert text.startswith("前2月陕西实际利用外资") and "陕北、陕南" in text  # was 陜西, no region found
    assert len(index) == len(text) and raw[index[3]] == "陜"


ARTICLE_LINES = ["记者从人民银行贵阳中心支行获悉，3月末，我省金融机构人民币各项存款余额20721.8亿元，同比增长29.5%。",
                 "人民币各项贷款余额达15958.1亿元，同比增长20.7%，增速位列全国第四位。"]


@pytest.mark.parametrize("above, below", [
    (["关注我们"], ["分享："]),
    (["新闻热线：0855-8222000"], ["作者：田洋", "凡本网注明“来源：黔东南信息港”的所有作品，均为黔东南信息港合法拥有版权或有权使用的作品，"
                                       "未经本网授权不得转载、摘编或利用其它方式使用上述作品。已经本网授权使用作品的，应在授权范围内使用。"]),
    (["(资料图)"], ["关键词：", "质检", "推荐"]),
    (["channelId 1 1 1", "壟!-- /8962/web_cntv/dicengye_huazhonghua01 -->", "更多 今日话题",
      "壟!-- /8962/web_cntv/dicengye_huazhonghua02 -->", "更多 24小时排行榜"], ["(市商务局)"]),
    (["和平"], ["(周宁)"]),
    ([], ["福州市民使用消费券消费。林晓丽摄", "康梅"]),
    ([], ["附注", "1.指标解释", "社会消费品零售总额指企业(单位)通过交易售给个人、社会集团非生产、非经营用的实物商品金额。",
          "2.调查对象", "其中，限额以上企业(单位)是指年主营业务收入2000万元及以上的批发业企业(单位)。"]),
])
def test_chrome_around_the_article_is_no_sentence(above, below):
    cleaned = clean.clean_document(document("\n".join(above + ARTICLE_LINES + below)))
    assert [s.text for s in cleaned.sentences] == ARTICLE_LINES


def test_a_wire_story_s_end_mark_after_its_text_is_no_sentence():
    raw = "今年以来，广西凭祥发挥沿边优势，持续提升口岸通关便利化，为进出口货物提供集散功能。(完) 【编辑:胡寒笑】"
    assert [s.text for s in clean.clean_document(document(ARTICLE_LINES[0] + "\n" + raw)).sentences][1:] == [
        "今年以来，广西凭祥发挥沿边优势，持续提升口岸通关便利化，为进出口货物提供集散功能。"]


def test_html_tags_left_in_the_text_are_dropped_keeping_offsets():
    raw = ARTICLE_LINES[0] + '\n<p class="ql-block">2022年，八师市实现生产总值831.5亿元、增长6.5%。</p><p class="ql-block"><br></p>'
    sentences = clean.clean_document(document(raw)).sentences
    assert [s.text for s in sentences][1:] == ["2022年，八师市实现生产总值831.5亿元、增长6.5%。"]
    assert raw[sentences[1].raw_start:sentences[1].raw_end] == "2022年，八师市实现生产总值831.5亿元、增长6.5%。"


def test_a_question_mark_in_damaged_text_is_a_lost_character_and_its_reading_goes():
    raw = ("1—2月全區(qū)采礦業(yè)增加值同比增長6.4%,電力、熱力、燃?xì)饧八纳a(chǎn)和供應(yīng)業(yè)增加值同比增長8.3%。"
           "礦產(chǎn)資源主要有金、銀、銅、鐵、鉻、煤、石油、石灰?guī)r、螢石、水晶等。")
    texts = [s.text for s in clean.clean_document(document(raw)).sentences]
    assert texts == ["1—2月全区采矿业增加值同比增长6.4%，电力、热力、燃?饧八纳a和供应业增加值同比增长8.3%。",
                     "矿产资源主要有金、银、铜、铁、铬、煤、石油、石灰?r、萤石、水晶等。"]  # were cut at a ？


def test_a_relative_source_name_is_spelled_out_by_the_masthead_and_a_quote_ends_a_name():
    page = ("清远市统计局\n2024年1-4月消费品零售总额运行简况\n来源:市统计局访问量:-发布时间:2024-05-29\n"
            "1-4月，全市实现社会消费品零售总额193.42亿元，同比增长0.2%。")
    assert clean.clean_document(document(page)).source_name == "清远市统计局"  # was 市统计局访问量
    notice = ARTICLE_LINES[0] + "\n凡本网注明“来源：黔东南信息港”的所有作品，均为黔东南信息港合法拥有版权或有权使用的作品。"
    assert clean.clean_document(document(notice)).source_name == "黔东南信息港"


def test_a_date_alone_under_a_name_after_the_article_signs_it_and_gives_no_title():
    page = ("各镇政府、街道办事处，区政府各部门、直属各单位：现将实施意见印发给你们，请认真贯彻执行。\n"
            "宁波市鄞州区人民政府\n2023年6月15日\n为全面贯彻中央和省委省政府推动制造业高质量发展的决策部署，制定本意见。")
    assert clean.clean_document(document(page)).title is None


def test_a_number_alone_on_a_line_is_no_continuation():
    page = ARTICLE_LINES[0] + "\n▲利用外资单项排名TOP10 | 注：临平独立设区后，开发区名称暂未更改\n03\n" + ARTICLE_LINES[1]
    texts = [s.text for s in clean.clean_document(document(page)).sentences]
    assert not any(t.endswith("暂未更改03") for t in texts)


def test_a_question_mark_after_sentence_text_in_damaged_text_still_ends_it():
    raw = "地區(qū)生產(chǎn)總值增長6.5%,高于全省2.2個百分點?!?/p>全市工業增加值增長8%。"
    texts = [s.text for s in clean.clean_document(document(raw)).sentences]
    assert texts[0] == "地区生产总值增长6.5%，高于全省2.2个百分点？"
