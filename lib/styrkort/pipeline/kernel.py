"""The kernel a report runs in: IPython's kernel (ipykernel), started without its debugger, and if
asked started ahead of its arguments.

ipykernel imports debugpy at start-up so that JupyterLab can debug a notebook; a report's kernel
is never debugged, and the import is about 0.1 s of every kernel's start.
:class:`styrkort.pipeline.session.KernelSession` starts this module
(``python -m styrkort.pipeline.kernel -f <connection file> …``) in place of ``ipykernel_launcher``;
the analyst's kernels in JupyterLab are ipykernel's own.

Started ahead (``python -m styrkort.pipeline.kernel --ahead``), the process first imports
ipykernel and what every report imports, and only then reads its arguments (the connection file
and the rest) as one line of JSON on standard input. A single render starts it before it reads and
checks the data, so the kernel imports on the other core meanwhile
(:class:`styrkort.pipeline.session.AheadKernel`). Standard input closed without a line means the
command did not need it (bad input, say): the process exits.
"""

import gc
import importlib
import json
import os
import sys

AHEAD = "--ahead"


def main() -> None:
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # ipykernel then runs without a debugger
    if sys.argv[1:] == [AHEAD]:
        # As ipykernel sets it when it starts, but before matplotlib is imported (which reads it).
        os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        from ipykernel import kernelapp  # noqa: F401

        from styrkort.pipeline.session import REPORT_MODULES

        for module in REPORT_MODULES:
            importlib.import_module(module)
        gc.freeze()  # as a warm kernel does after its imports (PREWARM)
        line = sys.stdin.readline()
        if not line:
            sys.exit(0)
        sys.argv[1:] = json.loads(line)
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
