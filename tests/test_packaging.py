"""Packaging: the wheel carries the terms and works from any directory; generated data is current."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, CliResult, skip_unless_built_with_installed_versions

import glossary
from glossary.authoring.digest import digest_for
from glossary.core import _tables
from glossary.loading import _compiled

pytestmark = pytest.mark.slow

#: The modules `glossary build` writes, under glossary/.
GENERATED = ("core/_tables.py", "core/_messages.py", "loading/_compiled.py")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
    )
    (path,) = out.glob("glossary-*.whl")
    return path


def test_the_wheel_holds_the_package_its_terms_and_type_marker(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {name.removeprefix("glossary/_terms/") for name in names if name.startswith("glossary/_terms/")}
    assert shipped == {path.name for path in (ROOT / "terms").iterdir() if path.is_file()}
    shipped_files = (
        "glossary/__init__.py",
        "glossary/loading/_compiled.py",
        "glossary/loading/_compiled.bin",
        "glossary/core/_tables.py",
        "glossary/core/_messages.py",
        "glossary/py.typed",
        # the HTML site's style sheet and search script, read with importlib.resources
        "glossary/formats/html/site.css",
        "glossary/formats/html/search.js",
    )
    for required in shipped_files:
        assert required in names
    assert not any(name.startswith(("tests/", "terms/")) for name in names)


def dependency_paths() -> list[str]:
    """The folders this environment imports the runtime dependencies from, the checkout itself left out.

    Not ``--system-site-packages``: inside a venv that lends the base interpreter's
    site-packages, which need not hold babel, pypinyin or OpenCC.
    """
    paths = []
    for entry in sys.path:
        path = Path(entry or ".").resolve()
        if path.is_dir() and not path.is_relative_to(ROOT):
            paths.append(str(path))
    return paths


def test_the_installed_wheel_looks_up_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--ignore-installed", "--no-index", str(wheel)],
        check=True,
    )
    # The wheel sits in the new venv's own site-packages, which comes first on its path; the
    # dependencies come from this environment through a .pth file (its lines are appended, and
    # .pth files inside those folders, such as an editable install's, are not processed).
    (site_packages,) = venv.glob("lib/python*/site-packages")
    (site_packages / "_test_dependencies.pth").write_text("\n".join(dependency_paths()) + "\n", encoding="utf-8")
    where = subprocess.run([str(python), "-c", "import glossary; print(glossary.__file__)"], capture_output=True, text=True, cwd="/", check=True)
    assert where.stdout.strip().startswith(str(venv))
    result = subprocess.run([str(venv / "bin" / "glossary"), "lookup", "军民融合"], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stderr
    assert "military-civil fusion" in result.stdout and result.stderr == ""
    check = subprocess.run([str(venv / "bin" / "glossary"), "validate", "--quick"], capture_output=True, text=True, cwd="/")
    assert check.returncode == 0, check.stdout + check.stderr
    # the translator's-desk features: a batch of lookups, the workbook both ways, the jieba dictionary
    batch = subprocess.run([str(venv / "bin" / "glossary"), "lookup", "-", "--format", "tsv"], input="MCF\n军民融合\n", capture_output=True, text=True, cwd="/")
    assert batch.returncode == 0 and batch.stdout.count("military-civil-fusion") == 2, batch.stderr
    workbook, userdict = tmp_path / "terms.xlsx", tmp_path / "userdict.txt"
    for arguments in (["export", "--format", "xlsx", "-o", str(workbook)], ["import", str(workbook)], ["export", "--format", "jieba", "-o", str(userdict)]):
        done = subprocess.run([str(venv / "bin" / "glossary"), *arguments], capture_output=True, text=True, cwd="/")
        assert done.returncode == 0, done.stderr
    assert "军民融合 " in userdict.read_text(encoding="utf-8")
    # the HTML site reads its style sheet and script from the installed package
    site = tmp_path / "site"
    done = subprocess.run([str(venv / "bin" / "glossary"), "export", "--format", "html", "-o", str(site)], capture_output=True, text=True, cwd="/")
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in site.iterdir()) == ["index.html", "search.js", "site.css"]
    assert "glossaryQueryKeys" in (site / "search.js").read_text(encoding="utf-8")


def test_the_sdist_keeps_the_terms(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)], check=True, cwd=ROOT, capture_output=True)
    (sdist,) = tmp_path.glob("glossary-*.tar.gz")
    import tarfile

    names = tarfile.open(sdist).getnames()
    assert any(name.endswith("/terms/military-civil-fusion.toml") for name in names)
    assert any(name.endswith("/terms/_sources.toml") for name in names)
    # the README's test command works from an unpacked sdist too
    assert any(name.endswith("/constraints/ci.txt") for name in names) and any(name.endswith("/.ci/run") for name in names)


def test_the_compiled_terms_are_current() -> None:
    assert _compiled.DIGEST == digest_for(ROOT / "terms"), "terms/ changed: run `glossary build` and commit glossary/loading/_compiled.py"
    skip_unless_built_with_installed_versions(ROOT / "glossary" / "loading" / "_compiled.py")
    from glossary.authoring.build import compile_concepts, compiled_module_source
    from glossary.authoring.termsdir import read_terms_folder

    folder = read_terms_folder(ROOT / "terms")
    module, blobs = compiled_module_source(compile_concepts(folder.concepts, folder.sources), _compiled.DIGEST)
    assert (ROOT / "glossary" / "loading" / "_compiled.py").read_text(encoding="utf-8") == module, "run `glossary build`"
    assert (ROOT / "glossary" / "loading" / "_compiled.bin").read_bytes() == blobs, "run `glossary build`"


def test_the_generated_tables_are_current() -> None:
    from glossary.authoring.build import tables_module_source

    assert len(_tables.FOLD_FROM) == len(_tables.FOLD_TO) > 3000
    skip_unless_built_with_installed_versions(ROOT / "glossary" / "core" / "_tables.py")
    assert (ROOT / "glossary" / "core" / "_tables.py").read_text(encoding="utf-8") == tables_module_source(), "run `glossary build`"


def test_every_generated_module_records_the_versions_that_built_it() -> None:
    from glossary.authoring.generated import GENERATORS, recorded_versions

    for name in GENERATED:
        recorded = recorded_versions((ROOT / "glossary" / name).read_text(encoding="utf-8"))
        assert tuple(recorded) == GENERATORS, name
        assert all(number[0].isdigit() for number in recorded.values()), recorded


def _checkout_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """terms/, the catalogue and the generated files of this checkout, copied: `glossary build` runs there."""
    import shutil

    import glossary.authoring.build

    shutil.copytree(ROOT / "terms", tmp_path / "terms")
    shutil.copytree(ROOT / "glossary" / "authoring" / "locale", tmp_path / "glossary" / "authoring" / "locale")
    for name in GENERATED:
        (tmp_path / "glossary" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "glossary" / name, tmp_path / "glossary" / name)
    shutil.copy(ROOT / "glossary" / "loading" / "_compiled.bin", tmp_path / "glossary" / "loading" / "_compiled.bin")
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "glossary.md", tmp_path / "docs" / "glossary.md")
    monkeypatch.setattr(glossary.authoring.build, "source_root", lambda: tmp_path)
    return tmp_path


def test_build_check_passes_when_current_and_names_the_stale_file_after_a_term_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., CliResult]
) -> None:
    for name in GENERATED:
        skip_unless_built_with_installed_versions(ROOT / "glossary" / name)
    root = _checkout_copy(tmp_path, monkeypatch)
    current = cli("build", "--check")
    assert (current.code, current.err) == (0, "")

    term = root / "terms" / "military-civil-fusion.toml"
    term.write_text(term.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    before = (root / "glossary" / "loading" / "_compiled.py").read_bytes()
    stale = cli("build", "--check")
    assert stale.code == 1
    assert "stale: glossary/loading/_compiled.py" in stale.err and "run `glossary build`" in stale.err
    assert "_tables.py" not in stale.err and "_messages.py" not in stale.err
    assert (root / "glossary" / "loading" / "_compiled.py").read_bytes() == before, "--check writes nothing"


def test_the_version_has_one_source() -> None:
    from importlib.metadata import PackageNotFoundError, version

    from glossary._version import __version__

    assert glossary.__version__ == __version__
    try:
        installed = version("glossary")
    except PackageNotFoundError:
        pytest.skip("glossary is not installed in this environment: no metadata to compare")
    assert installed == __version__

