"""What loading and looking up cost: no heavy imports, no term files read on import."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

from conftest import ROOT

HEAVY = ("pydantic", "pypinyin", "opencc", "babel", "tomllib", "argparse")


def imported_after(code: str) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    process = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(process.stdout.splitlines()[-1]))


def test_import_reads_no_term_data() -> None:
    modules = imported_after("import glossary")
    assert "glossary._compiled" not in modules
    assert not {name for name in modules if name.split(".")[0] in HEAVY}


def test_load_and_lookup_import_nothing_heavy() -> None:
    modules = imported_after("import glossary\nglossary.load().lookup('軍民融合')\nglossary.lookup('jūnmín rónghé')\nglossary.lookup('p.l.a.')")
    assert not {name for name in modules if name.split(".")[0] in HEAVY}


def test_a_stale_checkout_is_compiled_in_memory_with_a_warning(tmp_path: Path, monkeypatch) -> None:
    import glossary.loading as loading

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
