"""The disclosures admin, one module per sub-domain as the models are."""
from .. import newsletter  # noqa: F401  (the ซากังราว issue builder)
from . import assessment, catalogue, measures  # noqa: F401  (each registers its models)
