"""Localised output: cards in English and Chinese, the language from --lang or the environment,
the gettext catalogue and its compiled form, dates and language names from babel, language tags."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_TERMS, ROOT, skip_unless_built_with_installed_versions

import glossary
from glossary.core import _messages
from glossary.authoring.l10n import format_partial_date, language_name
from glossary.core.lang import check_language_tag, normalise_language_tag
from glossary.cli.render import render_card
from glossary.core.ui import display_width, language_from_environment, ui_language

# --- dates and language names come from babel ---------------------------------------------


@pytest.mark.parametrize(
    ("date", "precision", "english", "chinese"),
    [
        ("2014-04", "month", "April 2014", "2014年4月"),
        ("2017", "year", "2017", "2017年"),
        ("2017-10-18", "day", "October 18, 2017", "2017年10月18日"),
        ("2010", "decade", "2010s", "2010年代"),
    ],
)
def test_partial_dates_are_formatted_by_their_precision(date: str, precision: str, english: str, chinese: str) -> None:
    assert format_partial_date(date, precision, "en") == english
    assert format_partial_date(date, precision, "zh") == chinese


def test_language_names_are_babels_display_names() -> None:
    from babel import Locale

    for ui in ("en", "zh"):
        for tag in ("zh-Hans", "zh-Hant", "en"):
            expected = Locale.parse(tag, sep="-").get_display_name(Locale.parse(ui))
            assert language_name(tag, ui) == expected == _messages.LANGUAGE_NAMES[ui][tag]
    assert _messages.LANGUAGE_NAMES["en"]["zh-Hant"] == "Chinese (Traditional)"


# --- the catalogue and the generated module are current ------------------------------------


def test_the_catalogue_template_holds_exactly_the_labels() -> None:
    from glossary.authoring.catalogue import extract_template, read_catalogue, template_path
    from glossary.authoring.labels import LABELS

    extracted = {message.id for message in extract_template() if message.id}
    assert extracted == set(LABELS.values())
    stored = {message.id for message in read_catalogue(template_path()) if message.id}
    assert stored == extracted, "labels changed: run `glossary build --update-catalogue` and translate the new ones"


def test_every_label_is_translated_in_the_chinese_catalogue() -> None:
    from glossary.authoring.catalogue import catalogue_problems

    assert catalogue_problems() == []


def test_the_compiled_messages_are_current() -> None:
    from glossary.authoring.catalogue import messages_module_source

    skip_unless_built_with_installed_versions(ROOT / "glossary" / "core" / "_messages.py")
    assert (ROOT / "glossary" / "core" / "_messages.py").read_text(encoding="utf-8") == messages_module_source(), "run `glossary build`"


def test_labels_come_from_the_catalogue() -> None:
    from glossary.authoring.catalogue import catalogue_path, read_catalogue
    from glossary.authoring.labels import LABELS

    catalogue = read_catalogue(catalogue_path("zh"))
    for key, msgid in LABELS.items():
        assert _messages.LABELS["en"][key] == msgid
        assert _messages.LABELS["zh"][key] == catalogue.get(msgid).string


def test_an_untranslated_message_falls_back_to_english_and_is_reported(tmp_path: Path) -> None:
    from glossary.authoring.catalogue import catalogue_path, catalogue_problems, compile_labels

    package = tmp_path / "glossary"
    target = catalogue_path("zh", package)
    target.parent.mkdir(parents=True)
    text = catalogue_path("zh").read_text(encoding="utf-8").replace('msgstr "首次使用"', 'msgstr ""')
    target.write_text(text, encoding="utf-8")
    assert compile_labels(package)["zh"]["first_use"] == "First use"
    assert any("'First use' (first_use) is not translated" in message for _, message in catalogue_problems(package))


def test_updating_the_catalogue_keeps_the_translations(tmp_path: Path) -> None:
    from glossary.authoring.catalogue import catalogue_path, read_catalogue, update_catalogues

    package = tmp_path / "glossary"
    target = catalogue_path("zh", package)
    target.parent.mkdir(parents=True)
    target.write_bytes(catalogue_path("zh").read_bytes())
    written = update_catalogues(package)
    assert [path.name for path in written] == ["glossary.pot", "glossary.po"]
    updated, committed = read_catalogue(target), read_catalogue(catalogue_path("zh"))
    assert updated.get("First use").string == "首次使用"
    # the committed catalogue is already up to date: merging changes no message
    assert [(m.id, m.string) for m in updated if m.id] == [(m.id, m.string) for m in committed if m.id]
    assert not updated.obsolete


# --- cards in both languages ---------------------------------------------------------------


def test_the_english_card(fixture_glossary: glossary.Glossary) -> None:
    match = fixture_glossary.lookup("軍民融合")[0]
    card = render_card(match.term, fixture_glossary, lang="en", match=match).splitlines()
    assert card[2] == "military-civil-fusion \u00b7 strategy"
    assert card[3] == "Matched        軍民融合 (Chinese (Traditional))"
    assert "English" in card and "  official     civil-military integration [2]" in card
    assert "First use      2015 [3]" in card
    assert "Relations      predecessor of \u2192 一体化国家战略体系 integrated national strategic system (integrated-national-strategic-system)" in card


def test_the_chinese_card(fixture_glossary: glossary.Glossary) -> None:
    match = fixture_glossary.lookup("軍民融合")[0]
    card = render_card(match.term, fixture_glossary, lang="zh", match=match).splitlines()
    assert card[2] == "military-civil-fusion \u00b7 战略"
    assert card[3] == "匹配           軍民融合 (中文 (繁体))"
    assert "英语" in card and "  官方译法     civil-military integration [2]" in card
    assert "首次使用       2015年 [3]" in card
    assert "关系           后继 \u2192 一体化国家战略体系 integrated national strategic system (integrated-national-strategic-system)" in card
    assert card[-4] == "出处"
    inss = fixture_glossary.get("integrated-national-strategic-system")
    assert "首次使用       2017年10月 [2]" in render_card(inss, fixture_glossary, lang="zh").splitlines()


def test_labels_line_up_in_both_languages(fixture_glossary: glossary.Glossary) -> None:
    term = fixture_glossary.get("military-civil-fusion")
    for lang in ("en", "zh"):
        for line in render_card(term, fixture_glossary, lang=lang).splitlines()[5:]:
            if line and not line.startswith(" ") and ("[" in line) and "  " in line:
                label = line.split("  ")[0]
                value_column = display_width(line[: len(line) - len(line[len(label) :].lstrip())])
                assert value_column == 15, (lang, line)


def test_rendering_a_card_imports_no_babel_gettext_re_or_typing() -> None:
    # -S: no site packages, so nothing is imported behind our back (and babel could not be)
    code = (
        "import sys, glossary\n"
        "from glossary.cli.render import render_card\n"
        "g = glossary.load()\n"
        "for lang in ('en', 'zh'):\n"
        "    for term in g: render_card(term, g, lang=lang, match=g.lookup(term.zh.hant)[0])\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    process = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    modules = {name.split(".")[0] for name in process.stdout.split()}
    assert not modules & {"babel", "gettext", "locale", "re", "typing", "argparse", "json", "pathlib", "pydantic"}


# --- the language of the interface ------------------------------------------------------------


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.Big5"}, "zh"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "", "LC_MESSAGES": "zh_HK.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANGUAGE": "zh_CN:en_US"}, "zh"),
        ({"LANGUAGE": "en_US:zh_CN"}, "en"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN"}, "en"),
        ({"LC_ALL": "zh-Hant"}, "zh"),
        ({"LC_ALL": "C"}, "en"),
    ],
)
def test_the_language_comes_from_the_environment(environment: dict[str, str], expected: str) -> None:
    assert language_from_environment(environment) == expected


def test_lookup_speaks_chinese_in_a_chinese_environment(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = cli("lookup", "--glossary", str(FIXTURE_TERMS), "MCF")
    assert result.code == 0 and "首次使用" in result.out and "缩写" in result.out
    assert "First use" in cli("lookup", "--lang", "en", "--glossary", str(FIXTURE_TERMS), "MCF").out  # --lang wins
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "First use" in cli("lookup", "--glossary", str(FIXTURE_TERMS), "MCF").out


@pytest.mark.parametrize("value", ["zh", "ZH", "zh-Hans", "zh_CN", "zh-Hant-TW"])
def test_lang_accepts_the_ways_chinese_is_written(value: str) -> None:
    assert ui_language(value) == "zh"


@pytest.mark.parametrize("value", ["fr", "", "chinese", "de-DE", "cn"])
def test_a_bad_lang_is_a_usage_error(cli, value: str) -> None:
    result = cli("lookup", "--lang", value, "MCF")
    assert result.code == 2 and result.out == ""
    assert f"{value!r} is not a language of the interface: use one of en, zh" in result.err


def test_lookup_json_is_the_same_in_any_language(cli) -> None:
    english = json.loads(cli("lookup", "--json", "--lang", "en", "MCF").out)
    chinese = json.loads(cli("lookup", "--json", "--lang", "zh", "MCF").out)
    assert english == chinese


# --- language tags --------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["en", "zh", "zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-CN", "en-GB", "es-419", "yue"])
def test_good_language_tags(tag: str) -> None:
    assert check_language_tag(tag) == tag


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("zh_TW", "use hyphens, as in 'zh-TW'"),
        ("english", "'english' is not a known language code"),
        ("xx", "'xx' is not a known language code"),
        ("zh-Hanz", "'Hanz' is not a known script code"),
        ("zh-XX", "'XX' is not a known region code"),
        ("EN", "write 'en'"),
        ("zh-hant", "write 'zh-Hant'"),
        ("en-", "babel's locale parser rejects it"),
        ("", "babel's locale parser rejects it"),
        ("12", "babel's locale parser rejects it"),
    ],
)
def test_bad_language_tags_get_a_clear_error(tag: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        check_language_tag(tag)
    assert str(info.value).startswith(repr(tag)) and message in str(info.value)


def test_translators_spellings_are_normalised_into_tags() -> None:
    assert normalise_language_tag("ZH_tw") == "zh-TW"
    assert normalise_language_tag("zh-hant") == "zh-Hant"
    with pytest.raises(ValueError):
        normalise_language_tag("klingon")


def test_a_bad_tag_in_a_term_file_names_file_line_and_field(cli, terms_copy: Path) -> None:
    path = terms_copy / "military-civil-fusion.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('[[abbreviations]]\ntext = "MCF"\n', '[[abbreviations]]\ntext = "MCF"\nlang = "zh_CN"\n'), encoding="utf-8")
    sources = terms_copy / "_sources.toml"
    sources.write_text(sources.read_text(encoding="utf-8").replace('kind = "official"', 'kind = "official"\nlanguage = "Chinese"'), encoding="utf-8")
    result = cli("validate", "--quick", str(terms_copy))
    assert result.code == 1
    assert "military-civil-fusion.toml:" in result.out and "abbreviations[0].lang" in result.out and "use hyphens, as in 'zh-CN'" in result.out
    assert "_sources.toml:" in result.out and "'Chinese' is not a known language code" in result.out


def test_the_html_export_checks_its_language() -> None:
    from glossary.formats.html import page

    g = glossary.load(FIXTURE_TERMS, bundled=False)
    with pytest.raises(ValueError, match="use hyphens"):
        page(g, "zh_CN")
    with pytest.raises(ValueError, match="not a language of the interface"):
        page(g, "fr")


def test_a_value_without_a_label_is_shown_as_it_is() -> None:
    from glossary.core.ui import label, word

    assert word("zh", "category", "strategy") == "战略"
    assert word("zh", "category", "new-category") == "new-category"  # data may run ahead of the catalogue
    assert label("zh", "no.such.key") == "no.such.key"
    assert label("fr", "first_use") == "First use"  # a language without labels falls back to English
