"""Stage two: response codes, the honeypot and the one-per-household rule."""

import pytest
from django.urls import reverse

from stadtdialog.sortition.models import RegisterEntry, Respondent, format_code
from stadtdialog.sortition.services.register import add_feature, draw_invitations, import_register, open_signup, sign_up
from stadtdialog.sortition.services.selection import proposed_quotas

from .factories import HEADER, answers_for, coordinator, register_csv, register_rows, sortition_with_invitations

pytestmark = pytest.mark.django_db


@pytest.fixture
def sortition():
    actor = coordinator()
    sortition = sortition_with_invitations(actor)
    open_signup(actor, sortition)
    return sortition


def codes(sortition):
    return list(
        sortition.register_entries.filter(invited_at__isnull=False)
        .order_by("line")
        .values_list("response_code", flat=True)
    )


def post(client, sortition, code, i=0, **extra):
    data = {"code": code, "consent": "on", **{f"feature_{k}": v for k, v in answers_for(i).items()}, **extra}
    return client.post(reverse("sortition:signup", args=[sortition.pk]), data)


def test_the_letter_link_fills_in_the_code_and_the_form_has_labelled_radio_groups(client, sortition):
    code = codes(sortition)[0]
    page = client.get(reverse("sortition:signup", args=[sortition.pk]), {"code": format_code(code)}).content.decode()
    assert f'value="{format_code(code)}"' in page
    assert "<legend" in page
    assert "Geschlecht" in page
    assert 'type="radio"' in page
    assert "<div hidden>" in page  # the honeypot is out of sight and out of the accessibility tree


def test_valid_code_signs_up_and_shows_the_pseudonym(client, sortition):
    response = post(client, sortition, format_code(codes(sortition)[0]))
    assert response.status_code == 302
    respondent = Respondent.objects.get()
    assert respondent.source == Respondent.Source.ONLINE
    assert {a.value.key for a in respondent.answers.select_related("value")} == {"m", "jung"}
    page = client.get(response.url).content.decode()
    assert respondent.pseudonym in page


def test_unknown_and_uninvited_and_used_codes_are_refused(client, sortition):
    response = post(client, sortition, "ZZZZZ-ZZZZZ")
    assert "Dieser Antwortcode ist nicht gültig" in response.content.decode()
    uninvited = RegisterEntry.objects.filter(sortition=sortition, invited_at=None).first()
    uninvited.response_code = "ABCDEFGHJK"
    uninvited.save()
    assert "nicht gültig" in post(client, sortition, "ABCDEFGHJK").content.decode()
    code = codes(sortition)[0]
    assert post(client, sortition, code).status_code == 302
    response = post(client, sortition, code, i=1)
    assert "Dieser Antwortcode wurde bereits verwendet." in response.content.decode()
    assert Respondent.objects.count() == 1


def test_missing_answers_and_consent_keep_what_was_typed(client, sortition):
    code = format_code(codes(sortition)[0])
    response = client.post(reverse("sortition:signup", args=[sortition.pk]), {"code": code, "email": "a@example.org"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bitte wählen Sie eine Antwort." in page
    assert 'value="a@example.org"' in page
    assert f'value="{code}"' in page
    assert not Respondent.objects.exists()


def test_the_honeypot_refuses_bots(client, sortition):
    response = post(client, sortition, codes(sortition)[0], website="http://spam.example")
    assert response.status_code == 200
    assert "Ihre Antwort konnte nicht angenommen werden." in response.content.decode()
    assert not Respondent.objects.exists()


def test_one_member_per_household():
    actor = coordinator()
    rows = register_rows(4)
    rows[1][1:6] = rows[0][1:6]  # same family name and address: one household
    rows[1][0] = "Zweite"
    from .factories import new_sortition

    sortition = new_sortition(actor, one_per_household=True)
    import_register(actor, sortition, register_csv(rows, HEADER))
    draw_invitations(actor, sortition, 4, seed="1")
    add_feature(actor, sortition, "gender", "Geschlecht", [("w", "weiblich", 50), ("m", "männlich", 50)])
    open_signup(actor, sortition)
    first, second = (sortition.register_entries.get(line=line).response_code for line in (2, 3))
    sign_up(sortition, first, {"gender": "w"})
    with pytest.raises(Exception) as caught:
        sign_up(sortition, second, {"gender": "m"})
    assert "Pro Haushalt kann nur eine Person teilnehmen." in str(caught.value)
    sortition.one_per_household = False
    sortition.save()
    sign_up(sortition, second, {"gender": "m"})
    assert sortition.respondents.count() == 2


def test_signup_is_closed_before_it_opens(client):
    sortition = sortition_with_invitations(coordinator())
    response = client.get(reverse("sortition:signup", args=[sortition.pk]))
    assert response.status_code == 410
    assert "Die Anmeldung ist nicht geöffnet" in response.content.decode()


def test_quota_proposal_from_population_shares(client, sortition):
    actor = coordinator()
    client.force_login(actor)
    proposal = proposed_quotas(sortition, tolerance=1)
    by_key = {v.key: proposal[v.pk] for f in sortition.features.all() for v in f.values.all()}
    # k = 6: 50 % -> 3 ± 1; 40 % -> 2 (2.4) ± 1; 35 % -> 2 (2.1) ± 1; 25 % -> 2 (1.5 rounds to even) ± 1
    assert by_key == {"w": (2, 4), "m": (2, 4), "jung": (1, 3), "mittel": (1, 3), "alt": (1, 3)}
    page = client.get(reverse("sortition:quotas", args=[sortition.pk]), {"tolerance": 0}).content.decode()
    value = sortition.features.get(key="gender").values.get(key="w")
    assert f'name="min_{value.pk}" value="3"' in page
    assert f'name="max_{value.pk}" value="3"' in page
    assert '<th scope="col">Minimum</th>' in page
