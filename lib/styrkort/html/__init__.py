"""Report objects as HTML: the elements, one page module per report kind, charts, the contents
list and the provenance footer. Pure functions from report objects to markup."""
