-- Views of outputs/regional_industry.duckdb, built by pipeline/publish.py over the stored tables.
-- Each view's grain is in publish.VIEWS (written as COMMENT ON VIEW); statements are separated by
-- lines holding only ";". The pivot `region_comparison` is generated in publish.py because its
-- columns depend on the regions present. Write only SQL that DuckDB 1.0 understands: the file
-- must open in older clients (no lambdas, no 2.x-only functions).

-- A region's city and province come from the regions table's parent chain (levels country, province,
-- prefecture, county); a county of a municipality (北京, 天津, 上海, 重庆) belongs to the municipality.
-- Codes missing from the regions table fall back to the GB/T 2260 structure PPCCDD.
CREATE VIEW metrics_enriched AS
WITH hierarchy AS (
    SELECT r.region_code, r.name, r.level,
           CASE WHEN r.level = 'prefecture' THEN r.region_code
                WHEN r.level = 'province' AND r.region_code IN ('110000', '120000', '310000', '500000') THEN r.region_code
                WHEN r.level = 'county' AND (p.level = 'prefecture'
                     OR p.region_code IN ('110000', '120000', '310000', '500000')) THEN p.region_code END AS city_code,
           CASE WHEN r.level = 'province' THEN r.region_code
                WHEN p.level = 'province' THEN p.region_code
                WHEN g.level = 'province' THEN g.region_code END AS province_code
    FROM regions AS r
    LEFT JOIN regions AS p ON p.region_code = r.parent_code
    LEFT JOIN regions AS g ON g.region_code = p.parent_code
),
coded AS (
    SELECT m.*, h.name AS region_name,
           coalesce(h.level, CASE WHEN m.region_code = '100000' THEN 'country'
                                  WHEN m.region_code LIKE '__0000' THEN 'province'
                                  WHEN m.region_code LIKE '____00' THEN 'prefecture'
                                  WHEN m.region_code IS NOT NULL THEN 'county' END) AS region_level,
           CASE WHEN h.region_code IS NOT NULL THEN h.city_code
                WHEN m.region_code IS NULL OR m.region_code = '100000' OR m.region_code LIKE '__0000' THEN NULL
                WHEN m.region_code LIKE '____00' THEN m.region_code
                ELSE substr(m.region_code, 1, 4) || '00' END AS city_code,
           CASE WHEN h.region_code IS NOT NULL THEN h.province_code
                WHEN m.region_code IS NULL OR m.region_code = '100000' THEN NULL
                ELSE substr(m.region_code, 1, 2) || '0000' END AS province_code
    FROM metrics AS m
    LEFT JOIN hierarchy AS h ON h.region_code = m.region_code
)
SELECT c.doc_id, c.metric_id, c.sentence_id,
       c.region_code, c.region_name, c.region_level,
       c.city_code, rc.name AS city_name, c.province_code, rp.name AS province_name,
       c.indicator, i.label_en AS indicator_label_en, i.name_zh AS indicator_name_zh, c.indicator_text,
       c.industry, n.label_en AS industry_label_en, n.name_zh AS industry_name_zh, c.subject,
       c.measure, c.comparison, c.status, c.period_start, c.period_end,
       c.value, c.value_low, c.value_high, c.qualifier, c.unit, c.count_noun, c.value_text,
       c.evidence, d.source_path, d.source_name, d.title, d.published_date
