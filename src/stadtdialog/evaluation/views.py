"""Public pages of an evaluation: the page, its PDF and the anonymous questionnaire."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from stadtdialog.core.pdf import render_pdf

from . import queries, services
from .forms import QuestionnaireForm


def _public_context(request, pk):
    process = queries.process_with_evaluation(pk)
    if not request.user.has_perm("evaluation.view_evaluation", process):
        raise Http404
    evaluation = queries.evaluation_or_none(process)
    if evaluation is None or not evaluation.is_started:
        raise Http404
    goals = [(goal, queries.assessment_of(goal)) for goal in queries.goals_of(process)]
    return {
        "process": process,
        "plan": process.plan,
        "evaluation": evaluation,
        "goals": goals,
        "results": queries.results(evaluation),
    }


def public(request, pk):
    return render(request, "evaluation/public.html", _public_context(request, pk))


def public_pdf(request, pk):
    context = _public_context(request, pk)
    pdf = render_pdf("evaluation/report_pdf.html", context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="evaluation-{pk}.pdf"'
    return response


def questionnaire(request, token):
    """The questionnaire behind a one-time link. The link opens it without an account; answers are anonymous."""
    invitation = services.invitation_for(token)
    if invitation is None:
        raise Http404
    evaluation = invitation.evaluation
    context = {"evaluation": evaluation, "process": evaluation.process}
    if invitation.used:
        return render(
            request,
            "evaluation/questionnaire_done.html",
            {
                **context,
                "message": _("This link has already been used. Each link can be used to answer only once."),
            },
            status=410,
        )
    if not evaluation.is_open:
        return render(
            request,
            "evaluation/questionnaire_done.html",
            {
                **context,
                "message": _("The questionnaire is closed."),
            },
            status=410,
        )
    form = QuestionnaireForm(request.POST if request.method == "POST" else None, questions=evaluation.questions.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_online(token, form.answers())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("evaluation:thanks")
    return render(request, "evaluation/questionnaire.html", {**context, "form": form})


def thanks(request):
    return render(
        request,
        "evaluation/questionnaire_done.html",
        {
            "message": _("Thank you! Your answers have been saved anonymously."),
            "thanks": True,
        },
    )
