"""Hostile and broken input: nothing a teacher or student feeds newslab breaks it.

* Property-based (hypothesis): the article loader, the splitter and every
  extractor that exists (``EXTRACTORS`` of benchmarks/bench.py: a module not written
  yet is skipped, and once it is there it is required) take arbitrary text and
  either return or raise one of newslab's documented errors
  (:class:`newslab.errors.NewslabError`); anything else escaping is a bug.
* Article text holding HTML or script is escaped wherever it is rendered:
  the article view, the case card, self-check feedback and forms, figures,
  and every pandas Styler table in the package.
* Case files with arbitrary contents, missing columns, bad coordinates,
  unknown source ids or the wrong encoding get errors that name the file and
  a line that exists (tests/test_case.py has the fixed examples; these are
  the generic and random ones).
"""

from __future__ import annotations

import ast
import datetime as dt
import html
import html.parser
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import bench  # benchmarks/bench.py (pytest puts benchmarks/ on the path)
from newslab.core.article import decode_article, read_article
from newslab.case import load_case, validate_case
from newslab.core.errors import ArticleError, CaseError, NewslabError
from newslab.case.schema import TABLES
from newslab.core.text import Document, split_article

from conftest import ARTICLE, FILES, write_case

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "newslab"

# The fixtures used with @given only hand over a function: sharing them between examples is fine.
_HEALTH = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=_HEALTH)
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=_HEALTH)

# --------------------------------------------------------------------------- strategies

# Pieces an article is made of, plus the awkward ones: quotes of every kind,
# abbreviations, decimals, dashes, markup, control characters, odd spaces.
PIECES = [
    "The", "minister", "said", "Iran", "Kabul", "Lagos", "Mr.", "Dr.", "U.S.", "No. 1", "e.g.", "3.5",
    "1,037", "85 percent", "4%", "$2.3 billion", "900-kilometre (550-mile)", "10–15", "-3", "1990s",
    "from 1996 until 2001", "on Sunday", "last week", "two decades", "a third", "dozens", "fifth",
    "July 5", "5 July 2021", "2021-07-17", "04/05/2021", "COVID-19", "G7", "24/7", "“", "”", "‘", "’",
    '"', "'", "«", "»", "(", ")", "[", "]", ".", ",", ";", ":", "?", "!", "…", "—", "-", "/",
    "<script>alert(1)</script>", "<b>", "&amp;", "&", "<", ">", "according to", "warned", "told",
    "\n", "\n\n", "\r\n", "\r", "\t", " ", "\u00a0", "\u2028", "\u200b", "\ufeff", "\x00", "\x0c",
    "É", "ß", "İ", "ﬁ", "١٢٣", "三", "🙂", "Zaranj–Milak", "ISLAM QALA, Afghanistan —",
]
newsy = st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=300), newsy, st.text(alphabet=st.sampled_from(".,;:!?\"'“”‘’ \n\r\t—-0123456789"), max_size=200))


def _ok_or_documented(func, *args, **kwargs):
    """Call ``func``; a NewslabError is a documented refusal and fine, anything else fails the test."""
    try:
        return func(*args, **kwargs)
    except NewslabError as exc:
        assert str(exc).strip(), f"{func.__name__} raised {type(exc).__name__} with no message"
        return None


# --------------------------------------------------------------------------- the loader


@FAST
@given(st.binary(max_size=400))
@example(b"\xef\xbb\xbfHead\r\n\r\nBody")
@example(b"\xff\xfeH\x00i\x00")  # UTF-16
@example(b"Title\n\nCaf\xe9 au lait")  # Latin-1
@example(b"\x00\x01\x02binary")
def test_decode_article_returns_clean_text_or_an_article_error(data):
    try:
        text = decode_article(data, "hostile.txt")
    except ArticleError as exc:
        assert str(exc).startswith("hostile.txt"), str(exc)
        return
    assert isinstance(text, str) and text.strip()
    assert "\r" not in text and not text.startswith("\ufeff")


