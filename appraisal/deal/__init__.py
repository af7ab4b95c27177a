"""Deal terms (deal-terms.md D1–D6): what must be settled before an option's figures come true.

Legal form and registers, the governance settlement, due diligence, lender consents and the legal
and regulatory route. Nothing here changes a figure of the appraisal. The package is read by the
engine (the results' ``deal`` object), the rules (refusals) and the outputs.
"""
