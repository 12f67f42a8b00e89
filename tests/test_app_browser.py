"""The app in a real browser: `streamlit run` against the 2012 warehouse, driven by headless Chromium."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright import sync_api

from streamlit_app.labels import FEE_TYPES
from streamlit_app.navigation import PAGES

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Mark, chosen through the link: not the default municipality (the largest payer, Borås).
LINK = "kommun=1463&fran=2011&till=2012"
EXPECTED = {
    "oversikt": ["912", "57 576", "Uppgifternas status", "Mark 2012"],
    "betalar-och-far": ["Mark 2012", "14,1 %", "20,7 %"],  # 3 349 of 23 741 tkr; 7 463 of 36 121 visits
    "jamfor-kommuner": ["Mark 2012:", "plats 2 av 8"],
    "kommunprofil": ["Förbundsbidrag 2012", "2 374 tkr", "Mark jämfört med medlemskommunerna 2012"],
    "medlemsavgifter": ["7 249", "härlett"],
    "intakter-och-bidrag": ["39 072", "Utbetalda bidrag 2012"],
    "navet": ["57 576", "53 013"],
    "medarbetarcentrum": ["slutsats", "Kolumnrubrikerna föll bort", "tryckt 71"],
    "ekonomi": ["13,7 %", "Balansräkning", "126,0 %"],
    "datakvalitet": ["Varningar och fel med exakta siffror", "Källor", "tryckt 928, men avstämningen ger 927"],
    "om": ["Om Sjuhärad Insyn", "70 kr per invånare"],
}
# Words of the engineers' English check messages; the app's own Swedish never uses them.
ENGLISH_WORDS = re.compile(
    r"\b(expected|observed|printed|computed|difference|unexpected|expectations|passed|tolerance)\b"
)
VISIBLE_TEXT = """() => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('[data-testid="stExpanderDetails"], details:not([open]) > :not(summary)').forEach(e => e.remove());
    document.body.appendChild(copy); copy.style.position = 'absolute'; copy.style.left = '-100000px';
    const text = copy.innerText; copy.remove(); return text;
}"""
ERROR_MARKERS = ["Traceback", "Sidan kunde inte visas", "StreamlitAPIException", "Error:", "Page not found"]


@pytest.fixture(scope="module", autouse=True)
def chromium_is_installed():
    assert CHROMIUM.exists(), (
        "the browser tests need Debian's chromium: `make test` installs it (apt-get install chromium)"
    )


@pytest.fixture(scope="module")
def playwright():
    with sync_api.sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="module")
def browser(playwright):
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield launched
    finally:
        launched.close()


# A phone as Playwright describes it: 390 px wide, touch, and a phone's user agent, by which Streamlit knows a phone.
PHONE = "iPhone 13"
SIDEBAR_CLOSED = "() => document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect().right <= 0"


def _new_page(browser):
    return browser.new_page(viewport={"width": 1400, "height": 1000})


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"streamlit did not answer on {url}")


@pytest.fixture(scope="module")
def app_url(published_2012):
    port = _free_port()
    environment = {
        **os.environ,
        "SJUHARAD_WAREHOUSE": str(published_2012),
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "streamlit_app" / "app.py"),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=REPO,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def _page_text(page) -> str:
    return page.inner_text("body").replace("\u00a0", " ")


def _wait_for_texts(page, texts: list[str], timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = _page_text(page)
        if all(expected in text for expected in texts) and "Running..." not in text:
            return text
        time.sleep(0.5)
    return text


def _audit(published_2012) -> tuple[list[str], list[str]]:
    import duckdb

    con = duckdb.connect(
        str(published_2012),
        read_only=True,
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
    )
    try:
        rows = con.execute("select distinct message, run_id from audit.check_results").fetchall()
    finally:
        con.close()
    return sorted({message for message, _ in rows}), sorted({run_id for _, run_id in rows})


def _visible_text(page) -> str:
    """The page as a reader sees it without opening a collapsed part."""
    return page.evaluate(VISIBLE_TEXT).replace("\u00a0", " ")


def _assert_reads_as_the_reader_should(page, title: str, url_path: str, audit: tuple[list[str], list[str]]) -> None:
    """The page's expected figures, no error, and outside the collapsed parts plain Swedish: no
    missing value, no engineers' check message or run id; the link's municipality kept."""
    messages, run_ids = audit
    text = _page_text(page)
    visible = _visible_text(page)
    for expected in EXPECTED[url_path]:
        assert expected in text, f"{title}: '{expected}' not shown"
    for marker in ERROR_MARKERS:
        assert marker not in text, f"{title}: shows '{marker}'"
    for marker in ("None", "{", "[", "nan%", "NaN"):
        assert marker not in visible, f"{title}: shows '{marker}' outside the collapsed parts"
    assert not ENGLISH_WORDS.search(visible), f"{title}: English: {ENGLISH_WORDS.search(visible).group(0)}"
    for message in messages:
        assert message not in visible, f"{title}: an engineers' check message: {message}"
    for run_id in run_ids:
        assert run_id not in visible, f"{title}: a run id outside the collapsed part"
    assert page.locator("[data-testid='stException']").count() == 0, title
    assert "kommun=1463" in page.url, f"{title}: the URL lost the municipality: {page.url}"


def test_the_chosen_municipality_survives_a_page_switch_in_the_menu(app_url, browser):
    page = _new_page(browser)
    page.goto(f"{app_url}/betalar-och-far?kommun=1452&fran=2012&till=2012", wait_until="domcontentloaded")
    _wait_for_texts(page, ["Tranemo 2012"])
    page.get_by_role("link", name="Kommunprofil").click()
    text = _wait_for_texts(page, ["Förbundsbidrag 2012", "813 tkr"])
    assert "813 tkr" in text, "Tranemo's förbundsbidrag 2012 (note 3)"
    page.wait_for_timeout(1000)
    assert "kommun=1452" in page.url and "fran=2012" in page.url, page.url
    copied = page.url
    fresh = _new_page(browser)
    fresh.goto(copied, wait_until="domcontentloaded")
    assert "813 tkr" in _wait_for_texts(fresh, ["Förbundsbidrag 2012", "813 tkr"]), "a copied link opens the same view"


# The text of every tooltip Vega shows: each chart has a tooltip element of its own, and a chart redrawn
# while its tooltip was shown can leave that one shown beside the one under the mouse.
SHOWN_TOOLTIPS = """() => [...document.querySelectorAll('#vg-tooltip-element.visible')].map(e => e.innerText)"""


def _tooltip_naming(page, chart, names: tuple[str, ...], timeout: float = 90) -> tuple[str, str]:
    """Move the mouse over the chart until Vega shows a tooltip naming every one of `names`: its
    text, or '' and what the sweeps saw if none did within `timeout` seconds. Vega shows the
    tooltip's box before it fills in the text: wait for the text, not the box. The page may still
    settle while the mouse moves (tables change height, the chart is redrawn): the chart is
    scrolled into view and measured again, and the sweep starts again until the time is up."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    sweeps, box = 0, None
    while time.monotonic() < deadline:
        chart.scroll_into_view_if_needed()
        sweeps += 1
        for fraction_y in (0.3, 0.5, 0.2, 0.4, 0.6, 0.7, 0.8):
            for step in range(4, 60):
                if time.monotonic() > deadline:
                    break
                box = chart.bounding_box()
                page.mouse.move(box["x"] + box["width"] * step / 60, box["y"] + box["height"] * fraction_y)
                texts = page.evaluate(SHOWN_TOOLTIPS)
                for _ in range(20):
                    if not texts or all(text.strip() for text in texts):
                        break
                    page.wait_for_timeout(100)
                    texts = page.evaluate(SHOWN_TOOLTIPS)
                for text in texts:
                    if all(name in text for name in names):
                        return text, ""
                    if " ".join(text.split()) not in seen:
                        seen.append(" ".join(text.split()))
    return "", f"{sweeps} sweep(s), the chart last at {box} in a viewport of {page.viewport_size}; tooltips: {seen[:6]}"


