"""The shared vocabulary: fact keys, answer values, verdicts, pathway codes, and the legal
question each pathway answers with its position.

Trees may add fact keys and pathway codes of their own (declared in the tree file);
they may never give a listed key a value outside the listed values.

>>> FACT_VALUES["citizenship"]
('us', 'canada', 'mexico', 'other')
>>> PATHWAYS["us-tn"]
'TN status under USMCA (Canadian and Mexican citizens only)'
>>> PATHWAY_ANSWERS["us-tn"]
('us_work', 'needed')
>>> VERDICTS["not_eligible"]
'Not eligible for this route'
"""

from __future__ import annotations

FACT_VALUES: dict[str, tuple[str, ...]] = {
    "citizenship": ("us", "canada", "mexico", "other"),
    "canada_status": ("citizen", "permanent_resident", "pgwp", "work_permit", "none"),
    "us_status": (
        "citizen",
        "green_card",
        "h1b",
        "l1",
        "tn",
        "f1_opt",
        "ead",
        "visitor",
        "none",
    ),
    "work_location": (
        "in_canada",
        "in_us",
        "in_mexico",
        "remote_from_us",
        "remote_from_canada",
        "remote_from_mexico",
    ),
    "residence": ("us", "canada", "mexico", "other"),
    "mexico_status": ("citizen", "permanent_resident", "temporary_resident", "visitor", "none"),
    "purpose": ("work", "business_visit"),
    "employer": ("canadian", "us", "mexican", "other"),
    "relationship": ("employee", "contractor", "transfer", "self_employed", "trader_investor"),
    "role": (
        "cusma_professional",
        "executive_manager",
        "specialized_knowledge",
        "specialty_occupation",
        "gts_occupation",
        "other",
    ),
    "months_with_employer": ("lt12", "ge12"),
    "in_canada_for": ("canadian_employer", "foreign_employer_remote"),
    "goal": ("temporary", "permanent"),
    "days_in_other_country": ("le183", "gt183"),
    "pay_in_other_country": ("le10000", "gt10000"),
    "tax_residence": ("us", "canada"),
}

VERDICTS: dict[str, str] = {
    "allowed": "Allowed",
    "permit_required": "Permit required",
    "not_eligible": "Not eligible for this route",
    "not_compliant": "Not compliant",
    "uncertain": "Uncertain: consult a professional",
}

VERDICT_MEANINGS: dict[str, str] = {
    "allowed": "lawful as described; nothing more to obtain",
    "permit_required": "lawful once the named authorization is obtained",
    "not_eligible": "this route is not open to this person; the arrangement is not unlawful, "
    "the person simply does not qualify for it (another route may be)",
    "not_compliant": "what is described is not lawful, or not viable",
    "uncertain": "the official sources do not settle it",
}

OUT_OF_SCOPE = "Not this tree's question"
"""The result (not an outcome verdict) for facts outside a tree's scope."""

LEGAL_QUESTIONS: dict[str, str] = {
    "us_work": "Must this person obtain US authorization (a status, visa, permit or green "
    "card) to do this work?",
    "ca_work": "Must this person obtain a Canadian work permit or status to do this work?",
    "mx_work": "Must this person obtain Mexican permission to work (or a status that "
    "includes it) to do this work?",
    "ca_tax": "Does Canada tax this pay, or require withholding on it?",
    "us_tax": "Does the US tax this pay?",
}
"""The legal questions outcomes answer, one per country and subject. Two trees that give
different positions on one question for the same facts contradict each other."""

POSITIONS: dict[str, str] = {
    "needed": "yes: an authorization must be obtained (tax: tax or withholding is due)",
    "not_needed": "no: nothing more to obtain (tax: none is due)",
    "not_available": "an authorization is needed, and no route the tree knows is open",
    "unsettled": "the official sources do not settle it",
}

