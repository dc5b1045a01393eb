"""What every local worker process uses, imported once by the fork server the workers are forked
from (:class:`styrkort.batch.workers.LocalWorkers`), instead of once by each worker: about two seconds
of CPU a worker (nbformat, nbclient, papermill, nbconvert, Typst and this package).

Importing this module is its whole purpose; nothing here runs a kernel or touches a file.
"""

from styrkort.pipeline.session import skip_slow_optional_imports

skip_slow_optional_imports()  # before anything below imports jsonschema

import nbclient  # noqa: E402,F401
import nbconvert  # noqa: E402,F401
import nbformat  # noqa: E402,F401
import papermill.parameterize  # noqa: E402,F401
import typst  # noqa: E402,F401

from styrkort.batch import workers  # noqa: E402,F401
from styrkort.pipeline import produce  # noqa: E402,F401
