import unicodedata

from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length, slugify

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def german_slug(value: str) -> str:
    """A URL slug that spells umlauts the German way (Döhren -> doehren)."""
    return slugify(value.translate(_UMLAUTS))


def truncate_chars(text: str, length: int) -> str:
    """What Django's truncatechars filter (Truncator(text).chars(length)) gives, quicker when the text is short or its
    beginning holds no combining characters (the common case: then a character is a character)."""
    text = unicodedata.normalize("NFC", str(text))
    if len(text) <= length:
        return text
    if any(map(unicodedata.combining, text[: length + 1])):
        return Truncator(text).chars(length)
    return add_truncation_text(text[: calculate_truncate_chars_length(length, None)], None)


# --- single-line text and invisible control characters (issue 11, item 7) ----------------------------

# Bidi embeddings/overrides/isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E/F) and zero-width
# characters (U+200B–U+200D, U+2060, U+FEFF): they can make a title read differently from what it is.
_INVISIBLE = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
)
# What str.splitlines() breaks at: \n, \r, \v, \f, \x1c-\x1e, \x85, U+2028, U+2029.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def without_invisible_controls(value: str) -> str:
    """The text without bidi control characters and zero-width characters."""
    return value.translate(_INVISIBLE)


def has_line_break(value: str) -> bool:
    return any(char in LINE_BREAKS for char in value)


def one_line(value: str) -> str:
    """The text on one line (for output that must not break: file names, calendar names): line breaks become spaces."""
    return " ".join(value.splitlines()) if has_line_break(value) else value