PATHWAYS: dict[str, str] = {
    "ca-citizen-or-pr": "Canadian citizen or permanent resident: no work permit needed",
    "ca-cusma-professional": "CUSMA professional work permit, LMIA-exempt (T36)",
    "ca-cusma-transfer": "CUSMA intra-company transferee (T37, T38)",
    "ca-cusma-trader-investor": "CUSMA trader or investor (T34, T35)",
    "ca-ict": "General intra-company transferee, any nationality (C12, C63)",
    "ca-gts": "Global Talent Stream LMIA, two-week processing",
    "ca-lmia": "LMIA-based work permit (Temporary Foreign Worker Program)",
    "ca-pgwp": "Post-graduation work permit (open)",
    "ca-no-permit-outside-canada": "Work performed only outside Canada: no Canadian work permit",
    "ca-visitor-foreign-employer": "Visitor in Canada working remotely for a foreign employer",
    "ca-express-entry": "Permanent residence through Express Entry or a provincial nomination",
    "ca-business-visitor": "Business visitor (IRPR s. 186(a), s. 187): no work permit; no entry "
    "into the Canadian labour market, pay from outside Canada",
    "us-citizen-or-lpr": "US citizen or green-card holder: no US work authorization issue",
    "us-tn": "TN status under USMCA (Canadian and Mexican citizens only)",
    "us-h1b": "H-1B specialty occupation",
    "us-l1": "L-1 intra-company transferee",
    "us-e1-e2": "E-1 treaty trader or E-2 treaty investor",
    "us-green-card": "Employment-based permanent residence (PERM labor certification "
    "where required)",
    "us-authorization-needed": "Working on US soil without status that authorizes this work",
    "us-o1": "O-1 extraordinary ability",
    "us-self-petition": "Employment-based green card without an employer: EB-1A, EB-2 national "
    "interest waiver",
    "us-b1-business-visitor": "B-1 business visitor (USMCA Appendix 1 activities for Canadians "
    "and Mexicans)",
    "us-commuter-green-card": "Green-card holder living in Canada or Mexico and commuting to US "
    "work (8 CFR 211.5(b))",
    "us-no-authorization-outside-us": "Work performed only outside the US: no US work "
    "authorization needed",
    "us-no-temporary-route": "No temporary US work status fits the work as described",
    "us-b1-paid-from-us": "B-1 business visit by someone employed and paid by a US employer: "
    "whether it meets the business-visitor test is not settled",
    "us-ead": "Employment authorization for any US employer: an EAD, or work authorized "
    "incident to status (L-2 and E spouses)",
    "us-h2": "H-2A temporary agricultural or H-2B temporary non-agricultural worker (employer "
    "petition after a temporary labor certification)",
    "mx-citizen-or-resident": "Mexican citizen or permanent resident: no work permission needed",
    "mx-usmca-professional": "USMCA professional, transferee, trader or investor entry into "
    "Mexico, with permission to work",
    "mx-temporary-resident-work": "Temporary resident with permission to work (job offer, "
    "employer registered with INM)",
    "mx-business-visitor": "Visitor without permission to work, for business-visitor "
    "activities paid from abroad",
    "mx-no-permit-outside-mexico": "Work performed only outside Mexico: no Mexican permission "
    "needed",
    "mx-temporary-resident-foreign-pay": "Temporary resident without permission to work, working "
    "in Mexico only for a foreign employer that pays from abroad: not settled",
    "tax-ca-taxable": "Canada may tax the pay for Canadian workdays; US foreign tax credit",
    "tax-ca-treaty-exempt": "Treaty-exempt in Canada (Article XV); Regulation 102 withholding "
    "unless waived",
    "tax-ca-not-taxable": "No Canadian tax or withholding: the work is done outside Canada",
    "tax-ca-contractor-withholding": "Non-resident contractor: 15% Regulation 105 withholding",
    "tax-us-citizen-worldwide": "US citizen (or green-card holder) taxed by the US on worldwide "
    "income wherever they live (treaty saving clause); relief by foreign tax credit or exclusion",
}