@SLOW
@given(st.binary(max_size=200))
def test_read_article_from_a_file_never_crashes(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_bytes(data)
        _ok_or_documented(read_article, path)


# --------------------------------------------------------------------------- the splitter


def _consistent(doc: Document, text: str) -> None:
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))
    for part in (*doc.paragraphs, *doc.sentences):
        raw = doc.text[part.start : part.end]
        assert raw and raw == raw.strip()
        assert " ".join(raw.split()) == part.text
    for s in doc.sentences:
        para = doc.paragraphs[s.paragraph]
        assert para.start <= s.start < s.end <= para.end
    ends = [(s.start, s.end) for s in doc.sentences]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))
    if any(ch.isalnum() for ch in text):
        assert doc.sentences, "text with a letter or digit in it has at least one sentence"


@FAST
@given(any_text, st.booleans())
@example("<script>alert('x')</script>\n\n“Quoted,” he said. Mr. Smith left.", True)
@example("\r\n\r\n\r\n", True)
@example("a.\u2028b", False)
def test_split_article_on_any_text(text, headline):
    doc = _ok_or_documented(split_article, text, headline=headline)
    if doc is not None:
        _consistent(doc, text)


# --------------------------------------------------------------------------- every extractor

MODULES = [module for module, _names in bench.EXTRACTORS]


@pytest.fixture(params=MODULES)
def extractor(request):
    """(module, function, kwargs) of each extractor; skipped until its module exists."""
    module = request.param
    func = bench.find_extractor(module)  # LookupError (a failure) if the module lost its function
    if func is None:
        pytest.skip(f"{module} is not written yet")
    return module, func, dict(bench.EXTRACTOR_KWARGS.get(module, {}))


def test_every_extractor_module_in_the_package_is_fuzzed():
    """A new module with an ``extract(text)`` must join bench.EXTRACTORS (and so these tests and the bench)."""
    extractor_like = {p.stem for p in SRC.glob("*.py")
                      if re.search(r"^def extract\(", p.read_text(encoding="utf-8"), re.M)}
    listed = {m.rsplit(".", 1)[1] for m in MODULES}
    assert extractor_like <= listed, extractor_like - listed


#: Other functions that read arbitrary article text: (module, function).
TEXT_FUNCTIONS = [
    ("newslab.structure", "find_byline"),
    ("newslab.structure", "find_dateline"),
    ("newslab.structure", "lede"),
    ("newslab.structure", "kicker"),
    ("newslab.structure", "nut_graph_candidates"),
    ("newslab.newcase", "find_dateline_date"),
    ("newslab.text", "normalize_for_match"),
]


@pytest.fixture(params=TEXT_FUNCTIONS, ids=lambda v: ".".join(v))
def text_function(request):
    import importlib

    module, name = request.param
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        pytest.skip(f"{module} is not written yet")
    if not hasattr(mod, name):
        pytest.skip(f"{module} has no {name} (any more): update TEXT_FUNCTIONS")
    return getattr(mod, name)


@FAST
@given(text=any_text)
@example(text="By <b>Staff</b>\n\nKABUL, Afghanistan (AP) — “Quote,” he said.")
def test_other_text_functions_take_any_text(text_function, text):
    _ok_or_documented(text_function, text)


def _check_result(module: str, result, text: str) -> None:
    if result is None:
        return
    columns = getattr(result, "columns", None)
    if columns is not None:
        doc = split_article(text) if text.strip() else None
        if "sentence_index" in columns and len(result):
            n = len(doc.sentences) if doc is not None else 0
            idx = [int(i) for i in result["sentence_index"].dropna()]
            assert all(0 <= i < n for i in idx), f"{module}: sentence_index outside 0..{n - 1}: {idx}"
        if "surface" in columns:
            assert all(isinstance(s, str) and s.strip() for s in result["surface"].dropna()), module


@FAST
@given(text=any_text)
@example(text="Head\n\n“Unclosed quote, said the minister. ‘Nested “deep” ones’”")
@example(text="<script>document.write('x')</script>\n\n<img src=x onerror=alert(1)> said Ms. Li on 5 July.")
@example(text="")
@example(text="\n\n\n")
def test_extractors_take_any_text(extractor, text):
    module, func, kwargs = extractor
    result = _ok_or_documented(func, text, **kwargs)
    _check_result(module, result, text)


