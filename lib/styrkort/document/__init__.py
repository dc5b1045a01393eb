"""The report as a document: one model (:mod:`.model`), two writers (:mod:`.html` for the screen,
:mod:`.typst` for the PDF), and the part a notebook displays with both (:mod:`.part`)."""
