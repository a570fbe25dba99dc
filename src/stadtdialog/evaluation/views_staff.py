"""Staff pages of an evaluation: start, assess goals, questions, lessons learned, send, paper answers,
publish; and the coordination office's overview of all processes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.forms import parse_query, run_service
from stadtdialog.core.pdf import render_pdf
from stadtdialog.core.rules import require
from stadtdialog.core.versioning import StaleEdit
from stadtdialog.processes.models import Process

from . import queries, services
from .forms import (
    AccompaniedForm,
    AssessmentsVersionForm,
    GoalAssessmentForm,
    LessonsForm,
    QuestionForm,
    QuestionnaireForm,
    assessment_initial,
)
from .standard import NO_ANSWER_LABEL, SCALE


def _process(request, process_pk):
    process = queries.process_with_evaluation(process_pk)
    require(request.user, "evaluation.manage_evaluation", process)
    return process, queries.evaluation_or_none(process)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _detail(request, process, evaluation, status=200):
    results = queries.results(evaluation, with_texts=True) if evaluation and evaluation.is_started else None
    return render(
        request,
        "evaluation/staff_detail.html",
        {
            "process": process,
            "plan": process.plan,
            "evaluation": evaluation,
            "results": results,
            "goals": [(goal, queries.assessment_of(goal)) for goal in queries.goals_of(process)],
            "participants": len(services.participant_addresses(process)) if evaluation and evaluation.is_open else 0,
        },
        status=status,
    )


ACTIONS = {
    "start": (
        lambda request, process, evaluation: services.start_evaluation(request.user, process),
        _("The evaluation has started. The questionnaire contains the standard questions."),
    ),
    "publish": (
        lambda request, process, evaluation: services.publish(request.user, evaluation),
        _("The evaluation is published. The questionnaire is closed."),
    ),
    "unpublish": (
        lambda request, process, evaluation: services.unpublish(request.user, evaluation),
        _("The evaluation is no longer public. The questionnaire takes answers again."),
    ),
    "send": (
        lambda request, process, evaluation: services.send_invitations(
            request.user,
            evaluation,
            lambda token: request.build_absolute_uri(reverse("evaluation:questionnaire", args=[token])),
        ),
        _("The questionnaire has been sent to the participants."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def staff_detail(request, process_pk):
    process, evaluation = _process(request, process_pk)
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action"))
        if action is None or (evaluation is None and request.POST.get("action") != "start"):
            return redirect("evaluation:staff_detail", process_pk=process.pk)
        try:
            action[0](request, process, evaluation)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return _detail(request, process, evaluation, status=400)
        messages.success(request, action[1])
        return redirect("evaluation:staff_detail", process_pk=process.pk)
    return _detail(request, process, evaluation)


def _started_or_detail(request, process, evaluation):
    """Pages below need a started evaluation; before that, the overview with its start button is shown."""
    if evaluation is None or not evaluation.is_started:
        return _detail(request, process, evaluation)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def staff_goals(request, process_pk):
    process, evaluation = _process(request, process_pk)
    if (early := _started_or_detail(request, process, evaluation)) is not None:
        return early
    data = request.POST if request.method == "POST" else None
    forms = [
        GoalAssessmentForm(data, goal=goal, initial=assessment_initial(goal, queries.assessment_of(goal)))
        for goal in queries.goals_of(process)
    ]
    version_form = AssessmentsVersionForm(data, version_of=evaluation)
    errors = []
    if request.method == "POST" and all([form.is_valid() for form in forms]):  # noqa: C419 (every form is validated, so that all errors show)
        try:
            services.save_goal_assessments(
                request.user, evaluation, [form.entry() for form in forms], version=version_form.version
            )
        except StaleEdit as error:  # the goal forms keep what was typed; the page takes the current version
            version_form.take_stale_edit(error)
            errors = version_form.non_field_errors()
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The goal assessment has been saved."))
            return redirect("evaluation:staff_detail", process_pk=process.pk)
    return render(
        request,
        "evaluation/staff_goals.html",
        {
            "process": process,
            "plan": process.plan,
            "evaluation": evaluation,
            "forms": forms,
            "version_form": version_form,
            "errors": errors,
            "has_errors": bool(errors) or any(form.errors for form in forms),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_questions(request, process_pk):
    process, evaluation = _process(request, process_pk)
    if (early := _started_or_detail(request, process, evaluation)) is not None:
        return early
    form = QuestionForm(request.POST if request.method == "POST" and "delete" not in request.POST else None)
    if request.method == "POST":
        if "delete" in request.POST:
            question = get_object_or_404(evaluation.questions, pk=request.POST["delete"])
            try:
                services.delete_question(request.user, question)
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(request, _("The question has been removed."))
            return redirect("evaluation:staff_questions", process_pk=process.pk)
        if run_service(
            request,
            form,
            lambda: services.add_question(
                request.user, evaluation, form.cleaned_data["text"], form.cleaned_data["kind"]
            ),
            _("The question has been added."),
        ):
            return redirect("evaluation:staff_questions", process_pk=process.pk)
    return render(
        request,
        "evaluation/staff_questions.html",
        {
            "process": process,
            "plan": process.plan,
            "evaluation": evaluation,
            "form": form,
            "questions": evaluation.questions.all(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_lessons(request, process_pk):
    process, evaluation = _process(request, process_pk)
    if (early := _started_or_detail(request, process, evaluation)) is not None:
        return early
    form = LessonsForm(
        request.POST or None, initial={"lessons_learned": evaluation.lessons_learned}, version_of=evaluation
    )
    if run_service(
        request,
        form,
        lambda: services.save_lessons(
            request.user, evaluation, form.cleaned_data["lessons_learned"], version=form.version
        ),
        _("The lessons learned have been saved."),
    ):
        return redirect("evaluation:staff_detail", process_pk=process.pk)
    return render(
        request,
        "evaluation/staff_form.html",
        {
            "process": process,
            "plan": process.plan,
            "evaluation": evaluation,
            "form": form,
            "title": _("Lessons learned"),
            "button": _("Save"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_paper(request, process_pk):
    """Enter the answers of one printed questionnaire."""
    process, evaluation = _process(request, process_pk)
    if (early := _started_or_detail(request, process, evaluation)) is not None:
        return early
    form = QuestionnaireForm(request.POST if request.method == "POST" else None, questions=evaluation.questions.all())
    if run_service(
        request,
        form,
        lambda: services.submit_paper(request.user, evaluation, form.answers()),
        _("The answers of the paper form have been saved. You can enter the next one."),
    ):
        return redirect("evaluation:staff_paper", process_pk=process.pk)
    return render(
        request,
        "evaluation/staff_form.html",
        {
            "process": process,
            "plan": process.plan,
            "evaluation": evaluation,
            "form": form,
            "title": _("Enter a paper questionnaire"),
            "button": _("Save answers"),
        },
    )


@login_required
def staff_print(request, process_pk):
    """The questionnaire as a printable PDF form."""
    process, evaluation = _process(request, process_pk)
    if (early := _started_or_detail(request, process, evaluation)) is not None:
        return early
    pdf = render_pdf(
        "evaluation/questionnaire_pdf.html",
        {
            "process": process,
            "evaluation": evaluation,
            "questions": evaluation.questions.all(),
            "scale": [label for _value, label in SCALE] + [NO_ANSWER_LABEL],
        },
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="fragebogen-{process.pk}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def staff_overview(request):
    """Coordination office: per department, which processes have an evaluation; mark accompanied ones."""
    require(request.user, "evaluation.view_overview")
    if request.method == "POST":
        process = get_object_or_404(Process, pk=parse_query(request.POST, AccompaniedForm).get("process"))
        accompanied = request.POST.get("accompanied") == "1"
        services.set_accompanied(request.user, process, accompanied)
        messages.success(
            request,
            _("“%(title)s” is marked for accompanied evaluation.") % {"title": process.title}
            if accompanied
            else _("“%(title)s” is no longer marked for accompanied evaluation.") % {"title": process.title},
        )
        return redirect(f"{reverse('evaluation:staff_overview')}#process-{process.pk}")
    return render(request, "evaluation/staff_overview.html", {"processes": queries.overview()})
