"""The shared vocabulary: fact keys, answer values, verdicts and pathway codes.

Trees may add fact keys and pathway codes of their own (declared in the tree file);
they may never give a listed key a value outside the listed values.

>>> FACT_VALUES["citizenship"]
('us', 'canada', 'mexico', 'other')
>>> PATHWAYS["us-tn"]
'TN status under USMCA (Canadian and Mexican citizens only)'
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
    "not_compliant": "Not compliant",
    "uncertain": "Uncertain: consult a professional",
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
    "mx-citizen-or-resident": "Mexican citizen or permanent resident: no work permission needed",
    "mx-usmca-professional": "USMCA professional, transferee, trader or investor entry into "
    "Mexico, with permission to work",
    "mx-temporary-resident-work": "Temporary resident with permission to work (job offer, "
    "employer registered with INM)",
    "mx-business-visitor": "Visitor without permission to work, for business-visitor "
    "activities paid from abroad",
    "mx-no-permit-outside-mexico": "Work performed only outside Mexico: no Mexican permission "
    "needed",
    "tax-ca-taxable": "Canada may tax the pay for Canadian workdays; US foreign tax credit",
    "tax-ca-treaty-exempt": "Treaty-exempt in Canada (Article XV); Regulation 102 withholding "
    "unless waived",
    "tax-ca-not-taxable": "No Canadian tax or withholding: the work is done outside Canada",
    "tax-ca-contractor-withholding": "Non-resident contractor: 15% Regulation 105 withholding",
    "tax-us-citizen-worldwide": "US citizen (or green-card holder) taxed by the US on worldwide "
    "income wherever they live (treaty saving clause); relief by foreign tax credit or exclusion",
}

NOT_LEGAL_ADVICE = (
    "General information for training, not legal or tax advice. Rules change; check the "
    "official sources cited and consult a licensed professional about your own case."
)
