"""The parent's per-document keys (doc_ids for duplicates, a pack's ids, the cache entries used) live
on disk: what the store answers, and that it leaves nothing behind."""
from __future__ import annotations

import os

from pipeline.keystore import KeyStore


def test_first_records_a_new_key_and_answers_the_first_value_of_a_repeated_one():
    with KeyStore() as store:
        assert store.first("9f2c", "seeds/a.txt") is None
        assert store.first("9f2c", "seeds/copy-of-a.txt") == "seeds/a.txt"
        assert store.first("9f2c", "seeds/third.txt") == "seeds/a.txt"  # the first, not the last
        assert store.first("聊城-0131") is None
        assert store.first("聊城-0131") == ""


def test_membership_after_add_and_first():
    with KeyStore() as store:
        store.add("a" * 64)
        store.add("a" * 64)
        store.first("b" * 64, "x")
        assert "a" * 64 in store and "b" * 64 in store
        assert "c" * 64 not in store and "" not in store


def test_many_keys_are_kept_exactly():
    with KeyStore() as store:
        for i in range(50_000):
            assert store.first(f"{i:016x}", f"folder/{i}.txt") is None
        assert store.first(f"{12_345:016x}", "again") == "folder/12345.txt"
        assert f"{49_999:016x}" in store and f"{50_000:016x}" not in store


def test_closing_deletes_its_file_and_closing_twice_is_harmless():
    store = KeyStore()
    folder = store._dir
    assert os.listdir(folder) == ["keys.sqlite"]
    store.close()
    store.close()
    assert not os.path.exists(folder)


def test_a_store_in_a_folder_is_a_temporary_that_a_later_run_clears_if_this_one_dies(tmp_path):
    from pipeline.validate import remove_stale_temps

    store = KeyStore(tmp_path / "out")
    store.first("k", "v")
    (left,) = (tmp_path / "out").iterdir()
    assert left.name.startswith(".keys-") and left.name.endswith(".tmp")
    assert remove_stale_temps(tmp_path / "out") == [left]  # as if the process had been killed
    assert not left.exists()
    store.close()
