"""What the generated modules (``_tables.py``, ``_messages.py``, ``_compiled.py``) record about how they were built."""

from __future__ import annotations

__all__ = ["GENERATORS", "built_with_line", "generator_versions", "recorded_versions", "with_versions"]

# The libraries whose data ends up in the generated modules: another version may
# produce other tables, readings or names, so each module's header records them.
GENERATORS = ("pypinyin", "opencc-python-reimplemented", "babel")
_BUILT_WITH = "# Built with: "


def generator_versions() -> dict[str, str]:
    """The installed version of each library in :data:`GENERATORS`."""
    from importlib.metadata import version

    return {name: version(name) for name in GENERATORS}


def built_with_line() -> str:
    """The header comment naming the generators' versions (``# Built with: pypinyin 0.55.0, ...``)."""
    return _BUILT_WITH + ", ".join(f"{name} {number}" for name, number in generator_versions().items())


def recorded_versions(text: str) -> dict[str, str]:
    """The generators' versions a generated module's header records ({} if none)."""
    for line in text.splitlines()[:12]:
        if line.startswith(_BUILT_WITH):
            pairs = (item.strip().rsplit(" ", 1) for item in line[len(_BUILT_WITH) :].split(","))
            return {name: number for name, number in pairs}
    return {}


def with_versions(source: str) -> str:
    """``source`` (a module starting with a one-line docstring or a docstring block) with the versions line after its docstring."""
    head, quote, rest = source.partition('"""\n')
    if not quote or not head.startswith('"""'):
        raise ValueError("a generated module starts with its docstring")
    return head + quote + built_with_line() + "\n" + rest
