"""core.text.normalise_text: the one normaliser forms, API and import share (issues 11 and 12)."""

import pytest

from core.text import has_removable_characters, normalise_text


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Tenun Ikat Moramam", "Tenun Ikat Moramam"),
        ("Tenun\u00a0Ikat", "Tenun Ikat"),  # NBSP from a web page or WhatsApp
        ("Tenun\u202fIkat\u2007Alor\u3000Baru", "Tenun Ikat Alor Baru"),  # narrow NBSP, figure and ideographic space
        ("  Tenun   Ikat \t", "Tenun Ikat"),
        ("9912\u200b345678901", "9912345678901"),  # zero-width space inside a NIB
        ("\ufeff9912345678901", "9912345678901"),  # BOM
        ("Kopi\u200d\u200c\u2060 Aren", "Kopi Aren"),  # joiners and word joiner
        ("Bel\x07 Esc\x1b[31m", "Bel Esc[31m"),  # BEL, ESC: the escape's text stays visible, the control goes
        ("a\x0bb\x0cc", "abc"),  # vertical tab, form feed
        ("Toko \u202eabc\u202c", "Toko abc"),  # right-to-left override
        ("Nama\x85Kedua", "Nama Kedua"),  # NEL as a line break, single line
        ("Sofa\u00adbed", "Sofabed"),  # soft hyphen
        ("Cafe\u0301", "Caf\u00e9"),  # NFC
        ("x\ud800y", "xy"),  # a lone surrogate (from JSON) would crash the database driver
        ("x\uffffy\ufdd0", "xy"),  # noncharacters
        ("", ""),
        ("\u00a0\u200b", ""),
    ],
)
def test_single_line(raw, stored):
    assert normalise_text(raw) == stored


def test_multiline_keeps_line_breaks_and_unifies_them():
    raw = "Jl. Raya\r\nRT 01\u00a0/ RW 02\rDusun  Pancor Dao\u2028\n\n\n\nKab.\tLombok Tengah  "
    assert normalise_text(raw, multiline=True) == "Jl. Raya\nRT 01 / RW 02\nDusun Pancor Dao\n\nKab. Lombok Tengah"


def test_single_line_joins_lines_with_a_space():
    assert normalise_text("Jl. Raya\r\nRT 01\n\n") == "Jl. Raya RT 01"


@pytest.mark.parametrize("value", [None, 0, 12.5, True])
def test_non_text_passes_through(value):
    assert normalise_text(value) is value


def test_idempotent():
    raw = " A\u00a0\u200bB\r\nC\x07 "
    once = normalise_text(raw, multiline=True)
    assert normalise_text(once, multiline=True) == once


def test_has_removable_characters():
    assert has_removable_characters("99\u200b12")
    assert has_removable_characters("a\x1bb")
    assert not has_removable_characters("a\u00a0b\tc\nd")
    assert not has_removable_characters(None)