def test_chart_tooltips_and_axes_use_swedish_numbers(app_url, browser):
    """Borås's förbundsbidrag (7 198 and 7 249 tkr) in the fee chart's tooltip, grouped like the tables."""
    page = _new_page(browser)
    page.goto(f"{app_url}/medlemsavgifter", wait_until="domcontentloaded")
    _wait_for_texts(page, EXPECTED["medlemsavgifter"])
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    sync_api.expect(chart.locator("canvas, svg").first).to_be_visible(timeout=30_000)
    tooltip, seen = _tooltip_naming(page, chart, ("Borås", FEE_TYPES["forbundsbidrag"]))
    assert tooltip, f"no tooltip over Borås's förbundsbidrag bars: {seen}"
    assert re.search(r"tkr\s+7\u00a0(198|249)\b", tooltip), tooltip


@pytest.mark.browser
def test_a_link_to_a_page_or_municipality_that_does_not_exist_says_so_in_swedish(app_url, browser):
    page = _new_page(browser)
    page.goto(f"{app_url}/sidan-som-inte-finns?kommun=1463", wait_until="domcontentloaded")
    text = _wait_for_texts(page, ["Sidan ”sidan-som-inte-finns” finns inte i Sjuhärad Insyn", "Mark 2012"])
    assert "Sidan ”sidan-som-inte-finns” finns inte i Sjuhärad Insyn. Du ser Översikt." in text
    assert "Medarbetarcentrum" in text and "Mark 2012" in text, "the menu's pages named; the link's municipality kept"
    page.goto(f"{app_url}/navet?kommun=Borxs", wait_until="domcontentloaded")
    text = _wait_for_texts(page, ["Kommunen ”Borxs” i länken finns inte"])
    assert "Kommunen ”Borxs” i länken finns inte bland förbundets kommuner" in text


