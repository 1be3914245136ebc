from .models import MunicipalityProfile


def municipality(request):
    """The municipality's identity record, for the header, footer and contact channels."""
    return {"municipality": MunicipalityProfile.current()}