@FAST
@given(text=newsy, day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
@example(text="On Sunday, 31 December, the year ended; next week was 2 January.", day=dt.date(9999, 12, 31))
@example(text="Last Monday and 500 years ago in the 1990s.", day=dt.date(1, 1, 1))
def test_dates_resolve_against_any_dateline(text, day):
    func = bench.find_extractor("newslab.dates")
    if func is None:
        pytest.skip("newslab.dates is not written yet")
    _ok_or_documented(func, text, dateline=day)


@pytest.mark.parametrize("dateline", ["17/07/2021", "yesterday", "", "2021-02-30", 20210717, None])
def test_dates_reject_a_bad_dateline_with_a_documented_error(dateline):
    func = bench.find_extractor("newslab.dates")
    if func is None:
        pytest.skip("newslab.dates is not written yet")
    with pytest.raises(NewslabError):
        func("Head\n\nOn Sunday it rained.", dateline=dateline)


# --------------------------------------------------------------------------- escaping

ATTACKS = [
    "<script>alert('newslab')</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '"><svg onload=alert(1)>',
    "</td></tr></table><script>x()</script>",
    "&lt;already escaped&gt; & raw <",
]


class _Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    p.close()
    return p


def assert_inert(page: str, allowed: set[str]) -> None:
    found = parse(page)
    assert set(found.tags) <= allowed, f"unexpected tags {set(found.tags) - allowed} in {page[:300]!r}"
    assert not any(name.startswith("on") for name, _ in found.attrs), "an event-handler attribute got through"


@FAST
@given(st.lists(st.one_of(st.sampled_from(ATTACKS), newsy), min_size=1, max_size=6))
def test_article_view_escapes_everything(parts):
    from newslab.notebook.show import article_html, show_article

    text = "\n\n".join(parts)
    assume(text.strip())
    page = article_html(text)
    assert_inert(page, {"article", "h3", "p", "span"})
    shown = "".join(parse(page).text)
    for para in split_article(text).paragraphs:
        assert para.text.replace("¶", "") in shown.replace("¶", "") or para.text in shown
    assert show_article(text)._repr_html_() == page


def _hostile_case(tmp_path: Path) -> Path:
    attack = ATTACKS[0]
    article = ARTICLE.replace("Andes towns brace", f"{attack} Andes towns brace")
    folder = write_case(
        tmp_path / "andes-water",
        case_toml=FILES["case.toml"]
        .replace('title = "Dry reservoirs in Mendoza"', 'title = "<b onmouseover=x()>Dry</b>"')
        .replace('outlet = "newslab test suite"', f'outlet = "{ATTACKS[1]}"')
        .replace('wire = ""', 'wire = "<script>wire()</script>"'),
        checks_toml=FILES["checks.toml"].replace('prompt = "Which weekday?"', f'prompt = "Which <i>weekday</i>? {ATTACKS[2]}"'),
    )
    (folder / "article.txt").write_text(article, encoding="utf-8")
    return folder


def test_case_card_and_case_repr_escape_the_case(tmp_path):
    from newslab.case.loader import case_card_html

    case = load_case(_hostile_case(tmp_path))
    assert "<script>" in case.headline  # the data keeps what the teacher wrote ...
    for page in (case_card_html(case), case._repr_html_()):  # ... the page shows it as text
        assert_inert(page, {"table", "caption", "code", "tr", "th", "td", "div", "span", "b", "p", "small",
                            "details", "summary", "ul", "li", "br", "strong", "em", "h3", "h4", "article"})
        assert "&lt;script&gt;" in page


def test_self_check_feedback_and_form_escape_answers_and_prompts(tmp_path):
    pytest.importorskip("ipywidgets")
    from newslab.case.checks import check
    from newslab.notebook.widgets import check_widget

    case = load_case(_hostile_case(tmp_path))
    feedback = check("00-weekday", ATTACKS[0], case)
    assert not feedback.correct
    assert_inert(feedback._repr_html_(), {"div", "b", "small", "br"})
    form = check_widget("00-weekday", case)
    prompt = form.children[0].value
    assert_inert(prompt, {"b"})
    assert "&lt;i&gt;weekday&lt;/i&gt;" in prompt


def test_figures_escape_alt_text_and_caption():
    pytest.importorskip("matplotlib")
    from newslab.notebook.figures import new_figure, show_figure

    fig = new_figure()
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    shown = show_figure(fig, alt=f'A line "going up" {ATTACKS[3]}', caption=ATTACKS[0])
    assert_inert(shown._repr_html_(), {"figure", "img", "figcaption"})
    img_alt = dict(parse(shown._repr_html_()).attrs)["alt"]
    assert img_alt == f'A line "going up" {ATTACKS[3]}'


def test_the_brief_escapes_the_article_and_the_students_text(tmp_path):
    """A student's brief (lesson 05) shows markup from the case or the student as text, in HTML and Markdown."""
    brief_mod = pytest.importorskip("newslab.brief")
    case = load_case(_hostile_case(tmp_path))
    brief = brief_mod.make_brief(case, summary=ATTACKS[0], author=ATTACKS[1], map=None,
                                 missing_voices=ATTACKS[2])
    page = brief.html()
    found = parse(page)
    assert "script" not in found.tags and "iframe" not in found.tags, page[:500]
    assert not any(name.startswith("on") for name, _ in found.attrs), "an event handler got into the brief"
    assert "&lt;script&gt;" in page
    text = brief.markdown(map_file=None)
    assert "<script>" not in text and "<img" not in text and "<iframe" not in text


def _styler_chains(tree: ast.AST):
    """Every outermost expression that goes through ``.style`` (a pandas Styler)."""
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "style":
            top = node
            while isinstance(parents.get(top), (ast.Attribute, ast.Call)) and (
                not isinstance(parents[top], ast.Call) or parents[top].func is top
            ):
                top = parents[top]
            yield node, top


def _escapes(chain: ast.AST) -> bool:
    for node in ast.walk(chain):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "format_index"):
            for kw in node.keywords:
                if kw.arg == "escape" and isinstance(kw.value, ast.Constant) and kw.value.value == "html":
                    return True
    return False