PATHWAY_ANSWERS: dict[str, tuple[str, str]] = {
    "ca-citizen-or-pr": ("ca_work", "not_needed"),
    "ca-cusma-professional": ("ca_work", "needed"),
    "ca-cusma-transfer": ("ca_work", "needed"),
    "ca-cusma-trader-investor": ("ca_work", "needed"),
    "ca-ict": ("ca_work", "needed"),
    "ca-gts": ("ca_work", "needed"),
    "ca-lmia": ("ca_work", "needed"),
    "ca-pgwp": ("ca_work", "not_needed"),
    "ca-no-permit-outside-canada": ("ca_work", "not_needed"),
    "ca-visitor-foreign-employer": ("ca_work", "not_needed"),
    "ca-express-entry": ("ca_work", "needed"),
    "ca-business-visitor": ("ca_work", "not_needed"),
    "us-citizen-or-lpr": ("us_work", "not_needed"),
    "us-tn": ("us_work", "needed"),
    "us-h1b": ("us_work", "needed"),
    "us-l1": ("us_work", "needed"),
    "us-e1-e2": ("us_work", "needed"),
    "us-green-card": ("us_work", "needed"),
    "us-authorization-needed": ("us_work", "needed"),
    "us-o1": ("us_work", "needed"),
    "us-self-petition": ("us_work", "needed"),
    "us-b1-business-visitor": ("us_work", "not_needed"),
    "us-commuter-green-card": ("us_work", "not_needed"),
    "us-no-authorization-outside-us": ("us_work", "not_needed"),
    "us-no-temporary-route": ("us_work", "not_available"),
    "us-b1-paid-from-us": ("us_work", "unsettled"),
    "us-ead": ("us_work", "not_needed"),
    "us-h2": ("us_work", "needed"),
    "mx-citizen-or-resident": ("mx_work", "not_needed"),
    "mx-usmca-professional": ("mx_work", "needed"),
    "mx-temporary-resident-work": ("mx_work", "needed"),
    "mx-business-visitor": ("mx_work", "not_needed"),
    "mx-no-permit-outside-mexico": ("mx_work", "not_needed"),
    "mx-temporary-resident-foreign-pay": ("mx_work", "unsettled"),
    "tax-ca-taxable": ("ca_tax", "needed"),
    "tax-ca-treaty-exempt": ("ca_tax", "not_needed"),
    "tax-ca-not-taxable": ("ca_tax", "not_needed"),
    "tax-ca-contractor-withholding": ("ca_tax", "needed"),
    "tax-us-citizen-worldwide": ("us_tax", "needed"),
}
"""For each pathway code: the legal question it answers (:data:`LEGAL_QUESTIONS`) and its
position (:data:`POSITIONS`). A business visitor needs no work authorization (the visa a
visitor may need is an admission matter); a permit already held (PGWP) leaves nothing to
obtain."""

GREY_AREAS: dict[str, str] = {
    "us-b1-paid-from-us": "Not settled by official sources: whether a business visitor who is "
    "employed and paid by a US employer meets the business-visitor test. USMCA (Annex 16-A, "
    "Section A) lets a business person show that a visit does not enter the US labour market "
    "by showing that the primary source of pay, the principal place of business and the "
    "accrual of profits stay outside the United States; pay from a US employer cannot show the "
    "first, and no official text says what else suffices. Ask an immigration lawyer before "
    "travelling, or use a work status (TN, L-1, H-1B).",
    "mx-temporary-resident-foreign-pay": "Not settled by official sources: whether a temporary "
    "resident of Mexico without permission to work may work there remotely for an employer "
    "abroad that pays from abroad. The Ley de Migración requires permission for remunerated "
    "activities in Mexico; one SRE consular page says the temporary resident visa allows work "
    "paid from abroad, but no law, regulation or INM page says so. Ask the INM or a Mexican "
    "immigration lawyer.",
}
"""The one wording of each grey area, by its ``unsettled`` pathway code: every outcome with
that pathway carries this sentence among its caveats, word for word (``xborder-tree
validate`` checks it), so a grey area reads the same in every tree that reaches it."""

NOT_LEGAL_ADVICE = (
    "General information for training, not legal or tax advice. Rules change; check the "
    "official sources cited and consult a licensed professional about your own case."
)
