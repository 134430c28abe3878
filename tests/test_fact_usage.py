"""``--fact`` typos are usage errors (exit 2) in every command that takes facts: an unknown
key names the closest known keys, an unknown value names the values offered."""

from __future__ import annotations

import contextlib
import io

import pytest

from xborder_tree.cli.main import main

from .conftest import EXAMPLE

COMMANDS = [
    ["resolve", str(EXAMPLE)],
    ["render", str(EXAMPLE), "-o", "never-written.svg"],
    ["why-not", str(EXAMPLE), "permit_needed"],
    ["everywhere"],
]


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(args), out)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_unknown_key_is_a_usage_error_naming_the_closest(command: list[str]) -> None:
    code, out, err = _run(*command, "--fact", "citizenshp=us")
    assert code == 2 and out == ""
    assert "unknown fact key 'citizenshp': no tree asks it and the shared vocabulary" in err
    assert "(closest: 'citizenship')" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_unknown_value_is_a_usage_error_naming_the_values(command: list[str]) -> None:
    code, _, err = _run(*command, "--fact", "citizenship=us", "--fact", "work_location=moon")
    assert code == 2
    assert "work_location='moon' is not offered by any question (values: " in err
    assert "in_canada" in err and "remote_from_us" in err


def test_compare_checks_both_sides() -> None:
    code, _, err = _run("compare", str(EXAMPLE), "--a", "citizenship=us", "--b", "workplace=x")
    assert code == 2 and "unknown fact key 'workplace'" in err


def test_a_vocabulary_key_the_tree_does_not_ask_is_ignored() -> None:
    code, out, _ = _run("resolve", str(EXAMPLE), "--fact", "citizenship=canada",
                        "--fact", "tax_residence=us")
    assert code == 0 and "OUTCOME: No permit: Canadian citizens may work in Canada" in out


def test_a_value_the_pending_question_does_not_offer_names_the_offered_values() -> None:
    code, _, err = _run("resolve", str(EXAMPLE), "--fact", "citizenship=mexico")
    assert code == 2
    assert "citizenship='mexico' is not offered by question 'citizenship' " in err
    assert "(must be one of: canada, us)" in err
