"""Contribution list items and comments are written in Python (dialog/templatetags/contribution_items.py) for speed;
they must be exactly what dialog/contribution_item.html and dialog/contribution_comment.html wrote before, in German and
in English, with every value escaped."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.text import Truncator
from hypothesis import given, settings
from hypothesis import strategies as st

from stadtdialog.dialog import queries
from stadtdialog.dialog.models import Comment, Contribution
from stadtdialog.dialog.templatetags.contribution_items import comment_html, contribution_items, truncate_chars
from stadtdialog.organisation.models import Quarter
from tests.dialog.dialog_factories import CommentFactory, ContributionFactory, open_process
from tests.factories import UserFactory

# dialog/contribution_item.html as it was before the items were written in Python (the reference).
REFERENCE = """{% load i18n dialog_tags %}<li class="contribution-item{% if c.is_hidden %} contribution-item--hidden{% endif %}">
  {% if c.is_hidden %}
    <p class="kern-body hidden-note"><strong>{% translate "Hidden by the moderators" %}</strong>{% if c.hidden_reason %} – {% translate "Reason" %}: {{ c.hidden_reason }}{% endif %}</p>
    <p class="meta-line"><a class="kern-link" href="{{ c.get_absolute_url }}">{% translate "Show details" %}<span class="visually-hidden"> ({% blocktranslate with n=c.pk %}contribution no. {{ n }}{% endblocktranslate %})</span></a></p>
  {% else %}
    <h3 class="kern-heading-small"><a class="kern-link" href="{{ c.get_absolute_url }}">{{ c.title }}</a></h3>
    <p class="meta-line">
      <span class="tag">{{ c.get_kind_display }}</span>
      · {% if c.source != "online" %}{% blocktranslate with source=c.get_source_display trimmed %}collected on site ({{ source }}){% endblocktranslate %}{% elif c.author %}{{ c.author.display_name }}{% else %}{% translate "deleted account" %}{% endif %}
      · <time datetime="{{ c.created_at|date:'c' }}">{{ c.created_at|date:"d.m.Y" }}</time>
      {% if c.quarter %}· {{ c.quarter.name }}{% endif %}
      {% if c.image %}· {% translate "with image" %}{% endif %}
    </p>
    <p class="kern-body">{{ c.text|truncatechars:240 }}</p>
  {% endif %}
  <p class="meta-line">
    {% blocktranslate count n=c.support_count trimmed %}{{ n }} support{% plural %}{{ n }} supports{% endblocktranslate %}
    · {% blocktranslate count n=c.comment_count trimmed %}{{ n }} comment{% plural %}{{ n }} comments{% endblocktranslate %}
    · {% translate "Answer" %}: {% if c.answer_status %}<strong>{{ c.answer_status|status_label }}</strong>{% else %}{% translate "not yet answered" %}{% endif %}
  </p>
</li>
"""


# dialog/contribution_comment.html as it was before comments were written in Python (the reference).
COMMENT_REFERENCE = """{% load i18n %}{% if comment.is_hidden %}
  <p class="kern-body hidden-note">{% translate "This comment was hidden by the moderators." %}{% if comment.hidden_reason %} {% translate "Reason" %}: {{ comment.hidden_reason }}{% endif %}</p>
{% else %}
  <p class="meta-line"><strong>{% if comment.author %}{{ comment.author.display_name }}{% else %}{% translate "deleted account" %}{% endif %}</strong>
    · <time datetime="{{ comment.created_at|date:'c' }}">{{ comment.created_at|date:"d.m.Y, H:i" }}</time></p>
  <div class="kern-body">{{ comment.text|linebreaks }}</div>
  <p class="meta-line">{% blocktranslate with n=comment.pk asvar flag_label %}comment no. {{ n }}{% endblocktranslate %}{% include "moderation/_flag_form.html" with kind="comment" pk=comment.pk label=flag_label %}</p>
{% endif %}
"""


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


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_items_are_what_the_template_wrote(language):
    process = open_process()
    make_varied_contributions(process)
    with translation.override(language):
        page = queries.page_of(queries.contributions(process, queries.Criteria()), 1)
        template = Template(REFERENCE)
        expected = "".join(template.render(Context({"c": c})) for c in page.object_list)
        assert contribution_items(page.object_list) == expected
    html = str(contribution_items(page.object_list))
    assert html.count('<li class="contribution-item') == 7
    assert (
        "Bänke &lt;script&gt; &amp; „Schatten“" in html and "O&#x27;Neil &lt;b&gt;" in html and "<script>" not in html
    )
    assert 'datetime="2026-01-06T00:30:00+01:00">06.01.2026</time>' in html  # Europe/Berlin
    assert 'datetime="2026-07-02T00:15:07.000123+02:00">02.07.2026</time>' in html


@pytest.mark.django_db
def test_the_process_page_shows_the_newest_items(client):
    process = open_process()
    make_varied_contributions(process)
    html = client.get(process.get_absolute_url()).content.decode()
    latest = html.split('aria-labelledby="latest-title">')[1].split("</ul>")[0]
    assert latest.count('<li class="contribution-item') == 5 and "contribution-item--hidden" not in latest
    assert "vor Ort gesammelt (Postkarte)" in latest and "1000 Unterstützungen" in latest


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_comments_are_what_the_template_wrote(language):
    contribution = ContributionFactory()
    top = CommentFactory(
        contribution=contribution,
        author=UserFactory(display_name="Ann <i>O'Neil</i>"),
        text="Erste Zeile & mehr\nzweite Zeile\n\n\nNeuer Absatz <script>",
    )
    CommentFactory(contribution=contribution, parent=top, author=None, text="Ohne Konto")
    CommentFactory(contribution=contribution, hidden_at=timezone.now(), hidden_reason="Werbung <a> & Spam")
    CommentFactory(contribution=contribution, hidden_at=timezone.now())
    Comment.objects.filter(pk=top.pk).update(created_at=datetime.datetime(2026, 3, 29, 0, 59, tzinfo=datetime.UTC))
    template = Template(COMMENT_REFERENCE)
    with translation.override(language):
        for comment in Comment.objects.filter(contribution=contribution).select_related("author"):
            assert comment_html(comment) == template.render(Context({"comment": comment})), comment.text
    html = str(comment_html(Comment.objects.get(pk=top.pk)))
    assert "Ann &lt;i&gt;O&#x27;Neil&lt;/i&gt;" in html and "&lt;script&gt;" in html
    assert 'datetime="2026-03-29T01:59:00+01:00">29.03.2026, 01:59</time>' in html


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.integers(min_value=1, max_value=260))
def test_truncate_chars_is_truncatechars(text, length):
    assert truncate_chars(text, length) == Truncator(text).chars(length)
