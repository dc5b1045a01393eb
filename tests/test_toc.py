"""The table of contents is built from any report's sections, whatever they are."""

from bs4 import BeautifulSoup

from styrkort.document.toc import TOC_LABEL_ID, add_toc, slug, with_heading_ids

DOC = ('<html lang="sv"><body><main class="report"><header class="cover"><h1>Plan 2024</h1></header>'
       '<section><h2>Politiska prioriteringar</h2><h3>Inriktning</h3></section>'
       '<section id="risker"><h2 class="x">Risker &amp; <em>åtgärder</em></h2></section>'
       '<h2 id="given">Bilaga 1 – Prövning av barnets bästa</h2>'
       '<h2>Politiska prioriteringar</h2></main></body></html>')


def test_slug_is_ascii_swedish_words():
    assert slug("Mål – översikt över periodens resultat") == "mal-oversikt-over-periodens-resultat"
    assert slug("1. Medarbetare") == "1-medarbetare"
    assert slug("–") == "avsnitt"


def test_every_h2_gets_a_unique_id_and_given_ids_are_kept():
    html, headings = with_heading_ids(DOC)
    assert [h.id for h in headings] == ["politiska-prioriteringar", "risker-atgarder", "given",
                                        "politiska-prioriteringar-2"]
    assert [h.text for h in headings] == ["Politiska prioriteringar", "Risker &amp; åtgärder",
                                          "Bilaga 1 – Prövning av barnets bästa", "Politiska prioriteringar"]
    soup = BeautifulSoup(html, "html.parser")
    assert [h2.get("id") for h2 in soup.find_all("h2")] == [h.id for h in headings]
    assert soup.find("h2", id="risker-atgarder")["class"] == ["x"]  # other attributes stay
    assert soup.find("section", id="risker")  # an id on the section is not the heading's


def test_contents_follow_the_cover_and_link_every_section():
    soup = BeautifulSoup(add_toc(DOC), "html.parser")
    nav = soup.find("nav")
    assert nav.find_previous_sibling("header")["class"] == ["cover"]
    label = soup.find(id=nav["aria-labelledby"])
    assert label.get_text() == "Innehåll" and label.name != "h2"  # the sections' h2s stay the only h2s
    links = nav.find_all("a")
    assert [a["href"] for a in links] == [f"#{h2['id']}" for h2 in soup.find_all("h2")]
    assert [a.get_text() for a in links] == [h2.get_text() for h2 in soup.find_all("h2")]
    assert "Risker & åtgärder" in [a.get_text() for a in links]


def test_without_a_cover_the_contents_open_main_and_documents_without_sections_are_unchanged():
    plain = '<main class="report"><h2>Ett</h2><p>Text</p></main>'
    soup = BeautifulSoup(add_toc(plain), "html.parser")
    assert soup.main.contents[0].name == "nav"
    no_sections = '<main class="report"><h1>Titel</h1><p>Text</p></main>'
    assert add_toc(no_sections) == no_sections


def test_added_once():
    once = add_toc(DOC)
    assert add_toc(once) == once
    assert once.count(f'id="{TOC_LABEL_ID}"') == 1


def test_a_section_called_innehall_does_not_take_the_label_id():
    soup = BeautifulSoup(add_toc('<main><h2>Innehåll</h2></main>'), "html.parser")
    assert soup.h2["id"] == "innehall-2" and soup.find(id=TOC_LABEL_ID).name == "p"
