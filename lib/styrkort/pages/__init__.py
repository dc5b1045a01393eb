"""Report objects as document parts: the elements, one page module per report kind, the charts and
the colophon. Pure functions from report objects to :mod:`styrkort.document` nodes, which the
notebooks display and the writers turn into HTML and PDF."""
