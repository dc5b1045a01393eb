"""The kernel a report runs in: IPython's kernel (ipykernel), started without its debugger.

ipykernel imports debugpy at start-up so that JupyterLab can debug a notebook; a report's kernel
is never debugged, and the import is about 0.1 s of every kernel's start, on the critical path of
a single render. :class:`styrkort.pipeline.session.KernelSession` starts this module
(``python -m styrkort.pipeline.kernel -f <connection file>``) in place of ``ipykernel_launcher``;
the analyst's kernels in JupyterLab are ipykernel's own.
"""

import sys

if __name__ == "__main__":
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # ipykernel then runs without a debugger
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
