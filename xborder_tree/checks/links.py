"""Check that every citation address of the trees still answers, for a content reviewer online.

Each distinct address is fetched once, a bounded number at a time, each request with a
timeout. Redirects on the same host are followed (at most :data:`MAX_REDIRECTS`); a redirect
to another host is reported, not followed, because the page may have moved to someone else.

>>> LinkResult("https://example.gov/a", "ok", 200).problem
False
>>> LinkResult("https://example.gov/a", "moved", 301, "https://other.example/a").problem
True
"""

from __future__ import annotations

import http.client
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..loading.schema import read_json
from .citations import citations_of

__all__ = [
    "MAX_REDIRECTS",
    "STATES",
    "Link",
    "LinkResult",
    "check_links",
    "check_url",
    "collect_links",
]

MAX_REDIRECTS = 5
USER_AGENT = "xborder-tree link check (content review)"
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f]")

STATES: dict[str, str] = {
    "ok": "answers",
    "moved": "redirects to another host",
    "broken": "answers with an error status",
    "timeout": "gave no answer in time",
    "unreachable": "could not be reached",
    "invalid": "is not an http(s) address",
}
"""Each result state and how the report words it; every state but ``ok`` is a problem."""


@dataclass(frozen=True)
class Place:
    """Where a citation stands: the tree file, its JSON location and the node (if any)."""

    tree: str
    location: str
    node: str | None

    def label(self) -> str:
        return f"{self.tree} {self.node or 'sources'} ({self.location})"


@dataclass
class Link:
    """One distinct address and every place that cites it."""

    url: str
    places: list[Place] = field(default_factory=list)


@dataclass(frozen=True)
class LinkResult:
    """What one address answered: a state from :data:`STATES`, the last HTTP status, the
    address a cross-host redirect points to, and a short detail."""

    url: str
    state: str
    status: int | None = None
    target: str | None = None
    detail: str = ""

    @property
    def problem(self) -> bool:
        return self.state != "ok"

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "state": self.state,
            "status": self.status,
            "target": self.target,
            "detail": self.detail,
        }


def collect_links(paths: Iterable[str | Path]) -> list[Link]:
    """Every distinct citation address of the tree files, in first-seen order.

    Tree files are only read, never written; an unreadable file raises ``TreeError``.
    """
    links: dict[str, Link] = {}
    for path in paths:
        data = read_json(path)
        if not isinstance(data, Mapping):
            continue
        name = data["id"] if isinstance(data.get("id"), str) else Path(path).stem
        for location, node, citation in citations_of(data):
            url = citation.get("url")
            if not isinstance(url, str):
                continue
            links.setdefault(url, Link(url)).places.append(Place(name, location, node))
    return list(links.values())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand every 3xx back to the caller instead of following it."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _same_host(a: str, b: str) -> bool:
    first, second = urllib.parse.urlsplit(a), urllib.parse.urlsplit(b)
    return (first.hostname, first.port) == (second.hostname, second.port)


def check_url(url: str, timeout: float = 10.0) -> LinkResult:
    """Fetch ``url`` (GET, headers only), following same-host redirects.

    >>> check_url("ftp://example.gov/file").state
    'invalid'
    >>> check_url("https://example.gov/\x1b[2J").detail
    'contains spaces or control characters'
    """
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        if urllib.parse.urlsplit(current).scheme not in ("http", "https"):
            return LinkResult(url, "invalid", detail=f"not http(s): {current}")
        if _UNSAFE.search(current):
            return LinkResult(url, "invalid", detail="contains spaces or control characters")
        request = urllib.request.Request(current, headers={"User-Agent": USER_AGENT})
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                return LinkResult(url, "ok", response.status)
        except urllib.error.HTTPError as error:
            status = error.code
            location = error.headers.get("Location") if error.headers else None
            error.close()
            if 300 <= status < 400 and location:
                target = urllib.parse.urljoin(current, location)
                if not _same_host(current, target):
                    return LinkResult(url, "moved", status, target, f"HTTP {status}")
                current = target
                continue
            return LinkResult(url, "broken", status, detail=f"HTTP {status}")
        except TimeoutError:
            return LinkResult(url, "timeout", detail=f"no answer within {timeout:g} s")
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                return LinkResult(url, "timeout", detail=f"no answer within {timeout:g} s")
            return LinkResult(url, "unreachable", detail=str(reason))
        except (OSError, ValueError, http.client.HTTPException) as error:
            return LinkResult(url, "unreachable", detail=str(error) or type(error).__name__)
    return LinkResult(url, "broken", detail=f"more than {MAX_REDIRECTS} redirects")


def check_links(
    links: Sequence[Link],
    *,
    workers: int = 8,
    timeout: float = 10.0,
    check: Callable[[str, float], LinkResult] = check_url,
) -> list[LinkResult]:
    """Check each link with at most ``workers`` requests under way; results in link order."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    if not links:
        return []
    with ThreadPoolExecutor(max_workers=min(workers, len(links))) as pool:
        return list(pool.map(lambda link: check(link.url, timeout), links))
