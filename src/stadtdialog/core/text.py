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
