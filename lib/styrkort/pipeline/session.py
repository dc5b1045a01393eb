"""A kernel to execute report notebooks in: cold (a new kernel for each report) or warm (one kernel
kept between reports, its namespace reset before each).

Start-up dominates a report: a new kernel and ``import styrkort`` (pandas, matplotlib) take
longer than the report's cells. A warm session pays that once: before each report it clears the
kernel's namespace (``%reset -f``, garbage collection, the working folder, the execution
counter), so the notebook runs as in a new kernel, while the modules it imports stay imported.
Both kinds run a notebook the same way, so a report comes out the same from either (a test
checks it). A session can have its first kernel's process started ahead (:class:`AheadKernel`),
importing while the command still reads the data.

The kernel is driven from a thread of its own with its own event loop, so the session can be
used from any thread (a Dask worker's task thread, a worker process's main thread) and never
installs signal handlers: the process that owns the session decides what Ctrl-C means, and
calls :meth:`KernelSession.kill` to stop the kernel at once.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import signal
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

KERNEL_NAME = "python3"
KERNEL_MODULE = "styrkort.pipeline.kernel"
STARTUP_TIMEOUT_S = 120
CELL_TIMEOUT_S = 900

#: What every report imports: a warm kernel imports it once, when it starts, so no report pays for
#: it; so does a kernel started ahead (:mod:`styrkort.pipeline.kernel`).
REPORT_MODULES = (
    "styrkort", "styrkort.reports.kinds", "styrkort.pages.elements", "styrkort.pages.monthly",
    "styrkort.pages.interim", "styrkort.pages.plan", "styrkort.pages.charts", "styrkort.reports.adjustments",
    "styrkort.data.loading", "styrkort.data.params", "pandas", "matplotlib.figure",
)

#: Run once in a warm kernel. After the imports, what exists is moved out of the garbage
#: collector's sight (``gc.freeze``): it lives as long as the kernel, and each report's collections
#: (``%reset`` runs one) no longer walk it, which took 0.15 s a report.
PREWARM = f"import {', '.join(REPORT_MODULES)}\n__import__('gc').freeze()\n"

#: Run before every report: a namespace as a new kernel has, in the notebook's folder, with the
#: execution counter at the start (so the executed notebook numbers its cells as a new kernel's).
RESET = """\
get_ipython().run_line_magic("reset", "-f")
__import__("gc").collect()
__import__("os").chdir({cwd!r})
get_ipython().execution_count = 1
"""


def skip_slow_optional_imports() -> None:
    """Leave out jsonschema's optional IRI format checker (``rfc3987_syntax``) in this process.

    nbformat imports jsonschema, which imports every optional format checker it finds; with
    JupyterLab installed in the same environment that includes ``rfc3987_syntax``, which builds
    dozens of grammars at import: 1.4 s and more for every process that reads a notebook (the
    README's Performance section). Nothing here validates IRIs. Called by the command line and the workers
    before anything imports jsonschema; a no-op after."""
    import sys

    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]


def kernel_manager_class():
    """Kernels talk over local sockets (IPC), not TCP: nothing listens on a port, and ipykernel
    has no cause to warn about unencrypted TCP on every run. Each kernel's sockets get a path of
    their own (jupyter_client's default is ``kernel-ipc-N`` in the working folder, which kernels
    running side by side would share, crossing their messages). The kernel is ipykernel's,
    started without its debugger (:mod:`styrkort.pipeline.kernel`)."""
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = os.path.join(tempfile.gettempdir(), f"styrkort-{uuid.uuid4().hex[:16]}-ipc")

        def format_kernel_cmd(self, extra_arguments=None):
            cmd = super().format_kernel_cmd(extra_arguments)
            return [KERNEL_MODULE if i and cmd[i - 1] == "-m" and arg == "ipykernel_launcher" else arg
                    for i, arg in enumerate(cmd)]

    return IPCKernelManager


def import_kernel_modules() -> None:
    """Import what starting and driving a kernel uses, in the calling thread, before the session's
    own thread starts a kernel: a module imported by two threads at once can be seen half
    initialised by one of them ("cannot import name ... from partially initialized module"), as
    when a worker set up its PDF layout while its kernel started."""
    import jupyter_client.manager  # noqa: F401
    import jupyter_client.provisioning.local_provisioner  # noqa: F401
    import nbclient  # noqa: F401


class KernelError(RuntimeError):
    """The kernel could not be started or stopped answering."""


class AheadKernel:
    """A kernel process started before it is needed (``--ahead``, :mod:`styrkort.pipeline.kernel`):
    it imports on the other core while the command reads and checks the data, and waits for its
    arguments. A session's kernel manager hands them over (:meth:`hand_over`) instead of starting a
    kernel; one never handed over is stopped by :meth:`discard`. Started as jupyter_client starts
    a kernel: a session of its own, and the parent's process id to watch."""

    def __init__(self) -> None:
        import subprocess
        import sys

        from styrkort.pipeline.kernel import AHEAD

        self.command = [sys.executable, "-m", KERNEL_MODULE]
        self.process = subprocess.Popen([*self.command, AHEAD], stdin=subprocess.PIPE, start_new_session=True,
                                        env={**os.environ, "JPY_PARENT_PID": str(os.getpid())})
        self.handed_over = False

    def hand_over(self, cmd: list[str]) -> bool:
        """Give the waiting kernel the arguments of ``cmd``, the command that would start a new
        one; False if this kernel cannot take them (another command, or it has exited)."""
        if self.handed_over or cmd[:3] != self.command or self.process.poll() is not None:
            return False
        try:
            self.process.stdin.write((json.dumps(cmd[3:]) + "\n").encode())
            self.process.stdin.close()
        except OSError:
            return False
        self.handed_over = True
        return True

    def discard(self) -> None:
        """Stop the process if no session took it."""
        if self.handed_over:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except OSError:
            pass
        self.process.wait()
        self.process.stdin.close()


def ahead_provisioner(km, ahead: AheadKernel):
    """jupyter_client's local provisioner for ``km``, launching the kernel by handing ``ahead`` its
    arguments (when it can take them: else as usual)."""
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    class AheadProvisioner(LocalProvisioner):
        async def launch_kernel(self, cmd, **kwargs):
            if not ahead.hand_over(cmd):
                ahead.discard()
                return await super().launch_kernel(cmd, **kwargs)
            self.process, self.pid = ahead.process, ahead.process.pid
            self.pgid, self.cwd = os.getpgid(self.pid), kwargs.get("cwd")
            return self.connection_info

    km.kernel_id = str(uuid.uuid4())
    return AheadProvisioner(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)


async def wait_for_ready(km, kc, timeout: float) -> None:
    """Return once the kernel answers on its shell channel and its IOPub messages arrive.

    jupyter_client's ``wait_for_ready`` does the same, then waits 0.2 s more for IOPub messages
    that nobody reads: a fifth of a second on the critical path of every single render. Here the
    kernel's status message for the ``kernel_info`` request itself shows that IOPub is connected
    (ZeroMQ may drop what a kernel publishes before the subscription is in place: then ask again)."""
    from queue import Empty

    deadline = time.monotonic() + timeout
    asked: set[str] = set()
    while time.monotonic() < deadline:
        asked.add(kc.kernel_info())
        try:
            reply = await kc.shell_channel.get_msg(timeout=1)
        except Empty:
            reply = None
        if reply is not None and reply["parent_header"].get("msg_id") in asked:
            try:
                while True:
                    status = await kc.iopub_channel.get_msg(timeout=0.2)
                    if status["parent_header"].get("msg_id") in asked:
                        return
            except Empty:
                pass  # IOPub not connected yet
        if not await km.is_alive():
            raise KernelError("kärnan avslutades innan den svarade")
    raise KernelError(f"kärnan svarade inte inom {timeout:.0f} s")


class KernelSession:
    """Executes notebooks in a kernel of its own; ``warm`` keeps the kernel between notebooks."""

    def __init__(self, warm: bool = True, kernel_name: str = KERNEL_NAME,
                 startup_timeout: float = STARTUP_TIMEOUT_S, cell_timeout: float = CELL_TIMEOUT_S,
                 ahead: bool = False) -> None:
        """``ahead``: start the kernel's process now (:class:`AheadKernel`); its first kernel is
        that process."""
        self.ahead = AheadKernel() if ahead else None
        self.warm = warm
        self.kernel_name = kernel_name
        self.startup_timeout = startup_timeout
        self.cell_timeout = cell_timeout
        self.km: Any = None
        self.kc: Any = None
        self.runs = 0  # notebooks executed in the current kernel
        self.starts = 0  # kernels started
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._stopping: Any = None  # a cold kernel shutting down after its notebook

    # --- the session's own event loop -----------------------------------------------------------
    def _call(self, coro, timeout: float | None = None):
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(target=self._loop.run_forever, name="styrkort-kernel", daemon=True)
            self._thread.start()
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    # --- public -----------------------------------------------------------------------------------
    def __enter__(self) -> "KernelSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def kernel_pid(self) -> int | None:
        provisioner = getattr(self.km, "provisioner", None)
        process = getattr(provisioner, "process", None)
        return getattr(process, "pid", None)

    def start(self) -> None:
        """Start the kernel now (a warm session also imports what reports use)."""
        import_kernel_modules()
        with self._lock:
            if self.km is None:
                self._call(self._start())

    def _stopped(self) -> None:
        """Wait for a cold kernel's shutdown begun after its notebook; if it fails, kill the kernel."""
        stopping, self._stopping = self._stopping, None
        if stopping is not None:
            try:
                stopping.result(30)
            except Exception:
                self.kill()

    def execute(self, nb, cwd: str | Path):
        """Execute the notebook (a parameterised ``NotebookNode``) in a clean namespace and return
        it executed. A failing cell raises nbclient's ``CellExecutionError`` with the notebook
        executed up to it (``nb`` itself). A kernel that dies is replaced, and the notebook run
        once more in the new one."""
        from nbclient.exceptions import CellExecutionError, DeadKernelError

        with self._lock:
            self._stopped()
            original = copy.deepcopy(nb)
            for attempt in (1, 2):
                try:
                    if self.km is None:
                        self._call(self._start())
                    return self._call(self._execute(nb, str(cwd)))
                except CellExecutionError:
                    raise
                except DeadKernelError:
                    self._call(self._stop(now=True))
                    if attempt == 2:
                        raise
                    nb.clear()
                    nb.update(copy.deepcopy(original))
                except BaseException:
                    # A timeout, or anything else: the kernel may be busy or broken. The next
                    # report gets a new one.
                    self.kill()
                    raise
                finally:
                    if not self.warm and self.km is not None:
                        # A cold kernel's work is done: it shuts down on the session's thread
                        # while the caller exports the report. close() waits for it.
                        self._stopping = asyncio.run_coroutine_threadsafe(self._stop(now=True), self._loop)

    def close(self) -> None:
        """Shut the kernel down and stop the session's thread."""
        with self._lock:
            self._stopped()
            if self.ahead is not None:
                self.ahead.discard()
            if self.km is not None and self._loop is not None:
                try:
                    self._call(self._stop(now=True), timeout=30)
                except Exception:
                    self.kill()
            self._stop_loop()

    def kill(self) -> None:
        """Stop the kernel at once (from any thread, also from a signal handler): kill its process
        group and remove its connection files. The session starts a new kernel when used again."""
        km, pid = self.km, self.kernel_pid
        self.km = self.kc = None
        self.runs = 0
        if pid:
            try:
                os.killpg(pid, signal.SIGKILL)  # the kernel leads a session of its own
            except (ProcessLookupError, PermissionError, OSError):
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError, OSError):
                    pass
        if km is not None:
            for cleanup in ("cleanup_connection_file", "cleanup_ipc_files"):
                try:
                    getattr(km, cleanup)()
                except Exception:
                    pass

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=5)
            if not self._loop.is_running():
                self._loop.close()
            self._loop = self._thread = None

    # --- on the session's loop ---------------------------------------------------------------------
    async def _start(self) -> None:
        km = kernel_manager_class()(kernel_name=self.kernel_name)
        if self.ahead is not None:
            km.provisioner = ahead_provisioner(km, self.ahead)
            self.ahead = None
        # No IPython history database: kernels running side by side would share and lock it.
        await km.start_kernel(extra_arguments=["--HistoryManager.hist_file=:memory:"], cwd=os.getcwd())
        kc = km.client()
        kc.start_channels()
        try:
            await wait_for_ready(km, kc, self.startup_timeout)
        except BaseException as exc:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)
            raise KernelError(f"Kärnan startade inte: {exc}") from exc
        kc.allow_stdin = False
        self.km, self.kc = km, kc
        self.starts += 1
        self.runs = 0
        if self.warm:
            await self._run(PREWARM)

    async def _stop(self, now: bool) -> None:
        km, kc = self.km, self.kc
        self.km = self.kc = None
        if kc is not None:
            kc.stop_channels()
        if km is not None:
            try:
                if await km.is_alive():
                    await km.shutdown_kernel(now=now)
            except RuntimeError:
                pass
            finally:
                await km.cleanup_resources()

    async def _run(self, code: str) -> None:
        reply = await self.kc.execute_interactive(code, store_history=False, allow_stdin=False,
                                                  timeout=self.startup_timeout, output_hook=lambda msg: None)
        content = reply.get("content", {})
        if content.get("status") != "ok":
            raise KernelError(f"{content.get('ename', 'Fel')}: {content.get('evalue', '')}")

    async def _execute(self, nb, cwd: str):
        from nbclient import NotebookClient

        await self._run(RESET.format(cwd=cwd))
        client = NotebookClient(nb, km=self.km, kernel_name=self.kernel_name, timeout=self.cell_timeout,
                                allow_errors=False, record_timing=True, resources={"metadata": {"path": cwd}})
        client.kc = self.kc
        await client.async_execute()
        self.runs += 1
        return client.nb
