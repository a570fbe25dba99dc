"""What a reader sees in the items of contribution lists and in the comments of a contribution
(dialog/jinja2/dialog/): titles linked and escaped, dates in German format in Europe/Berlin, texts truncated."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from hypothesis import given, settings
from hypothesis import strategies as st

from stadtdialog.core.text import truncate_chars
from stadtdialog.dialog import queries
from stadtdialog.dialog.models import Comment, Contribution
from stadtdialog.dialog.templatetags.contribution_items import comment_html, contribution_items
from stadtdialog.organisation.models import Quarter
from tests.dialog.dialog_factories import CommentFactory, ContributionFactory, open_process
from tests.factories import UserFactory


def make_varied_contributions(process):
    now = timezone.now()
    linden = Quarter.objects.get(name="Linden-Mitte")
    ContributionFactory(
        process=process,
        title="Bänke <script> & „Schatten“",
        author=UserFactory(display_name="O'Neil <b>"),
        quarter=linden,
        support_count=1,
        comment_count=1,
        answer_status="partly",
    )
    ContributionFactory(
        process=process,
        kind=Contribution.Kind.QUESTION,
        author=None,
        text="Kurz.",
        support_count=2,
        comment_count=0,
        image="contributions/1/foto.png",
    )
    ContributionFactory(
        process=process,
        kind=Contribution.Kind.CONCERN,
        source=Contribution.Source.POSTCARD,
        author=None,
        text="Lang " * 80,
        support_count=1000,
        comment_count=12,
    )
    ContributionFactory(process=process, source=Contribution.Source.WORKSHOP, text="Ä" * 239 + "Öß" + "ü" * 20)
    ContributionFactory(process=process, text="e\u0301" * 300)  # combining accents count as no character
    ContributionFactory(
        process=process, hidden_at=now, hidden_reason="Beleidigung <gegen> „Dritte“", answer_status="taken"
    )
    ContributionFactory(process=process, hidden_at=now, hidden_reason="")
    # a date in winter time and one in summer time
    Contribution.objects.filter(title__startswith="Bänke").update(
        created_at=datetime.datetime(2026, 1, 5, 23, 30, tzinfo=datetime.UTC)
    )
    Contribution.objects.filter(kind=Contribution.Kind.QUESTION).update(
        created_at=datetime.datetime(2026, 7, 1, 22, 15, 7, 123, tzinfo=datetime.UTC)
    )


def items(process, language="de") -> str:
    with translation.override(language):
        page = queries.page_of(queries.contributions(process, queries.Criteria()), 1)
        return str(contribution_items(page.object_list))


def item_of(html: str, contribution) -> str:
    url = contribution.get_absolute_url()
    for item in html.split('<li class="contribution-item')[1:]:
        if f'href="{url}"' in item:
            return item
    raise AssertionError(f"no item links to {url}")


@pytest.mark.django_db
def test_each_contribution_is_an_item_whose_title_links_to_it():
    process = open_process()
    make_varied_contributions(process)
    html = items(process)
    assert html.count('<li class="contribution-item') == 7
    question = Contribution.objects.get(kind=Contribution.Kind.QUESTION)
    item = item_of(html, question)
    assert f'<a class="kern-link" href="{question.get_absolute_url()}">{question.title}</a></h3>' in item
    assert '<span class="tag">Frage</span>' in item
    assert "· mit Bild" in item and "gelöschtes Konto" in item


@pytest.mark.django_db
def test_a_title_and_an_author_with_markup_are_escaped():
    process = open_process()
    make_varied_contributions(process)
    html = items(process)
    assert "<script>" not in html and "<b>" not in html
    item = item_of(html, Contribution.objects.get(title__startswith="Bänke"))
    assert "Bänke &lt;script&gt; &amp; „Schatten“" in item
    assert "O&#39;Neil &lt;b&gt;" in item
    assert "· Linden-Mitte" in item


@pytest.mark.django_db
def test_dates_are_german_in_europe_berlin():
    process = open_process()
    make_varied_contributions(process)
    html = items(process)
    assert 'datetime="2026-01-06T00:30:00+01:00">06.01.2026</time>' in html  # winter time
    assert 'datetime="2026-07-02T00:15:07.000123+02:00">02.07.2026</time>' in html  # summer time
    assert 'datetime="2026-01-06T00:30:00+01:00">06.01.2026</time>' in items(process, "en")  # the same in English


@pytest.mark.django_db
def test_long_texts_are_truncated_to_240_characters():
    process = open_process()
    make_varied_contributions(process)
    html = items(process)
    long = item_of(html, Contribution.objects.get(source=Contribution.Source.POSTCARD))
    assert f'<p class="kern-body">{Truncator("Lang " * 80).chars(240)}</p>' in long
    assert "Lang " * 48 not in long
    assert '<p class="kern-body">Kurz.</p>' in html


@pytest.mark.django_db
def test_counts_answer_and_source_are_shown_in_german_and_english():
    process = open_process()
    make_varied_contributions(process)
    postcard = Contribution.objects.get(source=Contribution.Source.POSTCARD)
    item = item_of(items(process), postcard)
    assert "vor Ort gesammelt (Postkarte)" in item
    assert "1000 Unterstützungen" in item and "12 Kommentare" in item
    assert "Antwort: noch nicht beantwortet" in item
    answered = item_of(items(process), Contribution.objects.get(title__startswith="Bänke"))
    assert "1 Unterstützung\n" in answered and "1 Kommentar\n" in answered
    assert "Antwort: <strong>" in answered
    english = item_of(items(process, "en"), postcard)
    assert "collected on site (" in english
    assert "1000 supports" in english and "12 comments" in english and "not yet answered" in english


@pytest.mark.django_db
def test_hidden_contributions_show_the_note_and_the_reason_only():
    process = open_process()
    make_varied_contributions(process)
    html = items(process)
    hidden = [
        item for item in html.split('<li class="contribution-item')[1:] if item.startswith(" contribution-item--hidden")
    ]
    assert len(hidden) == 2
    with_reason = next(item for item in hidden if "Begründung" in item)
    assert "<strong>Von der Moderation ausgeblendet</strong> – Begründung: " in with_reason
    assert "Beleidigung &lt;gegen&gt; „Dritte“" in with_reason
    assert '<span class="visually-hidden"> (Beitrag Nr.' in with_reason
    assert "<h3" not in with_reason


@pytest.mark.django_db
def test_the_process_page_shows_the_newest_items(client):
    process = open_process()
    make_varied_contributions(process)
    html = client.get(process.get_absolute_url()).content.decode()
    latest = html.split('aria-labelledby="latest-title">')[1].split("</ul>")[0]
    assert latest.count('<li class="contribution-item') == 5
    assert "contribution-item--hidden" not in latest
    assert "vor Ort gesammelt (Postkarte)" in latest
    assert "1000 Unterstützungen" in latest


@pytest.mark.django_db
def test_the_contribution_list_has_page_links(client):
    process = open_process()
    ContributionFactory.create_batch(25, process=process)
    html = client.get(reverse("dialog:list", args=[process.pk]) + "?sort=supported").content.decode()
    assert html.count('<li class="contribution-item') == 20
    assert 'href="?sort=supported&amp;page=2" rel="next"' in html
    assert 'aria-current="page"><span class="visually-hidden">Seite </span>1</a>' in html


@pytest.fixture
def comments():
    contribution = ContributionFactory()
    top = CommentFactory(
        contribution=contribution,
        author=UserFactory(display_name="Ann <i>O'Neil</i>"),
        text="Erste Zeile & mehr\nzweite Zeile\n\n\nNeuer Absatz <script>",
    )
    reply = CommentFactory(contribution=contribution, parent=top, author=None, text="Ohne Konto")
    hidden = CommentFactory(contribution=contribution, hidden_at=timezone.now(), hidden_reason="Werbung <a> & Spam")
    Comment.objects.filter(pk=top.pk).update(created_at=datetime.datetime(2026, 3, 29, 0, 59, tzinfo=datetime.UTC))
    return {c.pk: c for c in Comment.objects.select_related("author")}, top, reply, hidden


@pytest.mark.django_db
def test_a_comment_shows_author_date_paragraphs_and_the_report_link(comments):
    by_pk, top, reply, _hidden = comments
    html = str(comment_html(by_pk[top.pk]))
    assert "<strong>Ann &lt;i&gt;O&#39;Neil&lt;/i&gt;</strong>" in html
    assert 'datetime="2026-03-29T01:59:00+01:00">29.03.2026, 01:59</time>' in html  # just before summer time
    assert "<p>Erste Zeile &amp; mehr<br>zweite Zeile</p>\n\n<p>Neuer Absatz &lt;script&gt;</p>" in html
    flag_url = reverse("moderation:flag", args=["comment", top.pk])
    assert f'<a class="kern-link flag-link" href="{flag_url}" rel="nofollow">An die Moderation melden' in html
    assert f'<span class="visually-hidden">: Kommentar Nr. {top.pk}</span></a>' in html
    assert "<strong>gelöschtes Konto</strong>" in str(comment_html(by_pk[reply.pk]))


@pytest.mark.django_db
def test_a_hidden_comment_shows_only_the_note_and_the_reason(comments):
    by_pk, _top, _reply, hidden = comments
    html = str(comment_html(by_pk[hidden.pk]))
    assert "Werbung &lt;a&gt; &amp; Spam" in html
    assert "flag-link" not in html and "<time" not in html
    with translation.override("en"):
        assert "This comment was hidden by the moderators. Reason: Werbung" in str(comment_html(by_pk[hidden.pk]))


@pytest.mark.django_db
def test_the_contribution_page_shows_its_comments(client, comments):
    _by_pk, top, reply, _hidden = comments
    html = client.get(top.contribution.get_absolute_url()).content.decode()
    assert f'<li class="comment" id="comment-{top.pk}">' in html
    assert f'<li class="comment" id="comment-{reply.pk}">' in html
    assert "Neuer Absatz &lt;script&gt;" in html


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.integers(min_value=1, max_value=260))
def test_truncate_chars_is_truncatechars(text, length):
    assert truncate_chars(text, length) == Truncator(text).chars(length)
