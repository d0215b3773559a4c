"""Tests for newslab.quotes: direct quotations, their offsets and marks.

Every snippet here was written for these tests (wire copy, British and
American styles, headlines, German and French marks); none is the seed.
"""

from __future__ import annotations

import pytest

from newslab.core.quotes import Quote, find_quotes
from newslab.core.text import split_article


def texts(text: str, **kw) -> list[str]:
    return [q.text for q in find_quotes(text, **kw)]


def test_curly_double_quote_offsets_and_sentences():
    text = "Floods in Assam\n\nGUWAHATI, India — “We lost everything,” said Rina Das, 42. Water rose."
    doc = split_article(text)
    (q,) = find_quotes(doc)
    assert doc.text[q.start : q.end] == "“We lost everything,”"
    assert doc.text[q.inner_start : q.inner_end] == "We lost everything,"
    assert (q.sentence_index, q.last_sentence_index, q.paragraph) == (1, 1, 1)
    assert (q.open_mark, q.close_mark, q.closed, q.depth) == ("“", "”", True, 0)


def test_straight_double_quotes_and_attribution_before():
    text = 'Head\n\nThe mayor said: "The bridge is safe." Engineers disagreed.'
    (q,) = find_quotes(text)
    assert q.text == "The bridge is safe."
    assert q.marks == '""'


def test_quote_spanning_several_sentences():
    text = "Head\n\n“We were warned. Nobody listened. Now it is too late,” the farmer said. Rain fell."
    (q,) = find_quotes(text)
    assert q.text == "We were warned. Nobody listened. Now it is too late,"
    assert (q.sentence_index, q.last_sentence_index) == (1, 3)


def test_single_quotes_in_headline_and_british_style():
    text = (
        "‘We will not be bullied’, says Welsh minister\n\n"
        "CARDIFF — ‘The decision is final,’ the minister told the Senedd. "
        "She called the plan ‘a betrayal of rural Wales’."
    )
    qs = find_quotes(text)
    assert [q.text for q in qs] == [
        "We will not be bullied",
        "The decision is final,",
        "a betrayal of rural Wales",
    ]
    assert qs[0].paragraph == 0 and qs[0].sentence_index == 0
    assert all(q.marks == "‘’" for q in qs)


def test_straight_single_quotes():
    assert texts("Head\n\nThe PM called it 'a sad day' for Britain.") == ["a sad day"]


@pytest.mark.parametrize(
    "text",
    [
        "Head\n\nWe don’t know, the Afghans’ lawyer said.",
        "Head\n\nWe don't know, the Afghans' lawyer said.",
        "Head\n\nThe class of ’90s and rock'n'roll fans met in the ’80s style hall.",
        "Head\n\nThe Taliban’s claim and the officials’ denial.",
        "Head\n\nIt was a 6\" pipe, not 8\".",
    ],
)
def test_apostrophes_and_inches_are_not_quotes(text):
    assert find_quotes(text) == []


def test_possessive_inside_a_single_quote():
    text = "Head\n\n‘The Afghans’ plight is real,’ she said."
    assert texts(text) == ["The Afghans’ plight is real,"]


def test_apostrophe_inside_quote():
    assert texts("Head\n\n“We don’t accept the Taliban’s terms,” he said.") == [
        "We don’t accept the Taliban’s terms,"
    ]


def test_nested_quotes_double_in_single_and_single_in_double():
    text = (
        "Head\n\n“They told us ‘go home’ and shut the gate,” one man said. "
        "‘He called it “a disgrace”,’ she added."
    )
    qs = find_quotes(text)
    assert [(q.text, q.depth) for q in qs] == [
        ("They told us ‘go home’ and shut the gate,", 0),
        ("go home", 1),
        ("He called it “a disgrace”,", 0),
        ("a disgrace", 1),
    ]
    outer, inner = qs[0], qs[1]
    assert outer.start < inner.start < inner.end < outer.end


def test_nested_straight_quotes():
    qs = find_quotes("Head\n\n\"I heard him say 'never again' twice,\" the witness said.")
    assert [(q.text, q.depth) for q in qs] == [("I heard him say 'never again' twice,", 0), ("never again", 1)]


def test_unclosed_quote_runs_to_end_of_paragraph():
    text = (
        "Head\n\n"
        "“The water came at night. We ran to the roof.\n\n"
        "“By morning the village was gone,” said Ahmed Karimi."
    )
    qs = find_quotes(text)
    assert [(q.text, q.closed, q.paragraph) for q in qs] == [
        ("The water came at night. We ran to the roof.", False, 1),
        ("By morning the village was gone,", True, 2),
    ]
    doc = split_article(text)
    assert qs[0].end == doc.paragraphs[1].end
    assert qs[0].close_mark == "" and qs[0].marks == "“"
    assert (qs[0].sentence_index, qs[0].last_sentence_index) == (1, 2)


def test_french_and_german_marks():
    assert texts("Titre\n\nLe ministre a parlé de « crise grave » hier.") == ["crise grave"]
    assert texts("Titel\n\nDer Minister sprach von „einer Krise“ am Montag.") == ["einer Krise"]


def test_stray_closing_mark_is_ignored():
    assert texts("Head\n\nThe end” of the story. Then “a quote” here.") == ["a quote"]


def test_quotes_are_sorted_and_in_their_paragraph():
    text = "“Calm” border\n\nOne “a”.\n\nTwo “b” and “c”."
    doc = split_article(text)
    qs = find_quotes(doc)
    assert [q.text for q in qs] == ["Calm", "a", "b", "c"]
    assert [q.paragraph for q in qs] == [0, 1, 2, 2]
    for q in qs:
        p = doc.paragraphs[q.paragraph]
        assert p.start <= q.start < q.end <= p.end
        assert doc.sentences[q.sentence_index].start <= q.start


def test_headline_false_and_crlf():
    qs = find_quotes("“Yes,” she said.\r\n“No,” he said.", headline=False)
    assert [(q.text, q.paragraph) for q in qs] == [("Yes,", 0), ("No,", 1)]


def test_bad_input_type():
    with pytest.raises(TypeError, match="Document or a str"):
        find_quotes(42)


def test_quote_is_frozen():
    q = find_quotes("Head\n\n“x y” z.")[0]
    assert isinstance(q, Quote)
    with pytest.raises(AttributeError):
        q.text = "other"  # type: ignore[misc]


from hypothesis import given, settings, strategies as st  # noqa: E402

_PIECES = st.sampled_from(["“", "”", '"', "‘", "’", "'", "«", "»", "„", " ", "\n\n", "said", "Ana", "it’s",
                           "Afghans’", ".", ",", " the", "We", "90s", "6"])


@settings(max_examples=100, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_any_text_gives_well_formed_quotes(pieces):
    text = "Head\n\n" + "".join(pieces)
    doc = split_article(text)
    qs = find_quotes(doc)
    assert [q.start for q in qs] == sorted(q.start for q in qs)
    for q in qs:
        p = doc.paragraphs[q.paragraph]
        assert p.start <= q.start < q.end <= p.end
        assert doc.text[q.start] == q.open_mark
        assert q.closed == bool(q.close_mark)
        if q.closed:
            assert doc.text[q.end - 1] == q.close_mark
        assert q.sentence_index <= q.last_sentence_index
        assert q.text == " ".join(doc.text[q.inner_start:q.inner_end].split())
