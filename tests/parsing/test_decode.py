"""parsing.decode: each step of the charset order, on bytes as portals serve them."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
from nianbao.parsing.decode import decode_html, decode_text
from nianbao.parsing.document import UnreadableDocument

FIXTURES = Path(__file__).parents[1] / "fixtures" / "html"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_fixtures_are_what_their_names_say():
    """Guard the fixtures themselves: each must defeat the step before the one it tests."""
    with pytest.raises(UnicodeDecodeError):
        fixture("gbk_http_equiv.html").decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        fixture("gb2312_with_gbk_chars.html").decode("gb2312")
    with pytest.raises(UnicodeDecodeError):
        fixture("gbk_undeclared.html").decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        fixture("utf8_wrong_header.html").decode("gb18030")
    assert b"charset" not in fixture("gbk_undeclared.html")
    assert b"charset" not in fixture("utf8_wrong_header.html")


# --- declarations ------------------------------------------------------------------------------

# "中文" in UTF-8 is also valid GB18030 (as mojibake): only the order of the steps decides.
AMBIGUOUS = "中文".encode()
AS_GB18030 = AMBIGUOUS.decode("gb18030")


def test_http_header_charset_wins_over_meta():
    page = b'<meta charset="gbk"><p>' + AMBIGUOUS + b"</p>"
    assert "中文" in decode_html(page, "text/html; charset=UTF-8")
    assert AS_GB18030 in decode_html(page.replace(b"gbk", b"utf-8"), "text/html;charset=gbk")


def test_meta_charset_wins_over_utf8_guess():
    page = b'<meta charset="gbk"><p>' + AMBIGUOUS + b"</p>"
    assert AS_GB18030 in decode_html(page)


def test_meta_http_equiv_charset_only():
    data = fixture("gbk_http_equiv.html")
    assert decode_html(data) == data.decode("gbk")
    assert "本年度共收到政府信息公开申请49件" in decode_html(data)


def test_declared_gb2312_decodes_as_gb18030():
    text = decode_html(fixture("gb2312_with_gbk_chars.html"))
    assert "联系人：朱镕、王喆、李堃" in text


def test_declared_charset_that_fails_falls_through_to_utf8():
    data = fixture("utf8_wrong_header.html")
    assert decode_html(data, "text/html; charset=GBK") == data.decode("utf-8")


def test_unknown_and_server_default_charsets_are_skipped():
    data = "<p>年度报告</p>".encode("gbk")
    assert decode_html(data, "text/html; charset=ISO-8859-1") == "<p>年度报告</p>"
    assert decode_html(b'<meta charset="x-bogus">' + data) == '<meta charset="x-bogus"><p>年度报告</p>'


def test_xml_declaration_encoding():
    data = '<?xml version="1.0" encoding="gb2312"?><html><p>中文</p></html>'.encode("gbk")
    assert "中文" in decode_html(data)


# --- undeclared ----------------------------------------------------------------------------------


def test_undeclared_gbk_page_is_gb18030_not_a_detector_guess():
    data = fixture("gbk_undeclared.html")
    assert decode_html(data) == data.decode("gbk")


def test_short_gbk_text_is_not_read_as_korean():
    # charset-normalizer alone reads these bytes as cp949; GB18030 comes before it.
    assert decode_text("年度报告".encode("gbk")) == "年度报告"


def test_detector_is_the_last_resort():
    # Neither UTF-8 nor GB18030 (0xE9 then a space is not a GBK pair): a Western page.
    data = "Café Grüße aus Köln, déjà vu, l'été à Paris".encode("cp1252")
    assert "Caf" in decode_text(data) and "Köln" in decode_text(data)


def test_nothing_decodes():
    rng = random.Random(0)
    noise = bytes(rng.randrange(256) for _ in range(4096))
    with pytest.raises(UnreadableDocument, match="cannot decode"):
        decode_html(noise)


# --- BOMs and truncation -------------------------------------------------------------------------


def test_bom_is_stripped_and_obeyed():
    assert decode_text(codecs.BOM_UTF8 + "总计".encode()) == "总计"
    assert decode_text(codecs.BOM_UTF16_LE + "总计".encode("utf-16-le")) == "总计"
    assert decode_html(codecs.BOM_UTF8 + "<p>总计</p>".encode(), "text/html; charset=gbk") == "<p>总计</p>"


def test_text_files_are_utf8_then_gb18030():
    assert decode_text("一、总体情况\n".encode()) == "一、总体情况\n"
    assert decode_text("一、总体情况\n".encode("gb18030")) == "一、总体情况\n"


def test_a_character_cut_off_at_the_end_does_not_lose_the_encoding():
    assert decode_text("结转下年度".encode()[:-1]) == "结转下年"
    assert decode_html("<p>结转下年度".encode("gbk")[:-1]) == "<p>结转下年"
