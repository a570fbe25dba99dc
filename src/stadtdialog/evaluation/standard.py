"""The standard questions of every questionnaire, one per quality criterion of good participation
(Hannover's guidelines, section 4), answered on a scale from "fully agree" to "not at all"."""

from django.utils.translation import gettext_lazy as _

STANDARD_QUESTIONS = [
    ("early_information", _("I was informed about the process early enough to take part.")),
    ("resources", _("The process had enough time, staff and money for good participation.")),
    ("goals_and_scope", _("It was clear what the process was about and what could still be decided.")),
    ("transparent_exchange", _("The exchange was open and fair, and information was easy to understand.")),
    ("diversity", _("Many different people and groups were able to take part.")),
    ("handling_of_results", _("It is clear what happened to the results of the participation.")),
]

SCALE = [
    (1, _("fully agree")),
    (2, _("mostly agree")),
    (3, _("partly agree")),
    (4, _("mostly disagree")),
    (5, _("do not agree at all")),
]
NO_ANSWER_LABEL = _("no answer")
