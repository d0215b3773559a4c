"""Article text is data: wherever it becomes HTML, it is escaped."""

from __future__ import annotations

from newslab import load_case
from newslab.case.loader import case_card_html
from newslab.notebook.show import article_html, show_article

from conftest import write_case

HOSTILE = (
    "Breaking: <script>alert('x')</script> & more\n\n"
    "Officials said <img src=x onerror=alert(1)> was “fine”.\n\n"
    "A <b>bold</b> claim & 3 < 4.\n"
)


def test_article_html_escapes_every_tag():
    page = article_html(HOSTILE)
    assert "<script>" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in page
    assert "3 &lt; 4" in page
    assert page.count("<p ") == 2 and page.count("<h3") == 1


def test_show_article_plain_text_is_the_article():
    view = show_article(HOSTILE)
    assert repr(view).splitlines()[0] == "Breaking: <script>alert('x')</script> & more"
    assert "¶2 A <b>bold</b> claim & 3 < 4." in repr(view)
    assert "<script>" not in view._repr_html_()


def test_unnumbered_paragraphs():
    assert "¶" not in article_html(HOSTILE, numbered=False)


def test_case_card_escapes_case_fields(tmp_path):
    folder = write_case(tmp_path / "andes-water")
    (folder / "article.txt").write_text(
        (folder / "article.txt").read_text(encoding="utf-8").replace(
            "Andes towns brace", "Andes <script>towns</script> brace", 1
        ),
        encoding="utf-8",
    )
    toml = (folder / "case.toml").read_text(encoding="utf-8").replace(
        'outlet = "newslab test suite"', 'outlet = "<i>Evil</i> & Co"'
    )
    (folder / "case.toml").write_text(toml, encoding="utf-8")
    case = load_case(folder)
    card = case_card_html(case)
    assert "<script>" not in card and "<i>" not in card
    assert "&lt;script&gt;towns&lt;/script&gt;" in card and "&lt;i&gt;Evil&lt;/i&gt; &amp; Co" in card
    assert case._repr_html_() == card
    assert "21 November 2022" in card and "Monday" not in card  # the weekday is an exercise
