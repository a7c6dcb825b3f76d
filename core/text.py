"""The one text normaliser: every way text enters the registry (forms, API, import) calls `normalise_text`.

Why: text reaches us copied from web pages, WhatsApp and Excel. A name with a non-breaking space is not found
by a search for the plain name; a zero-width space inside a NIB makes a valid-looking number "not 13 digits";
bidi overrides (U+202E) and terminal escapes make a stored name display as something else. Normalising once,
the same way on every path, means the same text is stored whichever door it came through.

Rules, in order: Unicode NFC; line breaks unified (CR LF, CR, NEL, U+2028/U+2029 become a newline, or a space
in single-line text); tab and every other space character (NBSP, narrow NBSP, figure space, ideographic
space...) become a plain space; control and invisible format characters (BEL, ESC, VT, zero-width spaces and
joiners, soft hyphen, BOM, bidi embeddings/overrides/isolates), lone surrogates and noncharacters are removed;
runs of spaces collapse to one; each line is trimmed. Newlines survive only in multi-line text (addresses,
notes), at most one blank line in a row.
"""

import re
import unicodedata

_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029\n]")
_SPACES = re.compile(" {2,}")
_BLANK_LINES = re.compile("\n{3,}")
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


def _is_noncharacter(char):
    point = ord(char)
    return 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE


def _clean_char(char):
    if char == "\t":
        return " "
    category = unicodedata.category(char)
    if category == "Zs":
        return " "
    if category in _REMOVED_CATEGORIES or _is_noncharacter(char):
        return ""
    return char


def _clean_line(line):
    if line.isascii() and line.isprintable():
        cleaned = line
    else:
        cleaned = "".join(map(_clean_char, line))
    return _SPACES.sub(" ", cleaned).strip()


def normalise_text(value, *, multiline=False):
    """`value` as the registry stores it; non-strings (None, numbers) are returned unchanged."""
    if not isinstance(value, str):
        return value
    if value.isascii() and value.isprintable() and "  " not in value and value == value.strip():
        return value  # the common case, checked cheaply: import cleans millions of cells
    lines = [_clean_line(line) for line in _LINE_BREAKS.split(unicodedata.normalize("NFC", value))]
    if not multiline:
        return " ".join(line for line in lines if line)
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def has_removable_characters(value):
    """Whether normalising would drop characters (not merely respace them): for messages that say so."""
    if not isinstance(value, str):
        return False
    return any(unicodedata.category(char) in _REMOVED_CATEGORIES or _is_noncharacter(char) for char in value if char not in "\t\r\n")
