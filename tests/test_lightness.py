"""What loading and looking up cost: no heavy imports, no term files read on import."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from conftest import ROOT

# Libraries (and slow standard modules) a lookup must not import: each costs milliseconds
# against a budget of about one Python start-up.
HEAVY = ("pydantic", "pypinyin", "opencc", "babel", "rapidfuzz", "tomllib", "argparse", "re", "typing", "pathlib", "json", "functools", "gettext")


def imported_after(code: str) -> set[str]:
    """Modules a fresh interpreter holds after running ``code``, beyond those it starts with."""
    script = "import sys\nbefore = set(sys.modules)\n" + code + "\nprint(' '.join(sorted(set(sys.modules) - before)))"
    process = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(process.stdout.split())


def heavy(modules: set[str]) -> set[str]:
    return {name for name in modules if name.split(".")[0] in HEAVY}


def test_import_reads_no_term_data() -> None:
    modules = imported_after("import glossary")
    assert "glossary.loading._compiled" not in modules
    assert heavy(modules) == set()


def test_load_and_lookup_import_nothing_heavy() -> None:
    modules = imported_after("import glossary\nglossary.load().lookup('軍民融合')\nglossary.lookup('jūnmín rónghé')\nglossary.lookup('p.l.a.')")
    assert "glossary.loading._compiled" in modules
    assert heavy(modules) == set()


def test_the_lookup_command_imports_nothing_heavy() -> None:
    code = "import io\nsys.stdout = io.StringIO()\nfrom glossary.cli import main\nmain(['lookup', '军民融合'])\nsys.stdout = sys.__stdout__"
    assert heavy(imported_after(code)) == set()


def test_a_lookup_builds_no_character_fold_table() -> None:
    # the 4,000-entry table costs about a tenth of a Python start: the query folds without it
    code = (
        "import io, sys\nsys.stdout = io.StringIO()\nfrom glossary.cli import main\nmain(['lookup', '軍民融合'])\n"
        "import glossary\nglossary.lookup('jūnmín rónghé')\nsys.stdout = sys.__stdout__\n"
        "from glossary.core import normalize\nprint(normalize._chinese_table is None)"
    )
    process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert process.stdout.split() == ["True"]


def test_a_chinese_lookup_does_not_import_the_pinyin_parser() -> None:
    code = "import io\nsys.stdout = io.StringIO()\nfrom glossary.cli import main\nmain(['lookup', '軍民融合'])\nsys.stdout = sys.__stdout__"
    assert "glossary.core.pinyin" not in imported_after(code)


def test_a_card_decodes_only_the_documents_it_cites() -> None:
    code = (
        "import io, sys\nsys.stdout = io.StringIO()\nfrom glossary.cli import main\nmain(['lookup', '軍民融合'])\n"
        "sys.stdout = sys.__stdout__\nimport glossary\nregistry = glossary.load()._sources\n"
        "print(type(registry) is dict, len(registry._decoded), len(registry))"
    )
    process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    is_dict, decoded, registered = process.stdout.split()
    assert is_dict == "False" and 0 < int(decoded) < int(registered) / 4


def test_the_bundled_registry_reads_the_same_by_key_and_whole() -> None:
    import glossary

    bundled = glossary.load()
    some = sorted(bundled.sources)[:3]
    assert all(type(bundled.sources) is dict and bundled.source(key) == bundled.sources[key] for key in some)
    assert bundled.source("no-such-document") is None
    assert {**bundled.compiled()["sources"]} == bundled.sources


def test_a_stale_checkout_is_compiled_in_memory_with_a_warning(tmp_path: Path, monkeypatch) -> None:
    import glossary.loading.loader as loading

    fake_package = tmp_path / "glossary"
    fake_package.mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    import shutil

    from conftest import FIXTURE_TERMS

    shutil.copytree(FIXTURE_TERMS, tmp_path / "terms")
    monkeypatch.setattr(loading, "_PACKAGE", fake_package)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compiled = loading._compiled_bundled()
    assert [term["id"] for term in compiled["terms"]] == ["dual-circulation", "integrated-national-strategic-system", "military-civil-fusion"]
    assert any(issubclass(w.category, loading.GlossaryWarning) and "glossary build" in str(w.message) for w in caught)


def test_a_card_names_related_terms_as_the_terms_themselves_would() -> None:
    import glossary

    bundled = glossary.load()
    for term in bundled:
        related = bundled.related(term.id)
        assert [(label, other.id) for label, other in related] == bundled.related_ids(term.id)
        assert all(bundled.headline(other.id) == (other.zh.hans, other.preferred) for _, other in related)


def test_a_card_builds_no_related_term() -> None:
    code = (
        "import io, sys\nsys.stdout = io.StringIO()\nfrom glossary.cli import main\nmain(['lookup', '军民融合'])\n"
        "sys.stdout = sys.__stdout__\nimport glossary\nbundled = glossary.load()\n"
        "print(sum(term is not None for term in bundled._terms), len(bundled.related_ids('military-civil-fusion')))"
    )
    process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    built, related = map(int, process.stdout.split())
    assert related > 0 and built <= 2  # the card's own term (and a term sharing its English)


def test_the_version_is_read_on_first_use() -> None:
    code = "import io\nsys.stdout = io.StringIO()\nfrom glossary.cli import main\nmain(['lookup', '军民融合'])\nsys.stdout = sys.__stdout__"
    assert "glossary._version" not in imported_after(code)
    import glossary
    from glossary._version import __version__

    assert glossary.__version__ == __version__
    with pytest.raises(AttributeError, match="no_such_name"):
        glossary.no_such_name  # noqa: B018


def printed_after_a_lookup(query: str, then: str, before: str = "") -> str:
    """What a fresh interpreter prints running ``then`` after the lookup command for ``query`` (its card discarded)."""
    code = (
        f"import io, os, sys\n{before}\nsys.stdout = io.StringIO()\nfrom glossary.cli import main\nmain(['lookup', {query!r}])\n"
        f"sys.stdout = sys.__stdout__\n{then}"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout


def test_a_lookup_reads_a_few_blobs_not_the_whole_blob_file() -> None:
    # the terms lie in _compiled.bin (about a megabyte): a card reads the few blobs it decodes
    counting = "reads = []\nreal = os.pread\ndef pread(fd, n, offset):\n    reads.append(n)\n    return real(fd, n, offset)\nos.pread = pread"
    count, total = map(int, printed_after_a_lookup("军民融合", "print(len(reads), sum(reads))", before=counting).split())
    size = (ROOT / "glossary" / "loading" / "_compiled.bin").stat().st_size
    assert 0 < count < 40 and total < size / 5, (count, total, size)


def _blob_file_copy(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "_compiled.bin"
    path.write_bytes(data)
    return path


def test_a_blob_file_from_another_build_is_refused_naming_it(tmp_path: Path) -> None:
    from glossary.errors import DataError
    from glossary.loading import _compiled
    from glossary.loading.loader import BlobFile

    data = (ROOT / "glossary" / "loading" / "_compiled.bin").read_bytes()
    other = _blob_file_copy(tmp_path, data.replace(_compiled.BLOBS_HEADER, b"glossary compiled blobs 2:00000000\n", 1))
    with pytest.raises(DataError, match="_compiled.bin.*other data"):
        BlobFile(str(other), _compiled.BLOBS_HEADER).read(_compiled.TERMS[0])


def test_a_truncated_blob_file_is_an_error_not_a_bad_card(tmp_path: Path) -> None:
    from glossary.errors import DataError
    from glossary.loading import _compiled
    from glossary.loading.loader import BlobFile

    data = (ROOT / "glossary" / "loading" / "_compiled.bin").read_bytes()
    offset, length = _compiled.DERIVED[-1]
    short = _blob_file_copy(tmp_path, data[: offset + length // 2])
    blobs = BlobFile(str(short), _compiled.BLOBS_HEADER)
    assert blobs.read(_compiled.TERMS[0])  # what is there reads
    with pytest.raises(DataError, match="truncated"):
        blobs.read(_compiled.DERIVED[-1])
    with pytest.raises(DataError, match="cannot be read"):
        BlobFile(str(tmp_path / "missing.bin"), _compiled.BLOBS_HEADER).read(_compiled.TERMS[0])


def test_a_process_keeps_reading_the_blob_file_it_opened_when_a_build_replaces_it(tmp_path: Path) -> None:
    from glossary.loading import _compiled
    from glossary.loading.loader import BlobFile

    data = (ROOT / "glossary" / "loading" / "_compiled.bin").read_bytes()
    path = _blob_file_copy(tmp_path, data)
    blobs = BlobFile(str(path), _compiled.BLOBS_HEADER)
    first = blobs.read(_compiled.TERMS[0])
    replacement = tmp_path / "new.bin"
    replacement.write_bytes(b"x" * len(data))
    replacement.replace(path)  # what `glossary build` does: a new file renamed into place
    assert blobs.read(_compiled.TERMS[0]) == first
    assert blobs.read(_compiled.TERMS[-1]) == data[slice(_compiled.TERMS[-1][0], sum(_compiled.TERMS[-1]))]


def test_a_pickled_blob_file_opens_its_own_descriptor() -> None:
    # a spawned worker receives the glossary pickled: the sender's descriptor number means nothing there
    import pickle

    from glossary.loading import _compiled
    from glossary.loading.loader import BlobFile

    blobs = BlobFile(str(ROOT / "glossary" / "loading" / "_compiled.bin"), _compiled.BLOBS_HEADER)
    first = blobs.read(_compiled.TERMS[0])
    copy = pickle.loads(pickle.dumps(blobs))
    assert copy._fd is None and copy.read(_compiled.TERMS[0]) == first


def test_a_sharded_family_answers_as_the_whole_family_does() -> None:
    from glossary.loading import _compiled
    from glossary.loading.loader import BlobFile, ShardedFamily

    blobs = BlobFile(str(ROOT / "glossary" / "loading" / "_compiled.bin"), _compiled.BLOBS_HEADER)
    for name, (whole, shards) in _compiled.FAMILIES.items():
        family = ShardedFamily(whole, shards, blobs)
        every = dict(family.items())
        assert len(family) == len(every) > 0, name
        for key, postings in every.items():
            assert key in family and family.get(key) == family[key] == postings, (name, key)
        assert family.get("no such key") is None and "no such key" not in family and 3 not in family


def test_a_chinese_lookup_decodes_one_shard_of_a_family_not_the_family() -> None:
    then = (
        "import glossary\nfamilies = glossary.load()._families\n"
        "print(sum(shard is not None for family in families.values() for shard in family._shards),"
        " sum(family._whole is not None for family in families.values()))"
    )
    shards, wholes = map(int, printed_after_a_lookup("国家安全", then).split())
    assert (shards, wholes) == (2, 0)  # the id shard and the zh shard of the query's key


def test_the_blob_file_reads_the_same_where_there_is_no_pread(monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows has no os.pread: the blob file seeks and reads under a lock instead
    from glossary.loading import _compiled
    from glossary.loading.loader import BlobFile

    path = str(ROOT / "glossary" / "loading" / "_compiled.bin")
    expected = [BlobFile(path, _compiled.BLOBS_HEADER).read(place) for place in _compiled.TERMS[:5]]
    monkeypatch.delattr("os.pread")
    blobs = BlobFile(path, _compiled.BLOBS_HEADER)
    assert [blobs.read(place) for place in _compiled.TERMS[:5]] == expected
