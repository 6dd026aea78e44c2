"""The HTML export in a real browser: headless Chromium, driven through WebDriver (selenium).

The browser comes from Debian (chromium, chromium-driver), installed by
tests/setup_browser.py, which the test command runs first. Where it cannot be
installed the test skips and says why. The screenshot it writes is for a person to
look at; its path is printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from setup_browser import CHROMEDRIVER, CHROMIUM, missing, why_not_installable

import glossary
from glossary.formats import export

pytestmark = pytest.mark.slow

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    # no network here: without these Chromium keeps trying to reach Google's hosts
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,1400",
)


def _skip_reason() -> str | None:
    absent = missing()
    if not absent:
        return None
    reason = why_not_installable() or "tests/setup_browser.py has not installed it (run: python3 tests/setup_browser.py)"
    return f"headless Chromium is not installed ({', '.join(absent)} missing): {reason}"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (it is in the test extra: pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    # an explicit driver path keeps Selenium Manager (which would download drivers) out of it
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def site(fixture_glossary: glossary.Glossary, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "glossary"
    export(fixture_glossary, "html", folder)
    return folder / "index.html"


def _search(driver: Any, text: str) -> list[str]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element(By.ID, "q")
    box.send_keys(Keys.CONTROL, "a")  # select and delete as a person would: clear() sends no input event
    box.send_keys(Keys.DELETE)
    if text:
        box.send_keys(text)
    shown = driver.execute_script("return Array.from(document.querySelectorAll('article.term')).filter(a => !a.hidden).map(a => a.id)")
    displayed = [element.get_attribute("id") for element in driver.find_elements(By.CSS_SELECTOR, "article.term") if element.is_displayed()]
    assert displayed == shown  # hidden entries are really out of sight, not just flagged
    return [term_id.removeprefix("t-") for term_id in shown]


def test_searching_the_page_shows_the_right_concept_and_hides_the_others(browser: Any, site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site.as_uri())
    assert browser.find_element(By.TAG_NAME, "h1").text == "Glossary of China's techno-security policy"
    assert _search(browser, "") == ["military-civil-fusion", "dual-circulation", "integrated-national-strategic-system"]

    assert _search(browser, "mcf") == ["military-civil-fusion"]
    assert browser.find_element(By.ID, "status").text == "1 of 3 concepts"
    assert _search(browser, "M.C.F.") == ["military-civil-fusion"]
    assert _search(browser, "junmin") == ["military-civil-fusion"]
    screenshot = tmp_path / "glossary-search-junmin.png"
    assert browser.save_screenshot(str(screenshot)) and screenshot.stat().st_size > 10_000
    with capsys.disabled():
        print(f"\nscreenshot of the HTML export after searching 'junmin': {screenshot}")

    # the other ways of writing a term find it too
    assert _search(browser, "軍民") == ["military-civil-fusion"]
    assert _search(browser, "雙循環") == ["dual-circulation"]
    assert _search(browser, "shuāngxúnhuán") == ["dual-circulation"]
    assert _search(browser, "yi1ti3hua4") == ["integrated-national-strategic-system"]
    assert _search(browser, "Civil–Military Integration") == ["military-civil-fusion"]
    assert _search(browser, "no such concept") == []
    assert browser.find_element(By.ID, "status").text == "No concept matches."
    assert not browser.find_element(By.ID, "letter-J").is_displayed()  # an emptied letter goes too
    assert len(_search(browser, "")) == 3


def test_a_relation_link_leads_to_its_entry_even_when_a_search_hid_it(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site.as_uri())
    assert _search(browser, "INSS") == ["integrated-national-strategic-system"]
    browser.find_element(By.CSS_SELECTOR, "#t-integrated-national-strategic-system .facts a[href='#t-military-civil-fusion']").click()
    assert browser.find_element(By.ID, "t-military-civil-fusion").is_displayed()
    assert browser.execute_script("return location.hash") == "#t-military-civil-fusion"


def test_the_self_contained_page_styles_and_searches_with_its_inlined_assets(browser: Any, fixture_glossary: glossary.Glossary, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    alone = tmp_path / "page.html"  # one file, nothing beside it
    export(fixture_glossary, "html", alone)
    assert [path.name for path in tmp_path.iterdir()] == ["page.html"]
    browser.get(alone.as_uri())
    assert _search(browser, "mcf") == ["military-civil-fusion"]
    assert browser.find_element(By.ID, "status").text == "1 of 3 concepts"
    # the inlined style sheet applies: the header sticks to the top
    assert browser.find_element(By.CSS_SELECTOR, "header.top").value_of_css_property("position") == "sticky"
