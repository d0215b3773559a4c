"""Reading article files: what is accepted, and the error for each kind of bad file."""

from __future__ import annotations

import time

import pytest

from newslab import ArticleError, read_article


def write(tmp_path, data: bytes, name: str = "article.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_bom_is_dropped_and_line_endings_normalised(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbfHead\r\n\r\nOne.\rTwo.\n")
    assert read_article(path) == "Head\n\nOne.\nTwo.\n"


def test_text_is_otherwise_unchanged(tmp_path):
    text = "Head “quoted” — dash\u00a0nbsp\n\n\tTabbed\fform feed\n"
    assert read_article(write(tmp_path, text.encode("utf-8"))) == text


@pytest.mark.parametrize(
    "data, message, hint",
    [
        (b"", "article.txt: the file is empty", "paste the article as plain text"),
        (b"  \n\t\r\n ", "article.txt: the file holds only whitespace", "paste the article as plain text"),
        ("Head\n\nSecond line caf\xe9".encode("latin-1"), "article.txt, line 3: byte 0xe9 at column 16 is not UTF-8", "save it again as 'UTF-8'"),
        ("Head".encode("utf-16"), "article.txt: the file is UTF-16, not UTF-8", "save it again as 'UTF-8'"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "article.txt: this looks like a binary file", "plain .txt file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "article.txt: this looks like a binary file", "plain .txt file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "article.txt: this looks like a binary file", "plain .txt file"),
        (b"Head\n\nBody\x1bwith escape\n", "article.txt, line 3: control character U+001B", "copy the article again"),
    ],
)
def test_bad_files_name_file_line_and_fix(tmp_path, data, message, hint):
    with pytest.raises(ArticleError) as info:
        read_article(write(tmp_path, data))
    text = str(info.value)
    assert message in text
    assert f"(hint: " in text and hint in text


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="this is a folder"):
        read_article(tmp_path)


def test_article_error_is_a_value_error_with_fields(tmp_path):
    with pytest.raises(ValueError) as info:
        read_article(write(tmp_path, "x\ncaf\xe9".encode("latin-1")))
    assert info.value.line == 2
    assert info.value.path.endswith("article.txt")


def test_five_megabytes_read_fast(tmp_path):
    paragraph = ("Officials said the 3.5 million figure was “about right”, a rise of 4% on 2020. " * 12).encode("utf-8")
    data = b"Headline\n\n" + (paragraph + b"\n\n") * (5_000_000 // len(paragraph) + 1)
    path = write(tmp_path, data)
    start = time.process_time()
    text = read_article(path)
    elapsed = time.process_time() - start
    assert len(text) > 4_000_000
    assert elapsed < 0.5, f"reading 5 MB took {elapsed:.2f} s of CPU"
