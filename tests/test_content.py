"""Content truth: official citations on government domains, no internal labels in the text a
trainee reads. The fixtures in ``tests/fixtures/content`` break both rules on purpose; the
real trees, scenario and quiz files must keep both."""

from __future__ import annotations

import dataclasses
import io
import shutil
from pathlib import Path

import pytest

from xborder_tree import load_tree
from xborder_tree.checks.citations import is_official_host, official_url_problem
from xborder_tree.checks.content import content_faults
from xborder_tree.checks.learner_text import internal_labels
from xborder_tree.cli.main import main

from .conftest import ROOT, TREES

BAD = ROOT / "tests" / "fixtures" / "content"
FIX_CITE = (
    "Fix: cite the https page of the government that makes the rule (canada.ca, *.gc.ca, "
    '*.gov, *.gob.mx), or mark this one "official": false beside an official citation.'
)
FIX_LABEL = (
    'Fix: say "the source article" or quote it, or state the rule in words with its official '
    "source; keep cross-references in the claims table of trees/README.md."
)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.uscis.gov/working-in-the-united-states/temporary-workers/tn-usmca-professionals",
        "https://uscis.gov/x",
        "https://travel.state.gov/content/travel/en/us-visas.html",
        "https://www.ecfr.gov/current/title-8/section-214.6",
        "https://www.federalregister.gov/d/2025-18473",
        "https://www.whitehouse.gov/presidential-actions/",
        "https://www.irs.gov/pub/irs-pdf/p519.pdf",
        "https://uscode.house.gov/view.xhtml?req=8+USC+1184",
        "https://www.canada.ca/en/immigration-refugees-citizenship.html",
        "https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/",
        "https://www.cbsa-asfc.gc.ca/",
        "https://www.gob.mx/inm",
        "https://www.dof.gob.mx/",
        "https://WWW.USCIS.GOV/upper-case-host",
    ],
)
def test_government_pages_are_official(url: str) -> None:
    assert official_url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://usciss.us/tn", "host 'usciss.us' is not a government domain"),
        ("https://uscis.gov.example.com/tn", "host 'uscis.gov.example.com' is not a government"),
        ("https://uscisgov.com/", "host 'uscisgov.com' is not a government domain"),
        ("https://notcanada.ca/", "host 'notcanada.ca' is not a government domain"),
        ("https://canada.ca.evil.net/", "host 'canada.ca.evil.net' is not a government domain"),
        ("https://gob.mx.example.org/", "host 'gob.mx.example.org' is not a government domain"),
        ("https://fakegob.mx/", "host 'fakegob.mx' is not a government domain"),
        ("https://www.uscis.gov./x", "host 'www.uscis.gov.' ends with a dot"),
        ("http://www.uscis.gov/x", "the address is not https"),
        ("ftp://www.uscis.gov/x", "the address is not https"),
        ("https://user@www.canada.ca/", "the address carries a user name or port"),
        ("https://www.canada.ca:8443/", "the address carries a user name or port"),
        ("https://www.canada.ca@evil.com/", "the address carries a user name or port"),
        ("https://192.0.2.1/", "host '192.0.2.1' is an IP address"),
        ("https://uscis.g\u043ev/", "host 'uscis.g\u043ev' has non-ASCII letters"),  # Cyrillic o
        ("https://xn--uscis-9ua.gov/", "host 'xn--uscis-9ua.gov' is an internationalized name"),
        ("https:///path-only", "the address has no host"),
    ],
)
def test_look_alikes_are_refused(url: str, problem: str) -> None:
    found = official_url_problem(url)
    assert found is not None and found.startswith(problem)


def test_host_matching_is_on_a_dot_boundary() -> None:
    assert is_official_host("gov") and is_official_host("a.b.gc.ca")
    assert not is_official_host("xgov") and not is_official_host("gc.ca.com")


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("The source article S003 says so.", ["S003"]),
        ("Seed articles S000/S003 disagree.", ["S000", "S003"]),
        ("(R5.6) and R1.4.2", ["R5.6", "R1.4.2"]),
        ("IRPR R186(a), exemption code T36, 8 CFR 214.6, Form 1116", []),
        ("S0031 and version 2.0 and RS5.6", []),
    ],
)
def test_internal_labels(text: str, labels: list[str]) -> None:
    assert internal_labels(text) == labels


def _shown(path: Path) -> list[str]:
    return [
        str(dataclasses.replace(f, file="FILE")).removeprefix("FILE ") for f in content_faults(path)
    ]


def test_the_bad_fixture_has_exactly_its_faults() -> None:
    shown = _shown(BAD / "bad-content.json")
    assert shown[:2] == [
        "/nodes/3/citations/1/url (node 'permit_needed'): citation marked official, but host "
        f"'usciss.us' is not a government domain. {FIX_CITE}",
        "/nodes/3/citations/2/url (node 'permit_needed'): citation marked official, but host "
        f"'www.uscis.gov.' ends with a dot. {FIX_CITE}",
    ]
    locations = [line.split(" ", 1)[0] for line in shown]
    assert locations == [
        "/nodes/3/citations/1/url",
        "/nodes/3/citations/2/url",
        "/nodes/3/citations/3/url",
        "/nodes/3/citations/4/url",
        "/nodes/3/citations/5/url",
        "/nodes/3/citations/6/url",  # 7 (gob.mx) and 8 (secondary) pass
        "/nodes/4/misconceptions/0/citation/url",
        "/nodes/3/caveats/1",
        "/nodes/4/misconceptions/0/source",
        "/edges/1/note",
    ]
    assert shown[7] == (
        "/nodes/3/caveats/1 (node 'permit_needed'): internal labels 'S003', 'R5.6' in text a "
        f"trainee reads. {FIX_LABEL}"
    )
    assert _shown(BAD / "bad-content.scenarios.json") == [
        f"/scenarios/2/rule: internal label 'R4.2' in text a trainee reads. {FIX_LABEL}"
    ]
    assert load_tree(BAD / "bad-content.json").id == "bad-content"  # still opens


def test_validate_refuses_them_with_located_faults(tmp_path: Path) -> None:
    for name in ("bad-content.json", "bad-content.scenarios.json"):
        shutil.copy(BAD / name, tmp_path / name)
    out = io.StringIO()
    code = main(
        [
            "validate",
            str(tmp_path / "bad-content.json"),
            str(tmp_path / "bad-content.scenarios.json"),
        ],
        out,
    )
    text = out.getvalue()
    assert code == 1
    assert f"FAIL {tmp_path / 'bad-content.json'}: 10 faults found:" in text
    assert f"FAIL {tmp_path / 'bad-content.scenarios.json'}: 1 fault found:" in text
    assert "host 'usciss.us' is not a government domain" in text


CONTENT_FILES = sorted(p.name for p in TREES.glob("*.json"))


@pytest.mark.parametrize("name", CONTENT_FILES)
def test_every_tree_scenario_and_quiz_file_keeps_the_content_rules(name: str) -> None:
    assert _shown(TREES / name) == []
