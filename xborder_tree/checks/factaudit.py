"""One question, one key: the fact keys of all trees checked against each other.

A person's situation is one set of facts run through every tree (``xborder-tree
everywhere``), so a question that two trees both ask must be asked under the same key, or
the person is asked again what they already said. :data:`MEANINGS` lists, for each shared
key, the other key names that would mean the same thing and the wordings that ask it;
:func:`audit` reports every tree that breaks that, and :func:`asked_again` says whether a
tree's pending question asks something a situation already answers under another name.

Related but distinct keys are kept apart on purpose: ``residence`` (where you live) is a
fact, ``tax_residence`` is the result of a legal test that can differ from it (ties,
treaty tie-breaker); ``in_canada_for`` and ``in_mexico_for`` ask who the work done in one
country is for, ``employer`` where the payer is based (for tax).

>>> from xborder_tree import load_tree
>>> audit([load_tree("trees/example-remote-work.json")])
[]
>>> meaning_of("Which country do you live in?")
'residence'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..loading.document import load_tree
from ..model.tree import DecisionTree
from ..model.vocabulary import FACT_VALUES

__all__ = [
    "IMPLIED",
    "MEANINGS",
    "Finding",
    "KeyMeaning",
    "asked_again",
    "audit",
    "audit_files",
    "meaning_of",
    "with_implied",
]


@dataclass(frozen=True)
class KeyMeaning:
    """A shared key, the key names that would duplicate it, and the wordings that ask it."""

    key: str
    aliases: frozenset[str]
    wordings: tuple[str, ...]

    def asks(self, text: str) -> bool:
        """Whether a question text (or short label) asks this fact."""
        return any(re.search(pattern, text, re.IGNORECASE) for pattern in self.wordings)


def _meaning(key: str, aliases: str, *wordings: str) -> KeyMeaning:
    return KeyMeaning(key, frozenset(aliases.split()), wordings)


MEANINGS: tuple[KeyMeaning, ...] = (
    _meaning(
        "citizenship",
        "nationality citizen_of country_of_citizenship passport_country citizenships",
        r"\bcitizenship\b",
        r"\bnationality\b",
        r"\bcitizen of which\b",
    ),
    _meaning(
        "residence",
        "country_of_residence lives_in live_in living_in home_country where_live resident_country",
        r"\b(which country|where) do you (live|reside)\b",
        r"\bcountry do you live in\b",
        r"\bwhere is your home\b",
    ),
    _meaning(
        "tax_residence",
        "tax_resident residence_for_tax fiscal_residence tax_country",
        r"\bresident for tax purposes\b",
        r"\btax residen",
    ),
    _meaning(
        "us_status",
        "us_immigration_status us_visa us_visa_status green_card lpr american_status",
        r"\bstatus (do you hold )?in the (united states|us)\b",
        r"\b(united states|us) (immigration )?status\b",
        r"\balso a us citizen\b.*\bgreen card\b",
    ),
    _meaning(
        "canada_status",
        "canadian_status status_in_canada canada_immigration_status",
        r"\bstatus (do you hold )?in canada\b",
        r"\bcanadian (immigration )?status\b",
    ),
    _meaning(
        "mexico_status",
        "mexican_status status_in_mexico mexico_immigration_status",
        r"\bstatus (do you hold )?in mexico\b",
        r"\bmexican (immigration )?status\b",
    ),
    _meaning(
        "work_location",
        "where_work place_of_work work_place physical_location work_country location",
        r"\bwhere (will|do) you physically (do|perform)\b",
        r"\bwhere do you want to work\b",
    ),
    _meaning(
        "purpose",
        "visit_purpose trip_purpose business_visit activity visit_type",
        r"\bbusiness[- ]visit",
        r"\bwhat will you do (in|on your days in|while you are in)\b",
    ),
    _meaning(
        "relationship",
        "engagement employment_type worker_type contract_type engaged_as",
        r"\bhow (will|would) you (work|be engaged)\b",
        r"\bemployee or (as )?a contractor\b",
    ),
    _meaning(
        "role",
        "occupation job_category profession job_type position",
        r"\bwhich best describes the\b.*\bjob\b",
        r"\blisted (cusma|usmca) profession\b",
        r"\bprofessions? listed in appendix 2\b",
    ),
    _meaning(
        "months_with_employer",
        "tenure months_employed time_with_employer employment_months",
        r"\bhave you worked\b.*\bthree years\b",
    ),
    _meaning(
        "goal",
        "intent plan immigration_goal permanent_or_temporary",
        r"\btemporar(y|ily)\b.*\b(permanent|immigrate)\b",
    ),
    _meaning(
        "employer",
        "employer_country payer employer_location paying_company",
        r"\bwho (bears|pays) your pay\b",
        r"\bwho (employs and )?pays you\b",
        r"\bwhere is (your|the) employer\b",
        r"\bwho is your employer\b",
    ),
    _meaning(
        "days_in_other_country",
        "days_present days_in_country presence_days",
        r"\bhow many days\b",
    ),
    _meaning(
        "pay_in_other_country",
        "pay_amount earnings_in_country income_in_country",
        r"\bhow much are you paid\b",
    ),
    _meaning(
        "extraordinary_ability",
        "o1_eligible extraordinary acclaim",
        r"\bextraordinary ability\b",
        r"\bsustained national or international acclaim\b",
    ),
)


@dataclass(frozen=True)
class Finding:
    """One place where a tree asks a shared question under another key."""

    tree: str
    node: str | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.tree} / {self.node}" if self.node else self.tree
        return f"{where}: {self.problem}"


def meaning_of(text: str) -> str | None:
    """The shared key a question wording asks, if :data:`MEANINGS` knows it."""
    keys = [meaning.key for meaning in MEANINGS if meaning.asks(text)]
    return keys[0] if len(keys) == 1 else None


def _alias_owner(key: str) -> str | None:
    return next((m.key for m in MEANINGS if key in m.aliases), None)


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _question_findings(tree: DecisionTree, node_id: str) -> list[Finding]:
    node = tree.node(node_id)
    found = []
    fact = node["fact"]
    for text in dict.fromkeys((node["text"], node.get("short", ""))):
        keys = sorted({m.key for m in MEANINGS if text and m.asks(text)})
        if len(keys) > 1:
            found.append(
                Finding(
                    tree.id,
                    node_id,
                    f"{text!r} matches the wordings of {keys}: "
                    "make the wording or the table in factaudit.py unambiguous",
                )
            )
        elif keys and keys[0] != fact:
            found.append(
                Finding(
                    tree.id,
                    node_id,
                    f"{text!r} asks {keys[0]!r} but uses key {fact!r}: "
                    f"use {keys[0]!r}, as the other trees do",
                )
            )
    return found


def audit(trees: Iterable[DecisionTree]) -> list[Finding]:
    """Every place where a question shared between trees is asked under another key.

    Checks: a key named like a shared key's alias; a wording that asks a shared key under
    another key; the same question text under two keys in two trees; a key declared by two
    trees with different values.
    """
    findings: list[Finding] = []
    texts: dict[str, tuple[str, str, str]] = {}
    declared: dict[str, tuple[str, tuple[str, ...]]] = {}
    for tree in trees:
        for key, spec in tree.meta.get("facts", {}).items():
            values = tuple(spec["values"])
            earlier = declared.setdefault(key, (tree.id, values))
            if earlier[1] != values:
                findings.append(
                    Finding(
                        tree.id,
                        None,
                        f"declares {key!r} with values {list(values)}, "
                        f"but {earlier[0]} declares {list(earlier[1])}: use one set",
                    )
                )
        for node_id in tree.questions:
            node = tree.node(node_id)
            owner = _alias_owner(node["fact"])
            if owner is not None:
                findings.append(
                    Finding(
                        tree.id, node_id, f"key {node['fact']!r} means {owner!r}: use {owner!r}"
                    )
                )
            findings.extend(_question_findings(tree, node_id))
            text = _normal(node["text"])
            first = texts.setdefault(text, (tree.id, node_id, node["fact"]))
            if first[2] != node["fact"]:
                findings.append(
                    Finding(
                        tree.id,
                        node_id,
                        f"asks {node['text']!r} under {node['fact']!r}, but "
                        f"{first[0]} / {first[1]} asks it under {first[2]!r}",
                    )
                )
    return findings


#: Answers that settle another key: whoever holds a citizenship holds the status "citizen" in
#: that country (the reverse does not hold: a dual citizen may answer ``citizenship`` with
#: the other country). Residence is not implied by working from home somewhere: a visitor
#: may work from a rented flat abroad.
IMPLIED: dict[tuple[str, str], tuple[str, str]] = {
    ("citizenship", "us"): ("us_status", "citizen"),
    ("citizenship", "canada"): ("canada_status", "citizen"),
    ("citizenship", "mexico"): ("mexico_status", "citizen"),
}


def with_implied(facts: Mapping[str, str]) -> dict[str, str]:
    """``facts`` plus the facts they settle (:data:`IMPLIED`); a fact given stays as given.

    >>> with_implied({"citizenship": "mexico"})
    {'citizenship': 'mexico', 'mexico_status': 'citizen'}
    >>> with_implied({"citizenship": "mexico", "mexico_status": "none"})["mexico_status"]
    'none'
    """
    result = dict(facts)
    for (key, value), (implied_key, implied_value) in IMPLIED.items():
        if facts.get(key) == value:
            result.setdefault(implied_key, implied_value)
    return result


def asked_again(facts: Mapping[str, str], tree: DecisionTree, node_id: str) -> str | None:
    """The key in ``facts`` that already answers the question ``node_id`` under another name.

    >>> from xborder_tree import load_tree
    >>> tree = load_tree("trees/example-remote-work.json")
    >>> asked_again({"nationality": "us"}, tree, "citizenship")
    'nationality'
    >>> asked_again({"citizenship": "us"}, tree, "citizenship") is None
    True

    A key that settles the question counts too (:data:`IMPLIED`).
    """
    node = tree.node(node_id)
    fact = node["fact"]
    meaning = meaning_of(node["text"]) or (fact if fact in FACT_VALUES else None)
    for given, value in facts.items():
        if given == fact:
            continue
        if given == meaning or _alias_owner(given) in {fact, meaning}:
            return given
        if IMPLIED.get((given, value), ("",))[0] == fact:
            return given
    return None


def audit_files(paths: Iterable[str | Path]) -> list[Finding]:
    """:func:`audit` over the tree files among ``paths`` (scenario and quiz files, and trees
    that do not load, are left to their own checks).

    >>> audit_files(["trees/example-remote-work.json", "trees/example-remote-work.quiz.json"])
    []
    """
    trees = []
    for path in map(Path, paths):
        if path.name.count(".") != 1:
            continue
        try:
            trees.append(load_tree(path))
        except (OSError, ValueError):  # TreeError included: reported by validation itself
            continue
    return audit(trees)
