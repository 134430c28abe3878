"""Kernel-side measurements, in this process, without a browser.

- load and validate time of a tree file (:func:`measure_load`);
- the cost of one answer: the handler of a simulated click (``Button.click()``), which walks
  and updates the diagram, timed with ``time.perf_counter`` (:func:`measure_answers`);
- the bytes the kernel sends for one answer: every comm message the click produces is
  captured by replacing ``comm.create_comm`` (the hook ipywidgets uses to open a widget's
  comm) with a recording comm, and counted as the JSON of the message content the kernel
  puts on the wire (``comm_id`` and ``data``, plus binary buffers); and, as ipykernel
  does next, each is wrapped in a signed Jupyter message and serialized (that cost is timed
  and its size reported as ``answer_envelope_bytes``). Status messages are not included
  here: the browser harness counts the websocket bytes, everything included.
"""

from __future__ import annotations

import itertools
import json
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import comm
import networkx as nx
from comm.base_comm import BaseComm
from jupyter_client.session import Session

from xborder_tree import DecisionTree, load_tree

__all__ = [
    "Clicker",
    "CommRecorder",
    "deep_path",
    "measure_answers",
    "measure_load",
    "percentile",
]


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (nearest rank), e.g. 0.95 for the 95th percentile."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


_SESSION = Session(key=b"benchmark-signing-key")


class _RecordingComm(BaseComm):
    """A comm that keeps the size of every message instead of sending it."""

    recorder: CommRecorder | None = None

    def publish_msg(
        self,
        msg_type: str,
        data: Any = None,
        metadata: Any = None,
        buffers: Any = None,
        **keys: Any,
    ) -> None:
        if self.recorder is None:
            return
        content = {"comm_id": self.comm_id, "data": data or {}, **keys}
        binary = sum(len(memoryview(buffer).cast("B")) for buffer in buffers or [])
        size = len(json.dumps(content, ensure_ascii=False, default=str).encode("utf-8")) + binary
        # What ipykernel does next: wrap in a signed Jupyter message and serialize it.
        message = _SESSION.msg(msg_type, content=content, metadata=metadata or {})
        frames = _SESSION.serialize(message)
        wire = sum(len(frame) for frame in frames) + binary
        self.recorder.messages.append((msg_type, size, wire))


@dataclass
class CommRecorder:
    """Collects the size of every comm message while installed."""

    messages: list[tuple[str, int, int]] = field(default_factory=list)
    """``(msg_type, content bytes, serialized message bytes)`` per message."""

    def take(self) -> list[tuple[str, int, int]]:
        """The messages since the last call, and forget them."""
        taken, self.messages = self.messages, []
        return taken

    @contextmanager
    def installed(self) -> Iterator[CommRecorder]:
        """Widgets created inside this block send their messages to the recorder."""
        original = comm.create_comm

        def create(*args: Any, **kwargs: Any) -> BaseComm:
            made = _RecordingComm(*args, **kwargs)
            made.recorder = self
            return made

        comm.create_comm = create
        try:
            yield self
        finally:
            comm.create_comm = original


@dataclass
class Clicker:
    """How to click one app from Python: its root widget, an answer by value, and back."""

    widget: Any
    answer: Callable[[str], None]
    back: Callable[[], None]


def deep_path(tree: DecisionTree) -> list[str]:
    """Answer values along the longest root-to-outcome path: the costliest place to answer,
    since the highlighted path is longest there."""
    nodes = nx.dag_longest_path(tree.graph)
    return [
        next(a.value for a in tree.answers(src) if a.target == dst)
        for src, dst in itertools.pairwise(nodes)
    ]


def measure_load(path: str | Path, repeats: int = 20) -> dict[str, float]:
    """Read + validate + build: the first load in this process, and the median of ``repeats``."""
    started = time.perf_counter()
    load_tree(path)
    first = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        load_tree(path)
        times.append((time.perf_counter() - started) * 1000)
    return {"load_first_ms": first, "load_ms": statistics.median(times)}


def measure_answers(
    make: Callable[[DecisionTree], Clicker], tree: DecisionTree, clicks: int = 30
) -> dict[str, float]:
    """Walk down the longest path, then alternate answering its last question and going
    back, ``clicks`` times in all. Per click: handler time and comm bytes sent."""
    values = deep_path(tree)
    recorder = CommRecorder()
    with recorder.installed():
        started = time.perf_counter()
        clicker = make(tree)
        build_ms = (time.perf_counter() - started) * 1000
        open_bytes = sum(size for _, size, _ in recorder.take())
        for value in values[:-1]:
            clicker.answer(value)
        recorder.take()
        times: list[float] = []
        sizes: list[int] = []
        envelopes: list[int] = []
        counts: list[int] = []
        for index in range(clicks):
            action = (lambda: clicker.answer(values[-1])) if index % 2 == 0 else clicker.back
            started = time.perf_counter()
            action()
            times.append((time.perf_counter() - started) * 1000)
            messages = recorder.take()
            sizes.append(sum(size for _, size, _ in messages))
            envelopes.append(sum(wire for _, _, wire in messages))
            counts.append(len(messages))
    return {
        "answer_kernel_ms": statistics.median(times),
        "answer_kernel_p95_ms": percentile(times, 0.95),
        "answer_bytes": statistics.median(sizes),
        "answer_bytes_max": max(sizes),
        "answer_envelope_bytes": statistics.median(envelopes),
        "answer_messages": statistics.median(counts),
        "build_ms": build_ms,
        "open_bytes": open_bytes,
        "path_answers": len(values),
    }
