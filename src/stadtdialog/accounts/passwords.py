"""Password validation of the accounts: Django's list of common passwords plus German ones.

`CommonPasswordValidator` (in settings.AUTH_PASSWORD_VALIDATORS) refuses a password that is on Django's list
(20 000 passwords, mostly English) or on ours (data/common-passwords-de.txt: German words and names people
use as passwords), also when digits and signs were added before or after it or letters were written as
digits ("Passwort123", "Passw0rt!", "2024hannover"). The message is Django's (translated by Django).
"""

from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

GERMAN_PASSWORD_LIST = Path(__file__).resolve().parent / "data" / "common-passwords-de.txt"
_AROUND = "0123456789!?.,;:-_+*#~/()&%$§\"'= "
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s"})


def _german_passwords(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def __init__(self, password_list_path=password_validation.CommonPasswordValidator.DEFAULT_PASSWORD_LIST_PATH):
        super().__init__(password_list_path)
        self.passwords = set(self.passwords) | _german_passwords(GERMAN_PASSWORD_LIST)

    def _forms_of(self, password: str) -> set[str]:
        plain = password.lower().strip()
        core = plain.strip(_AROUND)
        return {plain, core, plain.translate(_LEET), core.translate(_LEET).strip(_AROUND)} - {""}

    def validate(self, password, user=None):
        if self._forms_of(password) & self.passwords:
            raise ValidationError(self.get_error_message(), code="password_too_common")
