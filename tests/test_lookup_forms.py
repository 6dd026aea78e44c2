"""Every way a user types a term finds its concept in the bundled glossary (issue 4's table)."""

from __future__ import annotations

import pytest

import glossary

MCF = "military-civil-fusion"
INSS = "integrated-national-strategic-system"
HNSO = "holistic-national-security-outlook"
CMCFDC = "central-military-civil-fusion-development-commission"
DUAL = "dual-circulation"
IDDS = "innovation-driven-development-strategy"

FORMS = [
    # Chinese: simplified, traditional, mixed, full-width, quoted, spaced, invisible characters
    ("军民融合", MCF),
    ("軍民融合", MCF),
    ("軍民融合", MCF),
    ("军民 融合", MCF),
    (" 军民融合 ", MCF),
    ("军民\u3000融合", MCF),
    ("“军民融合”", MCF),
    ('"军民融合"', MCF),
    ("「軍民融合」", MCF),
    ("『軍民融合』", MCF),
    ("\ufeff军民融合", MCF),
    ("军\u200b民融合", MCF),
    ("一體化國家戰略體系", INSS),
    ("一体化國家战略體系", INSS),
    ("總體國家安全觀", HNSO),
    ("中央軍民融合發展委員會", CMCFDC),
    ("雙循環", DUAL),
    ("雙迴圈", DUAL),  # what OpenCC's Taiwan-phrase conversion makes of 双循环
    ("《国家创新驱动发展战略》", IDDS),
    # pinyin: marks, numbers, none; case, spaces, apostrophes, hyphens; ü as ü, v, u:
    ("jūnmín rónghé", MCF),
    ("Jūnmín Rónghé", MCF),
    ("jūn mín róng hé", MCF),
    ("jūnmínrónghé", MCF),
    ("jun1 min2 rong2 he2", MCF),
    ("jun1min2rong2he2", MCF),
    ("JUN1MIN2 RONG2HE2", MCF),
    ("junmin ronghe", MCF),
    ("junminronghe", MCF),
    ("JunMinRongHe", MCF),
    ("jun-min rong-he", MCF),
    ("jun'min'rong'he", MCF),
    # pinyin is indexed for the canonical form 一体化国家战略体系和能力 (its short form is found by characters)
    ("yītǐhuà guójiā zhànlüè tǐxì hé nénglì", INSS),
    ("yi1ti3hua4 guo2jia1 zhan4lve4 ti3xi4 he2 neng2li4", INSS),
    ("yi1ti3hua4 guo2jia1 zhan4lu:e4 ti3xi4 he2 neng2li4", INSS),
    ("yitihua guojia zhanlve tixi he nengli", INSS),
    ("yitihua guojia zhanlue tixi he nengli", INSS),
    ("yitihuaguojiazhanluetixihenengli", INSS),
    ("zongti guojia anquanguan", HNSO),
    ("zǒngtǐ guójiā ānquánguān", HNSO),
    ("shuangxunhuan", DUAL),
    ("shuang1xun2huan2", DUAL),
    # English: case, hyphens and dashes, spaces, quotes, "the", British and American spellings
    ("military-civil fusion", MCF),
    ("Military-Civil Fusion", MCF),
    ("MILITARY CIVIL FUSION", MCF),
    ("military–civil fusion", MCF),
    ("military—civil fusion", MCF),
    ("military civil-fusion", MCF),
    ("military  civil   fusion", MCF),
    ("“military-civil fusion”", MCF),
    ("military-civilian fusion", MCF),
    ("the Holistic National Security Outlook", HNSO),
    ("holistic approach to national security", HNSO),
    ("A Holistic View of National Security".replace("A ", ""), HNSO),
    ("Integrated National Strategic System", INSS),
    ("national strategic integration", INSS),
    ("dual circulation", DUAL),
    ("Dual-Circulation", DUAL),
    ("innovation driven development strategy", IDDS),
    ("Central Military–Civil Fusion Development Commission", CMCFDC),
    # abbreviations: dots, spaces, case, full width
    ("MCF", MCF),
    ("mcf", MCF),
    ("M.C.F.", MCF),
    ("m.c.f", MCF),
    ("M C F", MCF),
    ("ＭＣＦ", MCF),
    ("HNSO", HNSO),
    ("h.n.s.o.", HNSO),
    ("INSS", INSS),
    ("NSI", INSS),
    ("IDDS", IDDS),
    ("CMCFDC", CMCFDC),
    ("CMCDFC", CMCFDC),  # the NSI brief's typo is still found
    # ids
    ("military-civil-fusion", MCF),
    ("holistic-national-security-outlook", HNSO),
]


def test_the_table_is_large_enough() -> None:
    assert len(FORMS) >= 60


@pytest.mark.parametrize(("query", "term_id"), FORMS, ids=[form for form, _ in FORMS])
def test_query_form_finds_its_concept(bundled: glossary.Glossary, query: str, term_id: str) -> None:
    matches = bundled.lookup(query)
    assert matches, f"{query!r} found nothing"
    assert matches[0].term.id == term_id


def test_british_and_american_spellings_meet() -> None:
    from glossary.core.normalize import english_key

    assert english_key("national defence mobilisation") == english_key("National Defense Mobilization")
    assert english_key("Western Theatre Command") == english_key("western theater command")
    assert english_key("informatisation") == english_key("informatization")
