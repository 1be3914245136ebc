"""SECURITY.md names a test for every promise: each test it names exists, so a promise cannot
keep pointing at a test that was renamed or removed."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_every_test_security_md_names_exists():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    files = set(re.findall(r"tests/[\w/]+\.py", text))
    names = set(re.findall(r"::(test_\w+)", text))
    assert files and names
    missing_files = [name for name in files if not (ROOT / name).exists()]
    sources = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "tests").rglob("test_*.py"))
    missing_tests = [name for name in names if not re.search(rf"^def {name}\(", sources, re.M)]
    assert missing_files == [] and missing_tests == []
