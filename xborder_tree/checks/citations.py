"""Official citations: a citation marked ``"official": true`` must be an ``https`` page on a
government domain of the United States, Canada or Mexico.

A host is official when it equals an allowed domain or ends with ``.`` + that domain (a dot
boundary: ``uscis.gov`` and ``www.uscis.gov`` pass, ``evil-uscis.gov.example.com`` and
``usciss.us`` do not). Hosts with a trailing dot, a user name, a port, non-ASCII letters or
an IP address are refused, so look-alikes cannot slip through.

>>> official_url_problem("https://www.uscis.gov/working-in-the-united-states")
>>> official_url_problem("https://usciss.us/tn")
"host 'usciss.us' is not a government domain"
>>> official_url_problem("http://laws.justice.gc.ca/eng/acts/i-2.5/")
'the address is not https'
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from ..model.errors import Fault

__all__ = [
    "OFFICIAL_DOMAINS",
    "citation_faults",
    "citations_of",
    "is_official_host",
    "official_url_problem",
]

OFFICIAL_DOMAINS: dict[str, str] = {
    # United States: the .gov top-level domain is registered only to US government bodies
    # (federal: uscis.gov, state.gov, ecfr.gov, federalregister.gov, whitehouse.gov, irs.gov,
    # cbp.gov, dol.gov, dhs.gov, ssa.gov, govinfo.gov, uscode.house.gov, congress.gov,
    # ustr.gov, travel.state.gov, flag.dol.gov ...).
    "gov": "United States government (.gov)",
    # Canada, federal
    "canada.ca": "Government of Canada",
    "gc.ca": "Government of Canada (justice.gc.ca, laws-lois.justice.gc.ca, cra-arc.gc.ca, "
    "international.gc.ca, ...)",
    # Canada, provinces (employment standards, licensing, provincial nominee programs)
    "ontario.ca": "Government of Ontario",
    "quebec.ca": "Gouvernement du Québec",
    "gouv.qc.ca": "Gouvernement du Québec",
    "gov.bc.ca": "Government of British Columbia",
    "alberta.ca": "Government of Alberta",
    # Mexico
    "gob.mx": "Gobierno de México (gob.mx, dof.gob.mx, sre.gob.mx, sat.gob.mx, ...)",
    "diputados.gob.mx": "Cámara de Diputados (federal laws)",
}
"""Domains whose pages count as official, each with who runs it."""


def is_official_host(host: str) -> bool:
    """Whether ``host`` (lowercase, no trailing dot) is an allowed domain or a subdomain.

    >>> is_official_host("travel.state.gov"), is_official_host("state.gov.evil.com")
    (True, False)
    >>> is_official_host("laws-lois.justice.gc.ca"), is_official_host("notcanada.ca")
    (True, False)
    """
    return any(host == domain or host.endswith("." + domain) for domain in OFFICIAL_DOMAINS)


def official_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be an official citation, or ``None`` when it can."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "the address cannot be read"
    if parts.scheme != "https":
        return "the address is not https"
    host = parts.hostname or ""
    if not host:
        return "the address has no host"
    if "@" in parts.netloc or port is not None:
        return f"the address carries a user name or port ({parts.netloc!r})"
    if host.endswith("."):
        return f"host {host!r} ends with a dot"
    if not host.isascii():
        return f"host {host!r} has non-ASCII letters (a look-alike risk)"
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        return f"host {host!r} is an IP address"
    if host.startswith("xn--") or ".xn--" in host:
        return f"host {host!r} is an internationalized name (a look-alike risk)"
    if not is_official_host(host):
        return f"host {host!r} is not a government domain"
    return None


def _citations(data: Mapping[str, Any]) -> Iterator[tuple[str, str | None, Mapping[str, Any]]]:
    """``(location, node, citation)`` for every citation of a tree document."""
    for position, citation in enumerate(_list(data.get("sources"))):
        yield f"/sources/{position}", None, citation
    for index, node in enumerate(_list(data.get("nodes"))):
        node_id = node.get("id") if isinstance(node.get("id"), str) else None
        for position, citation in enumerate(_list(node.get("citations"))):
            yield f"/nodes/{index}/citations/{position}", node_id, citation
        for position, item in enumerate(_list(node.get("misconceptions"))):
            cited = item.get("citation")
            if isinstance(cited, dict):
                yield f"/nodes/{index}/misconceptions/{position}/citation", node_id, cited


def _list(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def citation_faults(data: Mapping[str, Any], name: str) -> list[Fault]:
    """A fault for every citation marked official whose address is not an official one."""
    faults = []
    for location, node, citation in _citations(data):
        url = citation.get("url")
        if citation.get("official") is not True or not isinstance(url, str):
            continue
        problem = official_url_problem(url)
        if problem is not None:
            faults.append(
                Fault(
                    name,
                    f"{location}/url",
                    node,
                    f"citation marked official, but {problem}",
                    "cite the https page of the government that makes the rule (canada.ca, "
                    '*.gc.ca, *.gov, *.gob.mx), or mark this one "official": false beside an '
                    "official citation",
                )
            )
    return faults


def citations_of(data: Mapping[str, Any]) -> Iterator[tuple[str, str | None, Mapping[str, Any]]]:
    """``(JSON location, node id or None, citation)`` for every citation of a tree document:
    its sources, each node's citations and each misconception's citation."""
    return _citations(data)
