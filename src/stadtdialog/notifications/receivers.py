"""Listeners for the signals of dialog, moderation, plans, reports and outcomes (sent after commit): a new report, an
answer to a contribution, a post hidden by the moderators, a published plan, published results."""

from django.conf import settings
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext as _

from stadtdialog.dialog.signals import response_published
from stadtdialog.moderation.services import context_url
from stadtdialog.moderation.signals import content_hidden
from stadtdialog.outcomes.signals import results_published
from stadtdialog.plans.signals import plan_published
from stadtdialog.reports.signals import report_published

from .models import NotificationLog, NotificationSetting
from .services import notify, notify_followers, reachable_users


def absolute(path: str) -> str:
    return (getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/") + path


def report_url(report) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return absolute(reverse("reports:report", args=[report.pk]))
    except NoReverseMatch:
        return absolute(report.process.get_absolute_url())


@receiver(report_published, dispatch_uid="notifications.report_published")
def on_report_published(sender, report, **kwargs):
    process = report.process
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New report: %(title)s") % {"title": report.title}
        text = _("%(kind)s of the participation process “%(process)s”: %(title)s") % {
            "kind": report.get_kind_display(),
            "process": process.title,
            "title": report.title,
        }
        if report.comments_until:
            text += "\n" + _("Comments are possible until %(date)s.") % {"date": _date(report.comments_until)}
    notify_followers(
        NotificationLog.Kind.REPORT, f"report:{report.pk}", subject, text, report_url(report), process=process
    )


@receiver(response_published, dispatch_uid="notifications.response_published")
def on_response_published(sender, response, **kwargs):
    """The author of a contribution hears of its answer, whether or not they follow anything."""
    contribution = response.contribution
    author_id = contribution.author_id
    if author_id is None or not reachable_users().filter(pk=author_id).exists():
        return
    setting = NotificationSetting.objects.filter(user_id=author_id).first()
    if setting is not None and not setting.answers:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your contribution has been answered: %(title)s") % {"title": contribution.title}
        text = _("The administration has answered your contribution “%(title)s”: %(status)s.") % {
            "title": contribution.title,
            "status": response.get_status_display(),
        }
        if response.text:
            text += "\n\n" + response.text[:1500]
    # An answer can change (e.g. from "under review" to a final status); each status is told once.
    key = f"answer:{response.pk}:{response.status}"
    notify(
        author_id,
        NotificationLog.Kind.ANSWER,
        key,
        subject,
        text,
        absolute(contribution.get_absolute_url()),
        setting=setting,
    )


def _date(value) -> str:
    from django.utils.formats import date_format

    return date_format(value, "j. F Y")


@receiver(results_published, dispatch_uid="notifications.results_published")
def on_results_published(sender, result, **kwargs):
    """Everyone who follows the process hears that its results are published."""
    from django.urls import reverse

    process = result.process
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Results published: %(title)s") % {"title": process.title}
        text = _("The results of the participation process “%(process)s” have been published.") % {
            "process": process.title
        }
    notify_followers(
        NotificationLog.Kind.RESULTS,
        f"results:{result.pk}",
        subject,
        text,
        absolute(reverse("outcomes:results", args=[process.pk])),
        process=process,
    )


@receiver(plan_published, dispatch_uid="notifications.plan_published")
def on_plan_published(sender, plan, **kwargs):
    """Everyone who follows one of the plan's districts or fields of action (or the plan, published before) hears
    that it is published."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New plan: %(title)s") % {"title": plan.title}
        names = [d.name for d in plan.districts.all()] + [f.name for f in plan.fields_of_action.all()]
        text = _("The city has published the plan “%(title)s” (%(where)s).") % {
            "title": plan.title,
            "where": ", ".join(names) or _("city-wide"),
        }
    notify_followers(
        NotificationLog.Kind.PLAN, f"plan:{plan.pk}", subject, text, absolute(plan.get_absolute_url()), plan=plan
    )


@receiver(content_hidden, dispatch_uid="notifications.content_hidden")
def on_content_hidden(sender, content, kind, **kwargs):
    """The author hears that the moderators hid their post, with the reason: in the list of notices on `/konto/`
    always, by e-mail unless they switched mail off."""
    from django.urls import reverse

    author_id = getattr(content, "author_id", None)
    if author_id is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("The moderators have hidden your post")
        text = _("Your post “%(post)s” has been hidden by the moderators. Reason: %(reason)s") % {
            "post": str(content)[:80],
            "reason": content.hidden_reason,
        }
        text += "\n\n" + _(
            "The rules are in the netiquette: %(url)s. If you think this was a mistake, please contact the "
            "coordination office."
        ) % {"url": absolute(reverse("core:page", args=["netiquette"]))}
    when = content.hidden_at.isoformat() if content.hidden_at else ""
    notify(
        author_id,
        NotificationLog.Kind.HIDDEN,
        f"hidden:{kind}:{content.pk}:{when}",
        subject,
        text,
        absolute(context_url(content)),
    )
