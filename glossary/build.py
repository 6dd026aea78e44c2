"""Compile term data into what lookups need, and regenerate the bundled data modules.

The lookup path never parses TOML, validates with pydantic, converts scripts or
formats dates: all of that happens here, once, when the glossary is built.

- :func:`compile_concepts` turns validated concepts into the compiled form: the JSON
  contract's dicts plus, per term, derived pinyin forms, localised first-use dates
  and every lookup key (``(family, key, kind, surface)``).
- ``glossary build`` (:func:`build_bundled`) writes three generated modules:
  ``glossary/_tables.py`` (the character fold table from OpenCC's dictionaries and
  the pinyin syllable inventory from pypinyin's), ``glossary/_messages.py`` (the
  interface's labels from the gettext catalogue and babel's language names, see
  :mod:`glossary.catalogue`) and ``glossary/_compiled.py`` (the bundled terms,
  compiled, with first-use and rendering dates formatted by babel). Python caches
  their bytecode, so loading them is a near-free unmarshal. A test checks all three
  are current.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from glossary import normalize, pinyin
from glossary.errors import DataError
from glossary.generated import with_versions

__all__ = [
    "COMPILER_VERSION",
    "build_bundled",
    "stale_generated",
    "digest_for",
    "compile_concepts",
    "compiled_module_source",
    "tables_module_source",
    "term_keys",
    "write_atomically",
]

from glossary.index import COMPILER_VERSION
from glossary.loading import digest_for

# Interjection syllables (hm, hng, m, n, ng, ê) make almost any Latin string look like
# pinyin; no policy term uses them.
_EXCLUDED_SYLLABLES = {"hm", "hng", "m", "n", "ng", "ê", "ê̄", "ế", "ê̌", "ề"}


def output_target(path: Path | str) -> tuple[Path, bool]:
    """Where to write an output file, and whether to write it directly instead of replacing it.

    A target that exists and is not a regular file (``/dev/null``, ``/dev/stdout``, a
    FIFO) is written to directly, never replaced by a regular file; a symbolic link to
    a file gives the file it points to, so the link stays. OutputError for a folder or
    a path that cannot be looked at.
    """
    import stat

    from glossary.errors import OutputError
    from glossary.files import reason

    try:
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except (OSError, ValueError) as error:
        raise OutputError(str(path), reason(error, writing=True) if isinstance(error, OSError) else "the name holds a NUL character") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(str(path), "it is a folder")
    if mode is not None and not stat.S_ISREG(mode):
        return Path(path), True
    return (Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)), False


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write a file through a temporary file in the same folder, renamed into place (see :func:`output_target`)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    with replacing(path, binary=True) as stream:
        stream.write(data)


@contextlib.contextmanager
def replacing(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A stream to write ``path`` through: a temporary file beside it, renamed onto it when the
    block ends without error and removed otherwise, so ``path`` is never half-written. A device or
    a FIFO (see :func:`output_target`) is written to directly. OSError becomes OutputError."""
    from glossary.errors import GlossaryError, OutputError
    from glossary.files import reason

    path, direct = output_target(path)
    mode = "wb" if binary else "w"
    text_options: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": "\n"}
    if direct:
        try:
            with open(path, mode, **text_options) as stream:
                yield stream
        except GlossaryError:  # the writer's own (an unreadable input is an OSError too): not a write failure
            raise
        except OSError as error:
            raise OutputError(str(path), reason(error, writing=True)) from None
        return
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(str(path), reason(error, writing=True)) from None
    try:
        with os.fdopen(handle, mode, **text_options) as stream:
            yield stream
        os.chmod(temporary, _mode_for(path))  # mkstemp makes 0600; give the file the usual mode
        os.replace(temporary, path)
    except GlossaryError:
        Path(temporary).unlink(missing_ok=True)
        raise
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(str(path), reason(error, writing=True)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The mode an existing file has, else what a plain open() would give (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


# --- tables -----------------------------------------------------------------


def _opencc_dictionary_lines(name: str) -> list[list[str]]:
    import opencc  # type: ignore[import-untyped]

    folder = Path(opencc.__file__).parent / "dictionary"
    rows = []
    for line in (folder / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, values = line.partition("\t")
            rows.append([key, *values.split()])
    return rows


def fold_pairs() -> list[tuple[str, str]]:
    """Character pairs (variant, simplified) folding traditional, Taiwan and Hong Kong forms."""
    import opencc

    converters = {name: opencc.OpenCC(name) for name in ("t2s", "tw2s", "hk2s")}
    candidates: set[str] = set()
    for name in ("TSCharacters.txt", "STCharacters.txt", "TWVariants.txt", "TWVariantsRev.txt", "HKVariants.txt", "HKVariantsRev.txt"):
        for row in _opencc_dictionary_lines(name):
            candidates.update(char for item in row for char in item if len(item) == 1)
    pairs = []
    for char in sorted(candidates):
        results = {converter.convert(char) for converter in converters.values()}
        results.discard(char)
        simplified = [result for result in results if len(result) == 1]
        if len(simplified) == 1:
            pairs.append((char, simplified[0]))
        elif simplified:
            pairs.append((char, converters["t2s"].convert(char)))
    return [(variant, simple) for variant, simple in pairs if variant != simple]


def pinyin_syllables() -> list[str]:
    """Every toneless syllable in pypinyin's dictionary, ü written ``v``, interjections left out."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    syllables = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            syllables.add(to_normal(reading, v_to_u=False))
    return sorted(syllable for syllable in syllables if syllable not in _EXCLUDED_SYLLABLES and syllable.isascii())


def tables_module_source() -> str:
    pairs = fold_pairs()
    fold_from = "".join(variant for variant, _ in pairs)
    fold_to = "".join(simple for _, simple in pairs)
    syllables = pinyin_syllables()
    lines = [
        '"""Generated by `glossary build` from OpenCC\'s and pypinyin\'s dictionaries. Do not edit."""',
        "",
        "# Traditional, Taiwan and Hong Kong character forms (FOLD_FROM[i]) and the simplified",
        "# character each folds onto (FOLD_TO[i]), for lookup keys.",
        f"FOLD_FROM = {fold_from!r}",
        f"FOLD_TO = {fold_to!r}",
        "",
        "# Toneless pinyin syllables (v for u-umlaut) the query parser splits run-together pinyin into.",
        "PINYIN_SYLLABLES = " + repr(" ".join(syllables)),
        "",
    ]
    return with_versions("\n".join(lines))


# --- compiling terms ----------------------------------------------------------

_KIND_OF_VARIANT = {"script": "script", "short-form": "variant", "full-form": "variant", "misspelling": "misspelling"}


def _script_forms(hans: str) -> list[str]:
    """What OpenCC makes of the simplified form: users who convert text meet these forms."""
    from glossary.script import convert

    return [convert(hans, config) for config in ("s2t", "s2tw", "s2twp", "s2hk")]


def term_keys(term: dict[str, Any], *, script_variants: bool = True) -> list[tuple[str, str, str, str]]:
    """Every lookup key of one term (a contract dict) as ``(family, key, kind, surface)``."""
    keys: list[tuple[str, str, str, str]] = [("id", term["id"], "id", term["id"])]
    zh = term["zh"]

    def add_chinese(text: str, kind: str) -> None:
        key = normalize.chinese_key(text)
        if key:
            keys.append(("zh", key, kind, text))

    add_chinese(zh["hans"], "hans")
    add_chinese(zh["hant"], "hant")
    for variant in zh.get("variants", ()):
        add_chinese(variant["text"], _KIND_OF_VARIANT[variant["kind"]])
    if script_variants:
        for form in _script_forms(zh["hans"]):
            add_chinese(form, "script")
    if zh["pinyin"]:  # empty only where an import could not generate it
        numbered_key, toneless_key = pinyin.keys(zh["pinyin"])
        if numbered_key:
            keys.append(("pinyin_tones", numbered_key, "pinyin-tones", zh["pinyin"]))
        keys.append(("pinyin", toneless_key, "pinyin", zh["pinyin"]))
    for abbreviation in term.get("abbreviations", ()):
        kind = "abbreviation" if abbreviation.get("status", "accepted") == "accepted" else "abbreviation-erroneous"
        if abbreviation.get("lang", "en").startswith("zh"):
            add_chinese(abbreviation["text"], kind)
        else:
            keys.append(("abbr", normalize.abbreviation_key(abbreviation["text"]), kind, abbreviation["text"]))
    for rendering in term["en"]:
        keys.append(("en", normalize.english_key(rendering["text"]), "en-" + rendering["kind"], rendering["text"]))
    # a form reached twice (a script variant equal to hant, say) is kept once, first kind wins
    unique: dict[tuple[str, str, str], tuple[str, str, str, str]] = {}
    for item in keys:
        if item[1]:
            unique.setdefault((item[0], item[1], item[3]), item)
    return list(unique.values())


def derive(term: dict[str, Any], *, script_variants: bool = True, localise: bool = True) -> dict[str, Any]:
    """The derived fields of one term: pinyin forms, sort key, lookup keys, localised first use."""
    spelled = term["zh"]["pinyin"]
    derived: dict[str, Any] = {
        "pinyin_numbered": pinyin.numbered(spelled) if spelled else "",
        "pinyin_toneless": pinyin.toneless(spelled) if spelled else "",
        "keys": [list(key) for key in term_keys(term, script_variants=script_variants)],
    }
    if not localise:
        return derived
    from glossary.l10n import UI_LOCALES, format_partial_date

    first_use = term.get("first_use")
    if first_use:
        derived["first_use_display"] = {
            locale: format_partial_date(first_use["date"], first_use["precision"], locale) for locale in UI_LOCALES
        }
    # dates of renderings and relations, each as precise as it is written (2017-10 is a month)
    dates = sorted({item["date"] for field in ("en", "relations") for item in term.get(field, ()) if item.get("date")})
    if dates:
        precision = {4: "year", 7: "month", 10: "day"}
        derived["dates_display"] = {
            date: {locale: format_partial_date(date, precision[len(date)], locale) for locale in UI_LOCALES} for date in dates
        }
    return derived


def compile_concepts(
    concepts: Iterable[Any],
    sources: dict[str, Any],
    *,
    script_variants: bool = True,
    localise: bool = True,
) -> dict[str, Any]:
    """Compile validated concepts (pydantic models or contract dicts) into the loader's form."""
    terms = []
    for concept in concepts:
        terms.append(concept if isinstance(concept, dict) else concept.model_dump(mode="json", exclude_none=True, exclude_defaults=False))
    terms.sort(key=lambda term: term["id"])
    problems: list[tuple[str, str]] = []
    derived = []
    for term in terms:
        try:
            derived.append(derive(term, script_variants=script_variants, localise=localise))
        except ValueError as error:  # PinyinError among them
            problems.append((f"{term['id']}: zh.pinyin", str(error)))
    if problems:
        raise DataError(problems)
    source_dicts = {
        key: value if isinstance(value, dict) else value.model_dump(mode="json", exclude_none=True)
        for key, value in sorted(sources.items())
    }
    return {"compiler": COMPILER_VERSION, "sources": source_dicts, "terms": terms, "derived": derived}


def compiled_module_source(compiled: dict[str, Any], digest: str) -> str:
    def literal(value: Any) -> str:
        # JSON of str/int/list/dict/true is Python once `true` names True (flags are
        # stored only when set, and None fields are left out, so no false or null)
        return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False)

    lines = [
        '"""Generated by `glossary build` from terms/. Do not edit: edit terms/ and rebuild."""',
        "",
        "true = True  # the data below is JSON text",
        "",
        f"COMPILER = {compiled['compiler']!r}",
        f"DIGEST = {digest!r}",
        "SOURCES = " + literal(compiled["sources"]),
        "TERMS = " + literal(compiled["terms"]),
        "DERIVED = " + literal(compiled["derived"]),
        "",
    ]
    text = "\n".join(lines)
    if any(token in text for token in (": false", ": null")):
        raise ValueError("compiled data holds a JSON literal that is not Python")
    return with_versions(text)


def source_root() -> Path | None:
    """The checkout the package runs from, if it does (``terms/`` beside ``glossary/``)."""
    root = Path(__file__).resolve().parent.parent
    return root if (root / "terms").is_dir() and (root / "pyproject.toml").is_file() else None


def generated_sources(root: Path, *, tables: bool = True) -> dict[Path, str]:
    """What ``glossary build`` writes into the checkout at ``root``: path -> text."""
    from glossary.catalogue import messages_module_source
    from glossary.termsdir import read_terms_folder
    from glossary.validate import raise_for_problems

    package = root / "glossary"
    sources = {}
    if tables:
        sources[package / "_tables.py"] = tables_module_source()
    sources[package / "_messages.py"] = messages_module_source(package)
    folder = read_terms_folder(root / "terms")
    raise_for_problems(folder)
    compiled = compile_concepts(folder.concepts, folder.sources)
    sources[package / "_compiled.py"] = compiled_module_source(compiled, digest_for(root / "terms"))
    if (root / "docs").is_dir():
        from glossary.docpage import render_glossary_page
        from glossary.index import Glossary

        sources[root / "docs" / "glossary.md"] = render_glossary_page(Glossary(compiled))
    return sources


def _checkout(root: Path | None) -> Path:
    root = root or source_root()
    if root is None:
        raise DataError([("glossary build", "runs in a source checkout (terms/ beside glossary/), not an installed package")])
    return root


def build_bundled(root: Path | None = None, *, tables: bool = True, update_catalogue: bool = False) -> list[Path]:
    """Regenerate ``glossary/_tables.py``, ``glossary/_messages.py``, ``glossary/_compiled.py`` and ``docs/glossary.md`` of a checkout.

    ``update_catalogue`` first extracts the labels into ``glossary/locale/glossary.pot``
    and merges them into each language's ``glossary.po`` (for translators).
    """
    from glossary.catalogue import update_catalogues

    root = _checkout(root)
    written = update_catalogues(root / "glossary") if update_catalogue else []
    for path, text in generated_sources(root, tables=tables).items():
        write_atomically(path, text)
        written.append(path)
    return written


def stale_generated(root: Path | None = None) -> list[tuple[Path, str]]:
    """The generated files of a checkout that ``glossary build`` would change, each with the reason.

    A file built with other versions of pypinyin, OpenCC or babel than the installed
    ones may differ for that reason alone; the reason then says so.
    """
    from glossary.generated import generator_versions, recorded_versions

    root = _checkout(root)
    installed = generator_versions()
    stale = []
    for path, expected in generated_sources(root).items():
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            stale.append((path, "missing"))
            continue
        if current == expected:
            continue
        recorded = recorded_versions(current)
        reason = "differs from what terms/ and the catalogue produce"
        if recorded and recorded != installed:
            built = ", ".join(f"{name} {number}" for name, number in recorded.items())
            reason += f" (it was built with {built}; the installed versions may account for the difference)"
        stale.append((path, reason))
    return stale