# Labels, buttons, metrics and text of the main area (and of the sidebar, its menu too, when it is open)
# whose text is wider than their box: cut off, or ended with an ellipsis. An element that renders no
# text (hidden, or being redrawn while a busy machine reruns the page) has none to cut off.
CLIPPED_TEXT = """() => {
  const found = [];
  const selector = '[data-testid="stDownloadButton"] button, [data-testid="stBaseButton-secondary"], '
    + '[data-testid="stMetricLabel"], [data-testid="stMetricValue"], [data-testid="stMetricDelta"], '
    + '[data-testid="stWidgetLabel"], [data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"] p, '
    + '[data-testid="stPageLink-NavLink"], [data-testid="stSidebarNavLink"], h1, h2, h3';
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const sidebarOpen = sidebar && sidebar.getAttribute('aria-expanded') !== 'false'
    && sidebar.getBoundingClientRect().right > 50;
  for (const element of document.querySelectorAll(selector)) {
    if (sidebar && !sidebarOpen && sidebar.contains(element)) continue;
    if (element.innerText.trim() === '') continue;
    const boxes = [element, ...element.querySelectorAll('*')];
    for (const box of boxes) {
      const cut = box.scrollWidth > box.clientWidth + 1 && box.clientWidth > 0;
      if (cut && (box === element || getComputedStyle(box).textOverflow === 'ellipsis')) {
        found.push(element.innerText.slice(0, 80));
        break;
      }
    }
  }
  return found;
}"""