def test_every_styled_table_in_the_package_escapes_html():
    """Static: each ``df.style...`` chain in src/newslab passes through ``.format(escape="html")``."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if ".style" not in source:
            continue
        for node, chain in _styler_chains(ast.parse(source)):
            if not _escapes(chain) and not re.search(r"styler\.format\.escape[\"']\s*,\s*[\"']html", source):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"Styler without format(escape='html'): {offenders}"


def test_styler_escape_really_escapes():
    """The rule the static test enforces does what it claims (with the pinned pandas)."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"surface": [ATTACKS[0]], "value": [1.5]})
    page = frame.style.format(escape="html").to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<script>" in frame.style.to_html()  # without it, the markup would get through


@pytest.mark.parametrize("nb_path", sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")), ids=lambda p: p.name)
def test_committed_outputs_hold_no_live_script(nb_path):
    import nbformat

    for cell in nbformat.read(nb_path, as_version=4).cells:
        for out in cell.get("outputs", []):
            page = out.get("data", {}).get("text/html", "")
            page = "".join(page) if isinstance(page, list) else page
            if page:
                found = parse(page)
                assert "script" not in found.tags and "iframe" not in found.tags, (nb_path.name, cell.source[:80])
                assert not any(n.startswith("on") for n, _ in found.attrs), (nb_path.name, cell.source[:80])


# --------------------------------------------------------------------------- broken case files

TABLE_FILES = sorted(f"{name}.csv" for name in TABLES)


def _line_count(path: Path) -> int:
    """Lines as a spreadsheet (and the csv module) counts them: \\n, \\r\\n and a lone \\r end a line."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return max(1, len(re.split(r"\r\n|\r|\n", text.rstrip("\r\n"))))


def _assert_named(problems, folder: Path) -> None:
    assert problems, "a broken case was accepted"
    for p in problems:
        name = Path(p.path).name
        assert (folder / name).exists() or name in FILES or name.endswith(".txt") or "case" in name, str(p)
        if p.line is not None and (folder / name).is_file():
            assert 1 <= p.line <= _line_count(folder / name), f"{p}: line {p.line} is not in the file"


@SLOW
@given(file=st.sampled_from(TABLE_FILES), body=st.text(max_size=300))
def test_any_table_contents_give_problems_naming_file_and_line(file, body):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_case(Path(tmp) / "andes-water")
        header = FILES[file].splitlines()[0].strip() if file in FILES else ""
        (folder / file).write_text(header + "\n" + body, encoding="utf-8", errors="surrogatepass")
        try:
            problems = validate_case(folder)
        except Exception as exc:  # noqa: BLE001
            pytest.fail(f"validate_case crashed on {file} = {body!r}: {type(exc).__name__}: {exc}")
        if problems:
            _assert_named(problems, folder)
            with pytest.raises(CaseError):
                load_case(folder)


@pytest.mark.parametrize(
    "table, column",
    [(t, c) for t, cols in TABLES.items() for c, spec in cols.items() if spec.required],
    ids=lambda v: str(v),
)
def test_every_missing_required_column_is_named_on_line_1(make_case, table, column):
    file = f"{table}.csv"
    if file not in FILES:
        pytest.skip(f"the test case has no {file}")
    lines = FILES[file].strip("\n").splitlines()
    lines = [line.strip() for line in lines]
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    if column not in rows[0]:
        pytest.skip(f"{file} of the test case does not have {column}")
    keep = [i for i, name in enumerate(rows[0]) if name != column]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[r[i] for i in keep if i < len(r)] for r in rows])
    folder = make_case(**{file.replace(".", "_"): out.getvalue()})
    messages = [str(p) for p in validate_case(folder)]
    assert any(f"{file}, line 1: required column '{column}' is missing" in m for m in messages), messages


@pytest.mark.parametrize("lat, lon", [("nan", "-68.83"), ("-32.89", "inf"), ("91", "0"), ("0", "-180.5"),
                                      ("-32,89", "-68,83"), ("32.89S", "68.83W"), ("", "-68.83")])
def test_bad_coordinates_are_named_with_their_line(make_case, lat, lon):
    folder = make_case(places_csv=f"name,lat,lon,kind,country,in_article,source_id\n"
                                  f"Santiago,-33.45,-70.67,capital,CHL,no,dgi\nMendoza,{lat},{lon},city,ARG,yes,dgi\n")
    messages = [str(p) for p in validate_case(folder)]
    assert any(m.startswith(("places.csv, line 3", str(folder / "places.csv") + ", line 3"))
               or "places.csv, line 3" in m for m in messages), messages


@pytest.mark.parametrize("file", ["voices.csv", "places.csv", "events.csv"])
def test_unknown_source_ids_in_every_table_are_named(make_case, file):
    text = FILES[file]
    lines = [line.strip() for line in text.strip("\n").splitlines()]
    header = lines[0].split(",")
    assert "source_id" in header
    # give the first data row a source that sources.csv does not list
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    rows[1][header.index("source_id")] = "no-such-source"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    folder = make_case(**{file.replace(".", "_"): out.getvalue()})
    messages = [str(p) for p in validate_case(folder)]
    assert any(f"{file}, line 2: source_id 'no-such-source' is not in sources.csv" in m for m in messages), messages


ENCODINGS = ["latin-1", "cp1252", "utf-16", "utf-32", "mac-roman"]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("file", [*TABLE_FILES, "case.toml", "checks.toml"])
def test_wrong_encodings_are_named_with_file_and_line(make_case, file, encoding):
    folder = make_case()
    path = folder / file
    if not path.exists():
        pytest.skip(f"the test case has no {file}")
    text = path.read_text(encoding="utf-8")
    if file.endswith(".csv"):
        text = text.rstrip("\n") + "\n"
        lines = text.splitlines()
        lines[-1] = lines[-1].replace(lines[-1].split(",")[-1], "Café Ñandú") if lines[-1].split(",")[-1] else lines[-1] + "Café"
        text = "\n".join(lines) + "\n"
    else:
        text = text + '\n# Café Ñandú\n'
    data = text.encode(encoding)
    try:
        data.decode("utf-8")
        pytest.skip(f"{encoding} gave valid UTF-8 for this text")
    except UnicodeDecodeError:
        pass
    path.write_bytes(data)
    problems = validate_case(folder)
    mine = [p for p in problems if Path(p.path).name == file]
    assert mine, [str(p) for p in problems]
    assert all(p.line is not None and p.line >= 1 for p in mine), [str(p) for p in mine]
    assert any("UTF-8" in p.message or "utf-8" in p.message.lower() for p in mine), [str(p) for p in mine]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_article_in_a_wrong_encoding_is_named(make_case, encoding):
    folder = make_case()
    (folder / "article.txt").write_bytes(ARTICLE.encode(encoding))
    messages = [str(p) for p in validate_case(folder)]
    assert any("article.txt" in m and "UTF-8" in m for m in messages), messages


def test_html_in_a_case_table_stays_data(make_case):
    """Markup in a table cell is loaded as text (and escaped when shown, as tested above)."""
    folder = make_case(sources_csv="id,title,publisher,date,url,note\n"
                                   "dgi,<script>alert(1)</script>,Departamento,2022-11,https://example.org/l,\n"
                                   "calendar,Calendar arithmetic,newslab,,,\n")
    case = load_case(folder)
    assert case.source("dgi")["title"] == "<script>alert(1)</script>"


# --------------------------------------------------------------------------- students' files


@pytest.fixture(scope="module")
def seed_case():
    from newslab.case import DEFAULT_CASE

    return load_case(DEFAULT_CASE)


@SLOW
@given(student=st.one_of(st.text(max_size=50), st.sampled_from(
    ["../../etc/passwd", "..", ".", "/abs", "a/b", "ana\\x00", "ana-r", "CON", " ana ", "ä" * 41, "~root"])))
def test_a_student_name_never_leads_outside_the_work_folder(seed_case, student):
    stance = pytest.importorskip("newslab.stance")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            path = stance.coding_path(student, seed_case, folder=tmp)
        except NewslabError:
            return
        root = Path(tmp).resolve()
        assert root in path.resolve().parents, (student, path)
        assert path.resolve().parent.parent == root, "one folder per student, directly in the work folder"


# --------------------------------------------------------------------------- pathological text: near-linear time

#: Sizes for the linearity test: small enough that all extractors and shapes take a few seconds.
LINEAR_BYTES, LINEAR_FACTOR, LINEAR_LIMIT = 3_000, 4, 8.0


def test_every_extractor_is_near_linear_on_pathological_text(extractor):
    """Each shape that once made an extractor super-linear (issue 18): 4x the text, well under 8x the time.

    Times are CPU times of this process, the minimum of a few runs (a loaded
    machine takes the cores away, which adds wall time but hardly any CPU
    time).  A shape whose larger text takes under 20 ms is fast enough not to
    judge (fixed costs, such as building the table, would dominate the ratio).
    """
    module, func, kwargs = extractor
    slow = {}
    for shape in bench.PATHOLOGICAL_SHAPES:
        large = bench.time_pathological(func, bench.pathological_article(shape, LINEAR_BYTES * LINEAR_FACTOR), 2,
                                        **kwargs)
        if large < 0.02:
            continue
        small = bench.time_pathological(func, bench.pathological_article(shape, LINEAR_BYTES), 3, **kwargs)
        ratio = large / small
        if ratio > LINEAR_LIMIT:
            slow[shape] = f"{small:.3f} s -> {large:.3f} s ({ratio:.1f}x for {LINEAR_FACTOR}x the text)"
    assert not slow, f"{module} is super-linear on: {slow}"


# --------------------------------------------------------------------------- article text in a chart is text


@pytest.mark.parametrize("label", ["Aid rose from $5m to $6m", "Pay $5% more, $6", r"$\alpha$ and \$ and $"])
def test_article_text_in_every_chart_is_text_not_math(monkeypatch, label):
    """Dollar signs in labels are drawn as written (issue 18, item 8): mathtext never runs, nothing raises."""
    pd = pytest.importorskip("pandas")
    matplotlib = pytest.importorskip("matplotlib")
    import matplotlib.mathtext
    from matplotlib.text import Text

    from newslab.notebook.plots import numbers as number_charts
    from newslab.notebook.plots import reading, voices

    def refuse(*args, **kwargs):
        raise AssertionError("a label was parsed as math text")

    monkeypatch.setattr(matplotlib.mathtext.MathTextParser, "parse", refuse)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    drawn: list[tuple[str, bool]] = []
    real_print_png = FigureCanvasAgg.print_png

    def print_png(canvas, *args, **kwargs):  # show_figure's one draw
        result = real_print_png(canvas, *args, **kwargs)  # draws: tick labels exist after this
        drawn.extend((t.get_text(), t.get_parse_math()) for t in canvas.figure.findobj(Text) if t.get_text())
        return result

    monkeypatch.setattr(FigureCanvasAgg, "print_png", print_png)
    events = pd.DataFrame({"id": ["aid"], "start": pd.to_datetime(["2021-07-10"]), "end": pd.to_datetime([None]),
                           "label": [label]})
    claims = pd.DataFrame({"surface": [label], "value": [5.0], "unit": ["million dollars"], "speaker": [label],
                           "ref_in_unit": [6.0], "source": [label], "verdict": ["inaccurate"]})
    voice_table = pd.DataFrame({"speaker": [label, "Mayor"], "mode": ["quote", "paraphrase"], "text": ["a b c", "d e"]})
    for shown in (reading.timeline(events, "2021-07-17", source=label, title=label),
                  voices.words_chart(voice_table, source=label),
                  number_charts.one_number(claims, case_id="c")):
        assert shown.png.startswith(b"\x89PNG")
    assert any(label in text for text, _ in drawn), drawn
    assert not [text for text, parse_math in drawn if parse_math], "a text of a figure would be read as math"


# --------------------------------------------------------------------------- wrong values (issue 18, item 11)


def _numbers(text):
    from newslab import numbers

    return numbers.extract("Head\n\n" + text)


def _dates(text, dateline="2021-07-17"):
    from newslab import dates

    return dates.extract("Head\n\n" + text, dateline)


@pytest.mark.parametrize("text", ["It happened on 2021-02-30 in Kabul.", "It happened on 30 February 2021.",
                                  "It happened on February 30, 2021.", "The code was 02-30 that day."])
def test_impossible_dates_are_neither_dates_nor_counts(text):
    times = _dates(text)
    assert times.empty, times[["surface", "rule"]].to_dict("records")
    found = _numbers(text)
    assert not any("30" in s for s in found["surface"]), found[["surface", "value", "kind"]].to_dict("records")
    assert not any(str(d).endswith("02-30") for d in found["date"].dropna())


def test_a_possible_iso_date_is_one_date_in_the_numbers_table():
    found = _numbers("It happened on 2021-02-28 in Kabul.")
    assert found[["surface", "kind", "date"]].to_dict("records") == [
        {"surface": "2021-02-28", "kind": "date", "date": "2021-02-28"}]


def test_a_401_digit_number_is_kept_as_text_never_inf(tmp_path):
    import math

    from newslab.tools.newcase import new_case

    digits = "9" * 401
    found = _numbers(f"The model predicts {digits} people and 1e999 more.")
    assert digits in list(found["surface"])
    for column in ("value", "low", "high"):
        assert not any(isinstance(v, float) and math.isinf(v) for v in found[column].dropna()), column
    article = tmp_path / "huge.txt"
    article.write_text(f"Huge numbers\n\nKABUL, Afghanistan — The model predicts {digits} people, officials said.\n",
                       encoding="utf-8")
    folder = new_case(article, tmp_path / "huge-case", dateline="2021-07-17")
    claims = (folder / "claims.csv").read_text(encoding="utf-8").lower()
    assert "inf" not in claims.replace("information", ""), claims


@pytest.mark.parametrize("text, value, unit", [
    ("About 1.5e6 people fled.", 1.5e6, "people"),
    ("The dose was 2.5E-3 percent.", 2.5e-3, "percent"),
    ("Some 3×10^6 tonnes of grain.", 3e6, "tonne"),
    ("Some 4 x 10⁶ tonnes of grain.", 4e6, "tonne"),
    ("It cost $2.5e9 in all.", 2.5e9, "dollar"),
])
def test_scientific_notation_is_one_number(text, value, unit):
    found = _numbers(text)
    assert len(found) == 1, found[["surface", "value"]].to_dict("records")
    row = found.iloc[0]
    assert row["value"] == pytest.approx(value) and row["unit"] == unit


def test_an_invisible_character_does_not_split_a_number():
    found = _numbers("Some 5\u200b000 people and 1\u2060200 more came.")
    assert list(found["value"]) == [5000.0, 1200.0]
    doc = split_article("Head\n\nSome 5\u200b000 people")
    assert doc.text == "Head\n\nSome 5000 people"  # offsets point into the cleaned text, once, for everyone
    row = found.iloc[0]
    assert doc.text[row["start"]:row["end"]] == "5000"


def test_arabic_indic_digits_are_read_as_one_number():
    found = _numbers("It was ٣٫٥ percent, and ١٬٢٠٠ people.")
    assert found[["value", "unit"]].values.tolist() == [[3.5, "percent"], [1200.0, "people"]]


@pytest.mark.parametrize("text, warned", [
    ("On Monday, 17 July 2021 the talks began.", True),  # 17 July 2021 was a Saturday
    ("On Saturday, 17 July 2021 the talks began.", False),
    ("Talks began Monday, July 17, 2021.", True),
    ("It ended on Friday, 16 July.", False),
])
def test_a_weekday_that_contradicts_its_date_is_flagged(text, warned):
    from newslab.extract.dates import WARNINGS

    times = _dates(text)
    assert len(times) == 1 and times.iloc[0]["start"] == dt.date(2021, 7, 17 if "17" in text else 16)
    warning = times.iloc[0]["warning"]
    assert warning == ("weekday-contradicts-date" if warned else ""), warning
    if warned:
        assert warning in WARNINGS


# --------------------------------------------------------------------------- hostile shapes, property-based

SHAPES = sorted(bench.PATHOLOGICAL_SHAPES)
HOSTILE_PIECES = ["2021-02-30", "02-30", "9" * 401, "1.5e6", "3×10^6", "5\u200b000", "٣٫٥", "١٬٢٠٠",
                  "Monday, 17 July 2021", "30 February 2021", "$5m to $6m", "Pay $5% more, $6", "1e999"]


@FAST
@given(shape=st.sampled_from(SHAPES), size=st.integers(1, 1500), extra=st.lists(st.sampled_from(HOSTILE_PIECES + PIECES),
                                                                                 max_size=8))
@example(shape="unclosed-quote", size=1500, extra=["said", "Monday, 17 July 2021"])
@example(shape="digits", size=1200, extra=["9" * 401])
def test_extractors_take_pathological_shapes(extractor, shape, size, extra):
    """The shapes of the benchmark, cut anywhere and mixed with the wrong-value pieces, give a table or a documented error."""
    module, func, kwargs = extractor
    text = bench.pathological_article(shape, size)
    text = text[: len(text) - size // 3] + " " + " ".join(extra)
    result = _ok_or_documented(func, text, **kwargs)
    _check_result(module, result, text)
    if module == "newslab.numbers" and result is not None:
        import math

        assert not any(isinstance(v, float) and math.isinf(v) for v in result["value"].dropna())


def test_a_source_line_with_dollar_signs_is_text_and_wraps():
    """credit() lays out and wraps the source line itself; two '$' must not make it math (it raised)."""
    import matplotlib

    matplotlib.use("Agg")
    from newslab import figures

    fig = figures.new_figure(4, 2)
    ax = fig.subplots()
    ax.plot([1, 2], [1, 2])
    figures.credit(fig, "Pay $5% more, $6 " + "and a long source line " * 8)
    line = fig.texts[-1]
    assert line.get_text().startswith("Source: Pay $5% more, $6") and "\n" in line.get_text()
    fig.canvas.draw()
