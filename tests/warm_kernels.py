"""Kernels for nbval forked from a warm process, so that each notebook does not pay for its imports.

Every notebook nbval re-executes gets a kernel of its own, as before: a new process, in a session
of its own, with the environment and working directory nbval asks for, running ipykernel's
application from its start. Only the way the process comes to be differs: instead of starting
Python afresh and importing ipykernel, IPython, pandas, matplotlib, plotnine and the library (about
a second per notebook), a *warm* process that has imported them once forks, and the child becomes
the kernel. Tables read and validated in the warm process are reused only while the files of the
package keep the size and modification time they had (``analysis.data.load`` checks that on every
call), and the record of which tables a run read starts empty in each kernel.

Run as a script, this module is the warm process: it reads one JSON request per line on its
standard input and answers with the pid of the kernel it forked. Imported, it gives the kernel
provisioner that asks it, with a fallback to an ordinary launch when the request is not for this
environment's ipykernel.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
#: Set to any value to start every kernel afresh instead (slower; for comparison or doubt).
COLD_ENV = "JAWZJAN_NBVAL_COLD_KERNELS"
#: Fewer notebooks than this in a test session, and the warm process (which costs about as much
#: as one kernel started afresh) is not worth starting.
WORTH_IT_FROM = 3
#: Whether this session forks its kernels; the test session sets it from what it collected.
enabled = True


# ------------------------------------------------------------------ the warm process


def _preload() -> None:
    """Import what every notebook imports, and read and validate the tables once."""
    import builtins
    import importlib
    import pkgutil

    # pandas chooses its default display width at import from whether it runs in a Jupyter kernel
    # (it looks for ``get_ipython().kernel``): let it see one, as it would in the notebook
    builtins.get_ipython = lambda: type("KernelShell", (), {"kernel": True})()
    try:
        import pandas  # noqa: F401
    finally:
        del builtins.get_ipython
    # what ipykernel's application sets before a notebook can import matplotlib; the backend itself
    # is loaded at the kernel's first figure, once the kernel's shell exists
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.kernelapp  # noqa: F401
    import matplotlib.pyplot  # noqa: F401
    import plotnine  # noqa: F401

    # the kernel's debugger support (debugpy), imported as each kernel starts; its import warns on
    # stderr, which a kernel sends to /dev/null, as nbval asks
    saved, null = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    try:
        import ipykernel.debugger  # noqa: F401
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)

    for pkg in ("analysis.data", "analysis.style", "analysis.topics"):
        for info in pkgutil.iter_modules(importlib.import_module(pkg).__path__, pkg + "."):
            importlib.import_module(info.name)
    importlib.import_module("analysis.pipeline.outputs")
    from analysis.data import load, schema

    for name in schema.resources():
        load.load_table(name)
    load.LOADED.clear()


def _become_kernel(request: dict) -> None:
    """In the forked child: take the requested session, streams, directory and environment, run ipykernel."""
    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.close(null)
        sys.stdin = open(os.devnull, encoding="utf-8")
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        if "JPY_PARENT_PID" in os.environ:  # the kernel ends if its parent, the warm process, does
            os.environ["JPY_PARENT_PID"] = str(os.getppid())
        # as ipykernel_launcher does: the working directory is put back on the path by the kernel itself
        if sys.path and sys.path[0] in ("", os.getcwd(), str(ROOT / "tests")):
            del sys.path[0]
        sys.argv = ["ipykernel_launcher", *request["argv"]]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance(argv=request["argv"])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - the kernel's own stderr is /dev/null, as nbval asks
        code = 1
    finally:
        try:
            atexit._run_exitfuncs()
        finally:
            os._exit(code)


def serve() -> None:
    """Preload, say "ready", then fork one kernel per request until standard input closes, then exit."""
    _preload()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # forked kernels are reaped by the system
    requests = os.fdopen(0, "rb", buffering=0)
    replies = os.fdopen(os.dup(1), "wb", buffering=0)
    replies.write(b"ready\n")
    buf = b""
    while True:
        chunk = requests.read(65536)
        if not chunk:  # the test session has ended: nothing here needs tidying, so no slow interpreter exit
            os._exit(0)
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            request = json.loads(line)
            pid = os.fork()
            if pid == 0:
                requests.close()
                replies.close()
                _become_kernel(request)
            replies.write(json.dumps({"pid": pid}).encode() + b"\n")


# ------------------------------------------------------------------ the test session's side


class _Warm:
    """The warm process of this test process, started on first use."""

    _lock = threading.Lock()
    _proc: subprocess.Popen | None = None
    _failed = False

    @classmethod
    def fork(cls, argv: list[str], env: dict, cwd: str) -> int | None:
        with cls._lock:
            if cls._failed:
                return None
            if cls._proc is None or cls._proc.poll() is not None:
                cls._proc = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, cwd=ROOT, start_new_session=True)
                atexit.register(cls._stop)
                if cls._proc.stdout.readline() != b"ready\n":
                    cls._failed = True
                    return None
            cls._proc.stdin.write(json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode() + b"\n")
            cls._proc.stdin.flush()
            reply = cls._proc.stdout.readline()
            if not reply:
                cls._failed = True
                return None
            return json.loads(reply)["pid"]

    @classmethod
    def _stop(cls) -> None:
        if cls._proc is not None and cls._proc.poll() is None:
            cls._proc.stdin.close()
            try:
                cls._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                cls._proc.kill()


class ForkedProcess:
    """The parts of :class:`subprocess.Popen` a provisioner uses, for a kernel that is not our child."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        try:
            self._fd = os.pidfd_open(pid)
        except ProcessLookupError:
            self._fd = None
            self.returncode = 0

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self._fd], [], [], 0)[0]:
            os.close(self._fd)
            self.returncode = 0  # the exit status went to the warm process, which let the system reap it
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            if not select.select([self._fd], [], [], timeout)[0]:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            self.poll()
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)
            if signum == signal.SIGKILL:  # a kill is final: wait for it, so no poll has to sleep
                select.select([self._fd], [], [], 5)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def client_class():
    """nbval's kernel client, without the fixed 0.2 s wait on IOPub that ends ``wait_for_ready``.

    Once the kernel has replied and IOPub has carried a message, jupyter_client still waits until
    IOPub has been quiet for 0.2 s; nbval then reads IOPub up to the idle status of a request of
    its own, past any message left over, so that wait only idles.
    """
    from queue import Empty

    from jupyter_client.blocking.client import BlockingKernelClient
    from jupyter_client.utils import run_sync

    class QuickClient(BlockingKernelClient):
        def start_channels(self, *args, **kwargs) -> None:
            # connect once the kernel's sockets exist: ZMQ would retry each channel only after 100 ms
            from analysis.pipeline.runner import wait_for_kernel_sockets

            wait_for_kernel_sockets(self, self.is_alive)
            super().start_channels(*args, **kwargs)

        async def _ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (60 if timeout is None else timeout)
            while True:
                self.kernel_info()
                try:
                    msg = self.shell_channel.get_msg(timeout=1)
                except Empty:
                    msg = None
                if msg is not None and msg["msg_type"] == "kernel_info_reply":
                    try:  # IOPub is connected once a message of the reply's status arrives on it
                        self.iopub_channel.get_msg(timeout=0.2)
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(msg)
                        return
                if not self.is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")

        wait_for_ready = run_sync(_ready)

    return QuickClient


