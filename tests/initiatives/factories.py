"""Factories for the initiative tests."""

import factory

from stadtdialog.initiatives.models import Initiative, InitiativeStep
from tests.factories import UserFactory


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    kind = Initiative.Kind.PROCESS_REQUEST
    title = factory.Sequence(lambda n: f"Beteiligung zur Gestaltung des Stadtplatzes {n}")
    description = "Der Platz soll mit den Menschen im Quartier geplant werden."
    author = factory.SubFactory(UserFactory)

    @factory.post_generation
    def first_step(obj, create, extracted, **kwargs):
        if create:
            InitiativeStep.objects.create(initiative=obj, state=obj.state, actor=obj.author, department=obj.department)
