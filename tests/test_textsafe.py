from styrkort.html.textsafe import esc, markdown


def test_plain_text_is_escaped():
    assert esc('<script>alert("x")</script>') == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def test_markdown_shows_raw_html_as_text():
    out = markdown("Ny rutin <script>alert(1)</script> införd\n\n<img src=x onerror=alert(1)>")
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_markdown_drops_javascript_links():
    out = markdown("[klicka](javascript:alert(1))")
    assert 'href="javascript:' not in out


def test_markdown_headings_sit_below_the_section():
    assert markdown("# Rubrik", heading_offset=2).startswith("<h3>")
    assert "<ul>" in markdown("- en\n- två")


def test_a_markdown_image_is_never_fetched():
    html = markdown("Se ![logotyp](http://example.org/spår.png) och ![](https://x.example/a.gif)")
    assert "<img" not in html and 'href="http://example.org/sp%C3%A5r.png"' in html


def test_control_characters_never_reach_the_html():
    assert esc("Bra\x00 arbete\x1b[31m\x07") == "Bra arbete[31m"
    assert "\x1b" not in markdown("# Rubrik\x1b[2J\n\nText\x00 här")


def test_chart_labels_from_data_are_text_not_mathtext():
    from styrkort.html.charts import waterfall_chart

    svg = waterfall_chart(["Start", "$\\foo$ och $x^2$", "Slut"], -1000.0, [-250.0], -1250.0)
    assert "$\\foo$ och $x^2$" in svg