# Every table a reader can see, as drawn: a grid (st.dataframe, its cells on a canvas, read from the
# grid's accessible table of the rows in view, measured in the grid's own font) or a static table
# (st.table, read from the page). A column the grid leaves out (aria-colcount), a grid or table wider
# than its box, a static cell wider than its box, or a grid whose columns' text needs more room
# than the grid has, is cut off for the reader.
SHOWN_TABLES = """() => {
  const canvas = document.createElement('canvas').getContext('2d');
  const found = [];
  for (const element of document.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stTable"]')) {
    if (element.getBoundingClientRect().width === 0) continue;  // the other layout (fitting.py)
    const grid = element.querySelector('.dvn-scroller');
    const styled = element.querySelector('[data-testid="stTableStyledTable"]');
    if (!grid && !styled) return null;  // a grid whose scroller is not drawn yet
    const box = grid ? grid : styled.parentElement;
    const headers = [...element.querySelectorAll('thead th')].map(cell => cell.innerText.trim());
    const cells = [...element.querySelectorAll('tbody td')].map(cell => cell.innerText.trim());
    const table = {grid: !!grid, headers, cells, scroll: box.scrollWidth, client: box.clientWidth,
                   columns: headers.length, clipped: [], needed: 0};
    if (grid) {
      const style = getComputedStyle(element.querySelector('.stDataFrameGlideDataEditor'));
      canvas.font = `${style.getPropertyValue('--gdg-base-font-style')} ${style.getPropertyValue('--gdg-font-family')}`;
      const padding = 2 * parseFloat(style.getPropertyValue('--gdg-cell-horizontal-padding'));
      const accessible = element.querySelector('table[role="grid"]');
      if (!accessible) return null;  // not drawn yet
      table.columns = Number(accessible.getAttribute('aria-colcount'));
      const widths = {};
      for (const cell of element.querySelectorAll('table[role="grid"] [aria-colindex]')) {
        const index = cell.getAttribute('aria-colindex');
        widths[index] = Math.max(widths[index] || 0, canvas.measureText(cell.innerText).width + padding);
      }
      table.needed = Object.values(widths).reduce((sum, width) => sum + width, 0);
    } else {
      table.clipped = [...element.querySelectorAll('td, th')]
        .filter(cell => cell.scrollWidth > cell.clientWidth + 1).map(cell => cell.innerText.slice(0, 60));
    }
    found.push(table);
  }
  return found;
}"""
# The shown tables SHOWN_TABLES waits for, where each is on the page and what it holds so far. The first
# is scrolled to the middle of the screen: a grid far down a phone's long page was once still undrawn
# after 30 s on a busy machine, and a reader scrolls to a table before reading it.
UNDRAWN_TABLES = """() => {
  const undrawn = [...document.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stTable"]')]
    .filter(element => element.getBoundingClientRect().width > 0
      && !(element.querySelector('.dvn-scroller') && element.querySelector('table[role="grid"]'))
      && !element.querySelector('[data-testid="stTableStyledTable"]'));
  if (undrawn.length) undrawn[0].scrollIntoView({block: 'center'});
  return undrawn.map(element =>
    `${element.dataset.testid} at ${Math.round(element.getBoundingClientRect().top + window.scrollY)} px: `
    + element.innerText.slice(0, 80));
}"""
MISSING_SHOWN = re.compile(r"\b(None|nan|NaN|<NA>|NaT)\b")
TESSERACT = Path("/usr/bin/tesseract")


def _read_grid(grid, path: Path) -> str:
    """What Tesseract reads in a screenshot of a grid (its cells are drawn on a canvas)."""
    grid.screenshot(path=str(path))
    # One thread: Tesseract's OpenMP threads spin against the other workers and took five times as long.
    single = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    read = subprocess.run(
        [str(TESSERACT), str(path), "stdout", "--psm", "6"], capture_output=True, text=True, env=single
    )
    assert read.returncode == 0, read.stderr
    return read.stdout


OPEN_CLOSED_PARTS = """() => {
  const closed = [...document.querySelectorAll('details:not([open]) > summary')]
    .filter(summary => summary.getBoundingClientRect().height > 0);
  closed.forEach(summary => summary.click());
  return closed.length;
}"""


def _open_every_expander(page) -> None:
    """Open every collapsed part, those inside an opened one too, and let the tables settle."""
    for _ in range(4):
        opened = page.evaluate(OPEN_CLOSED_PARTS)
        page.wait_for_timeout(1000)
        if not opened:
            return


def _drawn_tables(page, timeout: float = 30) -> list[dict]:
    """SHOWN_TABLES once every grid has drawn its cells, scrolled to as a reader would where it has not."""
    deadline = time.monotonic() + timeout
    tables = page.evaluate(SHOWN_TABLES)
    while tables is None and time.monotonic() < deadline:
        page.evaluate(UNDRAWN_TABLES)
        page.wait_for_timeout(500)
        tables = page.evaluate(SHOWN_TABLES)
    assert tables is not None, f"a grid never drew its cells within {timeout:.0f} s: {page.evaluate(UNDRAWN_TABLES)}"
    return tables


