import pytest

from services.models import ServiceRequest
from tests.filing import files_one_way

from .test_public import fault_data

pytestmark = pytest.mark.django_db


def test_the_e_service_request_files_one_way(client, settings, fault_type):
    files_one_way(client, settings, url=fault_type.get_absolute_url(), data=lambda: fault_data(fault_type),
                  count=ServiceRequest.objects.count, limit="service-submit", then="/services/sent/")
