#!/usr/bin/env python
"""The DCAT catalogue of /open-data/ (kpp_portal/opendata.py) at the demo's size and at the size
of bench.dataset: time and queries of the JSON-LD, the Turtle and the page (prints, asserts
nothing).

    DATABASE_URL=postgres://… CACHE_URL=locmem:// python -m bench.opendata_bench [--scale 1.0] [--runs 10]

Runs in a throw-away test database (test_<name>), never in the configured one: the demo
content first, then bench.dataset's documents, procurement (plans and awards over ten fiscal
years) and E-Service requests (five fiscal years) at --scale, and a budget ordinance for each
of those years. In-process through the test client, CPU milliseconds of this process (median),
page cache and kept fragments off (every request builds the catalogue), an OCDS ocid prefix set
(its dataset is listed); then as kept (the fragment store on, as in production, whatever the
query string), and the graph built and serialised by hand to say where the time goes.
"""
import argparse
import datetime
import random
import statistics
import tempfile
import time

from bench.common import setup_django

setup_django(ALLOWED_HOSTS="testserver", FRAGMENT_CACHE_SECONDS="0", MEDIA_ROOT=tempfile.mkdtemp(),
             OCDS_OCID_PREFIX="ocds-bench1")

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

PAGES = [("catalog.jsonld", "/open-data/catalog.jsonld"), ("catalog.ttl", "/open-data/catalog.ttl"),
         ("/open-data/ page", "/open-data/")]


def add_budget_years(years):
    """A published ordinance (no lines: the catalogue lists years, not lines) for each year."""
    from bench.dataset import fiscal_year_start
    from budget.models import BudgetYear

    have = set(BudgetYear.objects.values_list("fiscal_year", flat=True))
    BudgetYear.objects.bulk_create([
        BudgetYear(fiscal_year=year, enacted_on=fiscal_year_start(year) - datetime.timedelta(days=20),
                   published_on=fiscal_year_start(year) - datetime.timedelta(days=10),
                   note="ตัวอย่างชุดทดสอบภาระงาน")
        for year in years if year not in have])


def grow(scale, seed=8):
    from bench import dataset

    rng = random.Random(seed)
    with transaction.atomic():
        dataset.build_disclosures(rng, scale)
        dataset.build_procurement(rng, scale)
        dataset.build_services(rng, scale)
        add_budget_years(dataset.FISCAL_YEARS)


def cpu_ms(fn, runs):
    """Median CPU milliseconds of this process for fn() (steadier than the clock on a shared
    machine; PostgreSQL's own time is not in it: the query count is)."""
    samples = []
    for _ in range(runs):
        started = time.process_time()
        fn()
        samples.append((time.process_time() - started) * 1000)
    return statistics.median(samples)


def page(client, path, runs):
    client.get(path)  # warm
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return f"{cpu_ms(lambda: client.get(path), runs):.1f} ms, {len(queries)} queries, " \
           f"{len(response.content) / 1024:.0f} KiB"


def measure(client, runs):
    from kpp_portal import opendata

    datasets = opendata.all_datasets()
    figures = {"datasets": len(datasets),
               "distributions": sum(len(dataset.distributions) for dataset in datasets)}
    for label, path in PAGES:
        figures[label] = page(client, path, runs)
    if hasattr(opendata, "catalog"):
        with override_settings(FRAGMENT_CACHE_SECONDS=60):  # as in production: kept after the first
            for label, path in PAGES[:2]:
                figures[f"{label}, kept (any query string)"] = page(client, path + "?any=query", runs)
    graph = opendata.catalog_graph()
    figures["triples"] = len(graph)
    figures["datasets() of every app"] = f"{cpu_ms(opendata.all_datasets, runs):.1f} ms"
    figures["graph built"] = f"{cpu_ms(opendata.catalog_graph, runs):.1f} ms"
    for fmt in ("jsonld", "ttl"):
        spent = cpu_ms(lambda fmt=fmt: opendata.serialize(graph, fmt), runs)
        figures[f"{fmt} serialised"] = f"{spent:.1f} ms"
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="of bench.dataset's counts")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)  # a run cut short left it
    print(f"database: {connection.vendor} ({name})")
    try:
        call_command("load_demo", stdout=open("/dev/null", "w"))
        client = Client()
        columns = {"demo": measure(client, args.runs)}
        started = time.monotonic()
        grow(args.scale)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"bench.dataset at scale {args.scale} added in {time.monotonic() - started:.0f} s")
        columns[f"bench.dataset ×{args.scale}"] = measure(client, args.runs)
        print("| | " + " | ".join(columns) + " |")
        print("|---|" + "---:|" * len(columns))
        for row in columns["demo"]:
            print(f"| {row} | " + " | ".join(str(figures[row]) for figures in columns.values()) + " |")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
