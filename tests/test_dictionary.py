"""docs/data-dictionary.md is generated from the registry and must not go stale."""
from __future__ import annotations

import re

from pipeline import dictionary, publish
from schemas import FIELDS, TABLES, VOCABULARIES


def test_the_committed_dictionary_is_up_to_date():
    committed = dictionary.TARGET.read_text(encoding="utf-8")
    assert committed == dictionary.render(), "docs/data-dictionary.md is stale: run `make docs`"


def test_check_mode_reports_a_stale_file(tmp_path):
    stale = tmp_path / "dictionary.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert dictionary.main(["--check", "--output", str(stale)]) == 1
    assert dictionary.main(["--output", str(stale)]) == 0
    assert dictionary.main(["--check", "--output", str(stale)]) == 0


def test_every_table_column_view_and_vocabulary_value_is_documented():
    text = dictionary.render()
    for name, table in TABLES.items():
        section = text.split(f"### `{name}`\n", 1)[1].split("\n### ", 1)[0]
        assert table.grain in section
        for column in table.columns:
            assert f"| `{column}` |" in section and FIELDS[column].description in section, (name, column)
    for view, grain in publish.VIEWS.items():
        assert grain in text
    for vocabulary, values in VOCABULARIES.items():
        section = text.split(f"### {vocabulary}\n", 1)[1].split("\n### ", 1)[0]
        for value, meaning in values.items():
            assert f"| `{value}` | {meaning} |" in section, (vocabulary, value)


def test_every_view_column_has_a_description():
    rows = re.findall(r"^\| `([^`]+)` \| [^|]+ \| (.*) \|$", dictionary.render().split("## Views", 1)[1]
                      .split("## Vocabularies", 1)[0], re.M)
    assert rows
    assert [column for column, description in rows if not description.strip()] == []
