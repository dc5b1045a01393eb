"""Every rendered HTML report and the index: self-contained, a document, accessible (WCAG 2.1 AA).

The structural checks read the HTML; axe-core runs in headless Debian Chromium (Playwright with
``executable_path``; no browser download) on every document. Chromium is required in CI (CI set):
there the test fails rather than skips when it is missing.
"""

import re
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import CHROMIUM_ARGS, chromium

pytestmark = pytest.mark.slow  # deselect with -m 'not slow' for a quick loop

MONTHS = ("jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec")
STATUS_TEXT = {"status-gron": ("●", "Grön"), "status-gul": ("▲", "Gul"), "status-rod": ("■", "Röd")}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def documents(examples):
    """(name, path, soup) for every example report and the index."""
    out, done = examples
    paths = [d.html for d in done] + [out / "index.html"]
    return [(p.name, p, BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")) for p in paths]


def _reports(documents):
    return [(n, p, s) for n, p, s in documents if n != "index.html"]


def test_nothing_is_fetched_from_anywhere(documents):
    for name, _, soup in documents:
        for tag in soup.find_all(src=True):
            assert tag["src"].startswith("data:"), f"{name}: {tag.name} src={tag['src'][:60]}"
        for tag in soup.find_all(href=True):
            url = urlparse(tag["href"])
            assert not url.scheme and not url.netloc, f"{name}: {tag['href']}"
        assert not soup.find_all(["link", "script", "iframe", "object", "embed"]), name
        for style in soup.find_all("style"):
            css = style.get_text()
            assert "@import" not in css and not re.search(r"url\(\s*['\"]?(?!data:)", css), name
        for tag in soup.find_all(style=True):
            assert "url(" not in tag["style"], name


def test_a_document_not_a_notebook(documents):
    for name, _, soup in _reports(documents):
        assert soup.find("main", class_="report"), name
        assert not soup.find_all(["pre", "code", "textarea"]), name
        assert not soup.find_all(class_=re.compile(r"^(jp-|prompt|input_area|output_area|cell)")), name
        text = soup.get_text(" ")
        for leftover in ("In [", "Out[", "Traceback", "import styrkort"):
            assert leftover not in text, f"{name}: {leftover!r}"
        css = soup.style.get_text()
        assert "@media print" in css and "size: A4" in css, f"{name}: its own print stylesheet"


def test_language_one_h1_and_headings_without_gaps(documents):
    for name, _, soup in documents:
        assert soup.html["lang"] == "sv", name
        assert soup.title.get_text(strip=True), name
        levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
        assert levels[0] == 1 and levels.count(1) == 1, name
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{name}: h{before} followed by h{after}"


def test_tables_have_header_cells_with_scope(documents):
    tables = 0
    for name, _, soup in documents:
        for table in soup.find_all("table"):
            tables += 1
            header = table.find("thead")
            assert header and header.find_all("th"), f"{name}: table without a header row"
            for th in table.find_all("th"):
                assert th.get("scope") in ("col", "row", "colgroup", "rowgroup"), f"{name}: {th}"
            for row in table.tbody.find_all("tr") if table.tbody else []:
                assert row.find("th", scope="row") or len(row.find_all("td")) <= 2, f"{name}: a row without its header"
    assert tables >= 20


def test_every_chart_has_a_text_alternative_saying_what_it_shows(documents):
    strips = 0
    for name, _, soup in _reports(documents):
        for img in soup.find_all("img"):
            alt = img.get("alt", "").strip()
            assert len(alt) >= 20 and alt != "Diagram", f"{name}: weak alt text {alt!r}"
        for figure in soup.find_all("figure", class_="strip"):
            strips += 1
            alt = figure.img["alt"]
            assert alt.startswith("Måluppfyllelse per månad")
            shown = re.findall(r"(\w+) (Grön|Gul|Röd|ej rapporterat)", alt.split(":", 1)[1])
            assert [m for m, _ in shown] == list(MONTHS), f"{name}: {alt}"
    assert strips >= 8


#: The words a status's colour and symbol may carry in its place: a goal's year assessment, an assignment's state.
LABELS = {"status-gron": ("Uppfyllt", "Genomfört"), "status-gul": ("Delvis uppfyllt", "Pågår"),
          "status-rod": ("Ej uppfyllt", "Ej påbörjat")}


def test_every_status_is_a_word_and_a_symbol_as_well_as_a_colour(documents):
    seen = set()
    for name, _, soup in _reports(documents):
        for badge in soup.find_all(class_="status"):
            kind = next(c for c in badge["class"] if c.startswith("status-"))
            text = badge.get_text(" ", strip=True)
            if kind == "status-none":
                assert text.startswith("○ ") and len(text) > 3, f"{name}: {text!r}"
            else:
                symbol, word = STATUS_TEXT[kind]
                assert text in (f"{symbol} {word}", *(f"{symbol} {label}" for label in LABELS[kind])), \
                    f"{name}: {kind} reads {text!r}"
            seen.add(kind)
    assert seen >= {"status-gron", "status-gul", "status-rod", "status-none"}


def test_contents_and_links_have_meaningful_names(documents):
    for name, _, soup in documents:
        for a in soup.find_all("a"):
            label = a.get_text(" ", strip=True)
            assert len(label) >= 4 and label.lower() not in ("här", "klicka här", "länk", "läs mer"), f"{name}: {a}"
            assert not label.startswith(("http", "www.")), f"{name}: {a}"
    for name, _, soup in _reports(documents):
        nav = soup.find("nav", class_="toc")
        assert soup.find(id=nav["aria-labelledby"]).get_text() == "Innehåll"
        h2 = soup.find("main").find_all("h2")
        assert [a["href"] for a in nav.find_all("a")] == [f"#{h['id']}" for h in h2], name


# --- axe-core in Chromium ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser_page():
    """A page in headless Chromium that may read file: and data: URLs and nothing else; every
    other request is refused and recorded in ``page.refused``."""
    executable = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.refused = []

        def guard(route):
            if route.request.url.startswith(("file:", "data:")):
                route.continue_()
            else:
                page.refused.append(route.request.url)
                route.abort()

        page.route("**/*", guard)
        yield page
        browser.close()


def _axe(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    return results.response["violations"]


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {', '.join(map(str, n['target']))}: {n['failureSummary'].splitlines()[-1].strip()}"
                  for n in v["nodes"][:5]]
    return "\n".join(lines)


def test_axe_finds_no_wcag_2_1_aa_violation(documents, browser_page):
    problems = {}
    for name, path, _ in documents:
        browser_page.goto(path.as_uri())
        checked = browser_page.evaluate("document.documentElement.lang")
        assert checked == "sv", name
        if violations := _axe(browser_page):
            problems[name] = _describe(violations)
    assert not browser_page.refused, f"requests to other hosts: {browser_page.refused}"
    assert not problems, "\n".join(f"{name}:\n{text}" for name, text in problems.items())


_COLOURS_JS = """() => Array.from(document.querySelectorAll('.status, .status *')).map(el => {
    let bg = 'rgba(0, 0, 0, 0)', node = el;
    while (node && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg)) {
        bg = getComputedStyle(node).backgroundColor; node = node.parentElement;
    }
    return [el.textContent.trim(), getComputedStyle(el).color, bg];
})"""


def _luminance(css: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"[\d.]+", css)[:3])
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fg: str, bg: str) -> float:
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_status_words_and_symbols_contrast_at_least_4_5(documents, browser_page):
    """Axe leaves out text hidden from assistive technology, such as a badge's symbol; a sighted
    reader still reads it, so every part of every badge is measured in the rendered page."""
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    measured = 0
    for name, path, _ in _reports(documents):
        browser_page.goto(path.as_uri())
        for text, fg, bg in browser_page.evaluate(_COLOURS_JS):
            ratio = contrast(fg, bg)
            assert ratio >= 4.5, f"{name}: {text!r} {fg} on {bg} is {ratio:.2f}:1"
            measured += 1
    assert measured > 100


