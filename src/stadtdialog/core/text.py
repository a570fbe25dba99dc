from django.utils.text import slugify

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def german_slug(value: str) -> str:
    """A URL slug that spells umlauts the German way (Döhren -> doehren)."""
    return slugify(value.translate(_UMLAUTS))
