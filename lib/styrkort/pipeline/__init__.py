"""One report through the pipeline: prepare (validate, resolve, fingerprint), produce (execute
the notebook, export HTML and PDF) and commit (write the set), plus the output folder's index
and earlier versions."""