FROM coded AS c
LEFT JOIN documents AS d ON d.doc_id = c.doc_id
LEFT JOIN regions AS rc ON rc.region_code = c.city_code
LEFT JOIN regions AS rp ON rp.region_code = c.province_code
LEFT JOIN indicators AS i ON i.code = c.indicator
LEFT JOIN industries AS n ON n.code = c.industry
ORDER BY d.source_path, c.doc_id, c.metric_id
;
CREATE VIEW region_comparison_long AS
WITH labels AS (
    -- a region's column name in the pivot: its name, with the code when two regions share a name
    -- (publish.REGION_LABELS_SQL repeats this CTE and keyed's WHERE to list the pivot's columns cheaply:
    -- change them together)
    SELECT region_code, CASE WHEN count(*) OVER (PARTITION BY name) > 1 THEN name || ' ' || region_code ELSE name END AS label
    FROM regions
    WHERE name IS NOT NULL
),
keyed AS (
    SELECT e.*,
           count(*) OVER cell AS n_reports,
           min(e.value) OVER cell < max(e.value) OVER cell AS reports_disagree,
           row_number() OVER (PARTITION BY e.indicator, e.industry, e.measure, e.comparison, e.unit, e.status,
                                           e.period_start, e.period_end, e.region_code
                              ORDER BY e.published_date DESC NULLS LAST, e.doc_id, e.metric_id) AS pick
    FROM metrics_enriched AS e
    WHERE e.indicator IS NOT NULL AND e.region_code IS NOT NULL
    WINDOW cell AS (PARTITION BY e.indicator, e.industry, e.measure, e.comparison, e.unit, e.status,
                                 e.period_start, e.period_end, e.region_code)
)
SELECT k.indicator, k.indicator_label_en, k.indicator_name_zh, k.industry, k.measure, k.comparison, k.unit,
       k.status, k.period_start, k.period_end,
       count(*) OVER (PARTITION BY k.indicator, k.industry, k.measure, k.comparison, k.unit, k.status,
                                   k.period_start, k.period_end) AS n_regions,
       k.region_code, coalesce(l.label, k.region_code) AS region_label, k.region_name, k.region_level,
       k.value, k.value_low, k.value_high, k.qualifier, k.value_text, k.n_reports, k.reports_disagree,
       k.doc_id, k.sentence_id, k.evidence, k.source_path, k.published_date
FROM keyed AS k
LEFT JOIN labels AS l ON l.region_code = k.region_code
WHERE k.pick = 1
ORDER BY k.indicator, k.industry, k.measure, k.comparison, k.unit, k.status, k.period_end, k.period_start,
         k.region_code
;
CREATE VIEW latest_by_region AS
SELECT e.region_code, e.region_name, e.region_level, e.city_name,
       e.indicator, e.indicator_label_en, e.indicator_name_zh, e.industry, e.measure, e.comparison,
       e.period_start, e.period_end, e.value, e.value_low, e.value_high, e.qualifier, e.unit, e.value_text,
       count(*) OVER (PARTITION BY e.region_code, e.indicator, e.industry, e.measure, e.comparison) AS n_reports,
       e.doc_id, e.sentence_id, e.evidence, e.source_path, e.published_date
FROM metrics_enriched AS e
WHERE e.status = 'actual' AND e.indicator IS NOT NULL AND e.region_code IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY e.region_code, e.indicator, e.industry, e.measure, e.comparison
                           ORDER BY e.period_end DESC NULLS LAST, e.published_date DESC NULLS LAST,
                                    e.doc_id, e.metric_id) = 1
