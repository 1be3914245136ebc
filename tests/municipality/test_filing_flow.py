import pytest
from django.urls import reverse

from municipality.models import Question
from tests.filing import files_one_way

from .test_questions import ask

pytestmark = pytest.mark.django_db


def test_the_question_files_one_way(client, settings):
    url = reverse("municipality:questions")
    files_one_way(client, settings, url=url, data=ask, count=Question.objects.count, limit="qa", then=url)
