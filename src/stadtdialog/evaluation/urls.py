from django.urls import path

from . import views, views_staff

app_name = "evaluation"
urlpatterns = [
    path("beteiligung/<int:pk>/evaluation/", views.public, name="public"),
    path("beteiligung/<int:pk>/evaluation.pdf", views.public_pdf, name="public_pdf"),
    path("fragebogen/danke/", views.thanks, name="thanks"),
    path("fragebogen/<str:token>/", views.questionnaire, name="questionnaire"),
    path("verwaltung/evaluation/", views_staff.staff_overview, name="staff_overview"),
    path("verwaltung/beteiligung/<int:process_pk>/evaluation/", views_staff.staff_detail, name="staff_detail"),
    path("verwaltung/beteiligung/<int:process_pk>/evaluation/ziele/", views_staff.staff_goals, name="staff_goals"),
    path(
        "verwaltung/beteiligung/<int:process_pk>/evaluation/fragen/",
        views_staff.staff_questions,
        name="staff_questions",
    ),
    path(
        "verwaltung/beteiligung/<int:process_pk>/evaluation/erkenntnisse/",
        views_staff.staff_lessons,
        name="staff_lessons",
    ),
    path("verwaltung/beteiligung/<int:process_pk>/evaluation/papier/", views_staff.staff_paper, name="staff_paper"),
    path(
        "verwaltung/beteiligung/<int:process_pk>/evaluation/fragebogen.pdf", views_staff.staff_print, name="staff_print"
    ),
]