ORDER BY e.region_code, e.indicator, e.industry, e.measure, e.comparison
;
CREATE VIEW targets_vs_actuals AS
WITH targets AS (
    SELECT * FROM metrics_enriched
    WHERE status = 'target' AND indicator IS NOT NULL AND region_code IS NOT NULL
),
actuals AS (
    SELECT * FROM metrics_enriched
    WHERE status = 'actual' AND indicator IS NOT NULL AND region_code IS NOT NULL
),
paired AS (
    SELECT t.region_code, t.region_name, t.indicator, t.indicator_label_en, t.indicator_name_zh, t.industry,
           t.measure, t.comparison, t.unit, t.period_start, t.period_end,
           t.value AS target_value, t.qualifier AS target_qualifier, t.value_text AS target_value_text,
           t.published_date AS target_published_date, t.doc_id AS target_doc_id,
           t.sentence_id AS target_sentence_id, t.metric_id AS target_metric_id, t.evidence AS target_evidence,
           a.value AS actual_value, a.qualifier AS actual_qualifier, a.value_text AS actual_value_text,
           a.published_date AS actual_published_date, a.doc_id AS actual_doc_id,
           a.sentence_id AS actual_sentence_id, a.evidence AS actual_evidence,
           a.value - t.value AS gap,
           count(a.doc_id) OVER (PARTITION BY t.doc_id, t.metric_id) AS n_actuals,
           row_number() OVER (PARTITION BY t.doc_id, t.metric_id
                              ORDER BY a.published_date DESC NULLS LAST, a.doc_id, a.metric_id) AS pick
    FROM targets AS t
    LEFT JOIN actuals AS a
      ON a.region_code = t.region_code AND a.indicator = t.indicator
     AND a.industry IS NOT DISTINCT FROM t.industry
     AND a.measure = t.measure AND a.comparison = t.comparison AND a.unit = t.unit
     AND a.period_start IS NOT DISTINCT FROM t.period_start AND a.period_end = t.period_end
     AND a.published_date > t.published_date
)
SELECT * EXCLUDE (pick, target_metric_id) FROM paired WHERE pick = 1
ORDER BY region_code, target_doc_id, target_metric_id
;
CREATE VIEW city_rollup AS
WITH county_figures AS (
    -- one figure per county and key: the most recently published report of it, flagged when the
    -- county's reports under that key differ (two different things mapped onto one indicator)
    SELECT *, min(value) OVER county_key < max(value) OVER county_key AS reports_disagree
    FROM metrics_enriched
    WHERE measure IN ('count', 'level') AND unit NOT IN ('percent', 'pp', 'rank')
      AND indicator IS NOT NULL AND city_code IS NOT NULL AND region_code <> city_code
    WINDOW county_key AS (PARTITION BY region_code, indicator, industry, measure, comparison, unit, status,
                                       period_start, period_end)
    QUALIFY row_number() OVER (PARTITION BY region_code, indicator, industry, measure, comparison, unit, status,
                                            period_start, period_end
                               ORDER BY published_date DESC NULLS LAST, doc_id, metric_id) = 1
),
rolled AS (
    SELECT city_code, any_value(city_name) AS city_name, indicator, any_value(indicator_label_en) AS indicator_label_en,
           any_value(indicator_name_zh) AS indicator_name_zh, industry, measure, comparison, unit, status,
           period_start, period_end,
           sum(value) AS counties_total,
           count(*) AS n_counties,
           string_agg(coalesce(region_name, region_code), '、' ORDER BY region_code) AS counties,
           bool_and(qualifier = 'exact') AS all_exact,
           bool_or(reports_disagree) AS county_reports_disagree,
           string_agg(doc_id || '#' || CAST(sentence_id AS VARCHAR), ' ' ORDER BY region_code) AS evidence_refs
    FROM county_figures
    GROUP BY city_code, indicator, industry, measure, comparison, unit, status, period_start, period_end
),
city_figures AS (
    SELECT * FROM metrics_enriched
    WHERE region_code = city_code AND indicator IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY region_code, indicator, industry, measure, comparison, unit, status,
                                            period_start, period_end
                               ORDER BY published_date DESC NULLS LAST, doc_id, metric_id) = 1
)
SELECT r.*, c.value AS city_reported_value, c.doc_id AS city_doc_id, c.sentence_id AS city_sentence_id
FROM rolled AS r
LEFT JOIN city_figures AS c
  ON c.region_code = r.city_code AND c.indicator = r.indicator AND c.industry IS NOT DISTINCT FROM r.industry
 AND c.measure = r.measure AND c.comparison = r.comparison AND c.unit = r.unit AND c.status = r.status
 AND c.period_start IS NOT DISTINCT FROM r.period_start AND c.period_end IS NOT DISTINCT FROM r.period_end
ORDER BY r.city_code, r.indicator, r.industry, r.measure, r.comparison, r.unit, r.status, r.period_end, r.period_start
;
CREATE VIEW unmapped_phrases AS
SELECT m.indicator_text,
       count(*) AS n_metrics,
       count(DISTINCT m.doc_id) AS n_documents,
       string_agg(DISTINCT m.measure, ', ' ORDER BY m.measure) AS measures,
       string_agg(DISTINCT m.unit, ', ' ORDER BY m.unit) AS units,
       arg_min(m.evidence, m.doc_id || lpad(CAST(m.metric_id AS VARCHAR), 10, '0')) AS example_evidence,
       arg_min(m.value_text, m.doc_id || lpad(CAST(m.metric_id AS VARCHAR), 10, '0')) AS example_value_text
FROM metrics AS m
WHERE m.indicator IS NULL AND m.indicator_text IS NOT NULL
GROUP BY m.indicator_text
ORDER BY n_metrics DESC, m.indicator_text
