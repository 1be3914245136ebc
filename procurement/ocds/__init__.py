"""A fiscal year as an OCDS 1.1 release package, written piece by piece for streaming.

One contracting process (ocid) per plan item: a planning release for the item, then for each
of its e-GP projects a tender release (items, tender period, bids with the OCDS bid extension),
once awarded an award release (the contract and its period), and once the contract moves an
implementation release (milestones for progress, delivery and inspection; transactions for
payments). Suppliers are identified by their Thai tax id (scheme TH-TIN) where staff entered
it. Related rows are read in a fixed number of queries (not one per item) and joined in
memory, so a year of thousands of items costs the same few queries as a year of ten.
"""
from .packages import package_chunks, record_package, record_package_chunks
from .releases import BID_EXTENSION, YearExport, compiled_release, ocid, parse_ocid

__all__ = ["BID_EXTENSION", "YearExport", "compiled_release", "ocid", "package_chunks", "parse_ocid",
           "record_package", "record_package_chunks"]