def test_axe_harness_reports_a_broken_page(browser_page):
    """The same harness on a page with known faults finds them: the check above can fail."""
    browser_page.set_content('<html><body><h1>Rapport</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                             '<p style="color:#bbb;background:#fff">Svag kontrast</p></body></html>')
    found = {v["id"] for v in _axe(browser_page)}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= found


# --- reflow: phone, tablet and desktop widths (WCAG 2.1 1.4.10) ----------------------------------------

WIDTHS = (320, 390, 768, 1280)
_MEASURE = """() => {
  const small = [];
  for (const e of document.querySelectorAll('body *')) {
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (own && e.getClientRects().length && parseFloat(getComputedStyle(e).fontSize) < 10) {
      small.push(e.tagName + ': ' + e.textContent.trim().slice(0, 40));
    }
  }
  return {scroll: document.documentElement.scrollWidth, width: window.innerWidth, small: small};
}"""


def test_no_page_scrolls_sideways_and_no_text_is_under_10_px(documents, browser_page):
    """At every width from a small phone to a desktop, the page is as wide as the screen: a wide
    table or chart scrolls inside its own container, and no text is set under 10 px."""
    problems = []
    for width in WIDTHS:
        browser_page.set_viewport_size({"width": width, "height": 900})
        for name, path, _ in documents:
            browser_page.goto(path.as_uri())
            seen = browser_page.evaluate(_MEASURE)
            if seen["scroll"] > seen["width"]:
                problems.append(f"{name} at {width} px: the page is {seen['scroll']} px wide")
            problems += [f"{name} at {width} px: text under 10 px: {s}" for s in seen["small"][:3]]
    assert not problems, "\n".join(problems)


def test_a_wide_table_scrolls_in_a_named_focusable_region(documents):
    for name, _, soup in _reports(documents):
        for table in soup.find("main").find_all("table"):
            region = table.parent
            assert "table-scroll" in (region.get("class") or []), f"{name}: a table outside its scroll region"
            assert region.get("tabindex") == "0" and region.get("role") == "region" and region.get("aria-label"), name
