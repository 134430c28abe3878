"""Extra sections of the explorer (quiz, "Why not?", ...), each behind a toggle.

A panel refreshes only while it is open: when it opens, and after a change of path or tree
while it is open. A closed panel costs a click nothing.

>>> import ipywidgets as W
>>> seen = []
>>> section = PanelSection(Panel("Demo", W.HTML(), lambda explorer: seen.append(explorer)))
>>> section.changed("explorer"); seen
[]
>>> section.toggle.value = True; seen
['explorer']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as W

__all__ = ["Panel", "PanelSection"]


@dataclass
class Panel:
    """An extra section of the explorer: a title, a widget, and ``refresh(explorer)``,
    called when the section opens and after every change while it is open."""

    title: str
    widget: W.Widget
    refresh: Callable[[Any], None] | None = None


class PanelSection(W.VBox):  # type: ignore[misc]
    """A panel shown while its toggle button (``toggle``, ``xt_panel_toggle``) is pressed,
    closed until opened; the explorer puts the toggle in its tab bar."""

    def __init__(
        self,
        panel: Panel,
        guard: Callable[[Callable[[], object]], None] | None = None,
        *,
        open: bool = False,
    ) -> None:
        self.panel = panel
        self._guard = guard or (lambda action: action())
        self._explorer: Any = None
        self._stale = True
        self.toggle = W.ToggleButton(
            value=False,
            description=panel.title,
            tooltip=f"Show or hide: {panel.title}",
            layout=W.Layout(width="auto"),
        ).add_class("xt_panel_toggle")
        self.body = W.VBox([panel.widget], layout=W.Layout(display="none"))
        self.body.add_class("xt_panel_body")
        super().__init__([self.body])
        self.add_class("xt_panel")
        self.toggle.observe(self._on_toggle, names="value")
        self.toggle.value = open

    @property
    def is_open(self) -> bool:
        return bool(self.toggle.value)

    def changed(self, explorer: Any) -> None:
        """The explorer's path or tree changed: refresh now if open, else when opened."""
        self._explorer = explorer
        self._stale = True
        if self.is_open:
            self._refresh()

    def _on_toggle(self, change: dict[str, Any]) -> None:
        opened = bool(change["new"])
        self.body.layout.display = None if opened else "none"
        if opened and self._stale:
            self._refresh()

    def _refresh(self) -> None:
        if self.panel.refresh is None or self._explorer is None:
            return
        self._stale = False
        explorer, refresh = self._explorer, self.panel.refresh
        self._guard(lambda: refresh(explorer))
