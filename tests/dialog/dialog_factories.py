"""Factories and helpers for the dialog tests (contributions, comments, support, answers)."""

import datetime
import io
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from stadtdialog.dialog.models import Comment, Contribution, Response
from tests.factories import UserFactory, published_process


def open_process(**kwargs):
    """A published process whose online dialog runs from a week ago to three weeks ahead."""
    return published_process(**kwargs)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    process = factory.LazyFunction(open_process)
    kind = Contribution.Kind.IDEA
    title = factory.Sequence(lambda n: f"Mehr Bänke am Platz {n}")
    text = "Am Platz fehlen schattige Sitzplätze für ältere Menschen."
    author = factory.SubFactory(UserFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    contribution = factory.SubFactory(ContributionFactory)
    author = factory.SubFactory(UserFactory)
    text = "Gute Idee, das sehe ich genauso."


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    contribution = factory.SubFactory(ContributionFactory)
    status = Response.Status.TAKEN
    text = "Wird in der Planung berücksichtigt."


def image_file(fmt="PNG", name="foto.png", size=(8, 6)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def not_an_image(name="foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is a program, not a picture", content_type="image/png")


def contribution_data(**changes) -> dict:
    """Keyword arguments for services.submit_contribution, as ContributionForm cleans them."""
    data = {
        "kind": "idea",
        "title": "Trinkbrunnen am Küchengarten",
        "text": "Im Sommer fehlt Wasser auf dem Platz.",
        "latitude": Decimal("52.368000"),
        "longitude": Decimal("9.710000"),
    }
    data.update(changes)
    return data


@contextmanager
def moved_clock(days: int):
    """Move "now" (and so timezone.localdate) by some days, as a resident would meet a deadline."""
    moved = timezone.now() + datetime.timedelta(days=days)
    with mock.patch("django.utils.timezone.now", return_value=moved):
        yield moved
