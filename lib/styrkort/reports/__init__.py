"""The report kinds (one registry, :mod:`styrkort.reports.kinds`) and the report builders with
their calculations: data in, frozen report objects out. No HTML, no files."""