def provisioner_class():
    """A :class:`LocalProvisioner` that forks this environment's ipykernel from the warm process."""
    from jupyter_client.provisioning import LocalProvisioner

    class ForkedProvisioner(LocalProvisioner):
        async def launch_kernel(self, cmd, **kwargs):
            same_python = cmd and os.path.realpath(cmd[0]) == os.path.realpath(sys.executable)
            pid = None
            if same_python and cmd[1:3] == ["-m", "ipykernel_launcher"] and enabled and not os.environ.get(COLD_ENV):
                env = dict(kwargs.get("env") or os.environ)
                pid = _Warm.fork(list(cmd[3:]), env, str(kwargs.get("cwd") or os.getcwd()))
            if pid is None:
                return await super().launch_kernel(cmd, **kwargs)
            self.process = ForkedProcess(pid)
            self.pid = self.pgid = pid
            self.cwd = kwargs.get("cwd") or os.getcwd()
            return self.connection_info

        async def send_signal(self, signum: int) -> None:
            # the kill goes to the kernel's process group; a forked kernel's exit is then awaited on
            # its pidfd, so that the manager's first check finds it gone instead of sleeping 0.1 s
            await super().send_signal(signum)
            if signum == signal.SIGKILL and isinstance(self.process, ForkedProcess):
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass  # the manager's own wait, with its timeout, takes over

    return ForkedProvisioner


if __name__ == "__main__":
    serve()