def _open(page, app_url: str, index: int, title: str, phone: bool) -> None:
    """The first page from the link; the others as a reader opens them, from the menu, which on a
    phone is opened first and must close by itself once a page is chosen. A page switch keeps the
    loaded app: less than half the browser's work of opening the link (13 against 31 s of CPU for
    ten pages, measured here)."""
    if index == 0:
        page.goto(f"{app_url}/?{LINK}", wait_until="domcontentloaded")
    elif phone:
        page.get_by_test_id("stExpandSidebarButton").click()
        page.get_by_role("link", name=title).first.click()
        try:
            page.wait_for_function(SIDEBAR_CLOSED, timeout=30_000)
        except sync_api.TimeoutError:
            pytest.fail(f"on a phone the menu stays open over {title} after the page was chosen")
    else:
        page.get_by_role("link", name=title).first.click()
    sync_api.expect(page.locator("h1").first).to_contain_text(title, timeout=30_000)


@pytest.mark.parametrize("width", [1400, 390])
def test_every_page_reads_right_fits_and_every_table_reads_whole(app_url, playwright, browser, published_2012, width):
    """Every page opened from the menu. At 1 400 px every page reads as its reader should (a
    screenshot of how it opens kept in test-output/screenshots); at 1 400 px and on a 390 px
    phone, on every page: no label, button or figure is cut off, and every table (collapsed
    parts opened) shows all its columns within its box, no cell cut off, and no None or nan,
    which Tesseract also reads in the screenshots of the desktop's grids."""
    assert TESSERACT.exists(), "the table test reads the grids with Debian's tesseract-ocr: `make test` installs it"
    audit = _audit(published_2012)
    desktop = width == 1400
    if desktop:
        context = browser.new_context(viewport={"width": width, "height": 1000}, device_scale_factor=2)  # sharp for OCR
    else:
        phone = {key: value for key, value in playwright.devices[PHONE].items() if key != "default_browser_type"}
        context = browser.new_context(**phone)
        assert phone["viewport"]["width"] == width
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for index, (_, title, url_path, _) in enumerate(PAGES):
        _open(page, app_url, index, title, phone=not desktop)
        _wait_for_texts(page, EXPECTED[url_path])
        page.wait_for_selector("[data-testid='stDataFrame'], [data-testid='stTable']", state="attached", timeout=30_000)
        page.wait_for_timeout(1000)
        if desktop:
            page.screenshot(path=str(SCREENSHOTS / f"{index + 1:02d}_{url_path}.png"), scale="css")
            _assert_reads_as_the_reader_should(page, title, url_path, audit)
        assert page.evaluate(CLIPPED_TEXT) == [], f"{title} at {width} px: cut off"
        _open_every_expander(page)
        tables = _drawn_tables(page)
        assert tables, f"{title}: no table shown at {width} px"
        for table in tables:
            name = f"{title} at {width} px, table {' | '.join(table['headers'])[:80]}"
            assert len(table["headers"]) == table["columns"], f"{name}: columns left out"
            assert table["scroll"] <= table["client"] + 1, f"{name}: {table['scroll']} px wide in {table['client']} px"
            assert table["needed"] <= table["client"] + 1, f"{name}: its text needs {table['needed']:.0f} px"
            assert table["clipped"] == [], f"{name}: cut off: {table['clipped']}"
            shown = [*table["headers"], *table["cells"]]
            assert not [cell for cell in shown if MISSING_SHOWN.search(cell)], f"{name}: {shown}"
        # The phone's grids hold the desktop's figures in narrower parts, each read above from its
        # accessible table; Tesseract reading them again took 25 s of CPU.
        grids = (
            [grid for grid in page.locator("[data-testid='stDataFrame']").all() if grid.is_visible()] if desktop else []
        )
        for number, grid in enumerate(grids):
            read = _read_grid(grid, SCREENSHOTS / f"grid_{width}_{url_path}_{number}.png")
            assert read.strip(), f"{title} at {width} px: nothing read in grid {number}"
            assert not MISSING_SHOWN.search(read), f"{title} at {width} px, grid {number} reads: {read}"
    context.close()
