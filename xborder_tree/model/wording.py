"""Author text made fit for learners: internal cross-reference labels removed.

Scenario and quiz ``rule`` texts are written by authors, who may cite their working notes
("R5.6: ...", "R2.1-R2.3: ...", "S000 agrees ...", "(section 8)"). A trainee needs the rule in
words and its official source, so these labels are taken out of everything shown.

>>> rule_in_words("R5.6: work on US soil needs US work authorization. R4.2: no permit.")
'Work on US soil needs US work authorization. No permit.'
>>> rule_in_words("R1.7: not immigration; S000 agrees USMCA is no immigration pathway.")
'Not immigration; the source article agrees USMCA is no immigration pathway.'
>>> rule_in_words("Article XV(2)(a) $10,000 test; R6.5 Reg. 102 withholding unless waived.")
'Article XV(2)(a) $10,000 test; Reg. 102 withholding unless waived.'
"""

from __future__ import annotations

import re

__all__ = ["rule_in_words"]

_LABEL = r"R\d+(?:\.\d+)+"
_LABELS = re.compile(rf"(?<![\w.]){_LABEL}(?:\s*(?:/|-|\u2013|,|&|and)\s*{_LABEL})*(?:\s*:)?\s*")
_SECTION = re.compile(r"\s*\((?:see\s+)?section\s+\d+[^)]*\)", re.IGNORECASE)
_SOURCE = re.compile(r"(?<![\w.])S\d{3}\b")
_CUT = "\x00"
_CAPITALIZE = re.compile(rf"(^|[.!?]\s+){_CUT}([a-z])")


def rule_in_words(text: str | None) -> str:
    """``text`` without rule labels (``R5.6:``), source labels (``S000``) or section
    references; sentences start with a capital letter."""
    if not text:
        return ""
    plain = _SECTION.sub("", text.replace(_CUT, ""))
    plain = _SOURCE.sub("the source article", plain)
    plain = _LABELS.sub(_CUT, plain)  # marks where a label was, to capitalize after it
    plain = _CAPITALIZE.sub(lambda m: m.group(1) + m.group(2).upper(), plain.strip())
    plain = plain.replace(_CUT, " ")
    plain = re.sub(r"\s+([;,.])", r"\1", plain)
    plain = re.sub(r"\s{2,}", " ", plain).strip()
    return plain[:1].upper() + plain[1:]
