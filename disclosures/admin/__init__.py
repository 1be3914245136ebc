"""The disclosures admin, one module per sub-domain as the models are."""
from . import assessment, catalogue, measures  # noqa: F401  (each registers its models)
