"""CI runs the README's test command, which installs the generator versions the generated modules record and checks those modules before the tests."""

from __future__ import annotations

import shlex
from pathlib import Path

from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from glossary.authoring.generated import GENERATORS, recorded_versions


def readme_test_command() -> str:
    """The one ``sh`` block of README.md that runs pytest."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [block.split("```")[0].strip() for block in readme.split("```sh\n")[1:]]
    (command,) = [block for block in blocks if "pytest" in block]
    return command


def steps(command: str) -> list[list[str]]:
    """The words of each step of a ``a && b && c`` command line."""
    return [shlex.split(step) for step in command.split("&&")]


def constraints_file() -> Path:
    """The constraints file the README's install step passes to pip with ``-c``."""
    install = steps(readme_test_command())[0]
    assert install[:4] == ["python3", "-m", "pip", "install"], f"the test command starts by installing: {install}"
    assert "-c" in install, "the test command installs with a constraints file (-c FILE)"
    return ROOT / install[install.index("-c") + 1]


def pins(path: Path) -> dict[str, str]:
    """Canonical package name -> the exact version a constraints file pins it to."""
    pinned = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        requirement = Requirement(text)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{path.name}:{number}: pin an exact version ({text})"
        pinned[canonicalize_name(requirement.name)] = specifier.version
    return pinned


def generated_modules() -> list[Path]:
    """The package's modules whose header records the versions that built them."""
    found = [path for path in sorted((ROOT / "glossary").rglob("*.py")) if recorded_versions(path.read_text(encoding="utf-8"))]
    assert len(found) >= 3, f"expected the generated terms, tables and messages modules, found {found}"
    return found


def test_ci_runs_exactly_the_readme_test_command() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    # the shebang, comments, shell options and the change to the repository root are not commands
    commands = [line for line in lines if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert commands == [readme_test_command()]


def test_the_test_command_checks_the_generated_modules_before_the_tests() -> None:
    words = steps(readme_test_command())
    check = words.index(["python3", "-m", "glossary", "build", "--check"])
    tests = next(number for number, step in enumerate(words) if step[:3] == ["python3", "-m", "pytest"])
    assert 0 < check < tests, "install, then `glossary build --check`, then pytest"


def test_the_constraints_pin_the_versions_that_built_the_generated_modules() -> None:
    path = constraints_file()
    pinned = pins(path)
    for module in generated_modules():
        recorded = recorded_versions(module.read_text(encoding="utf-8"))
        assert set(recorded) == set(GENERATORS), f"{module.name} records {recorded}"
        wanted = {name: pinned.get(canonicalize_name(name)) for name in recorded}
        assert wanted == recorded, (
            f"{module.relative_to(ROOT)} was built with {recorded} but {path.relative_to(ROOT)} pins {wanted}: "
            "after rebuilding with other versions, pin those"
        )

