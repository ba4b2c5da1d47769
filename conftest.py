"""Test session set-up shared by the unit tests, the doctests and nbval.

Notebooks executed by the tests (nbval re-runs the committed ones) write their
figures, tables and values into a temporary directory, never into ``paper/``.
"""
import os
import tempfile

_OUTPUTS = tempfile.TemporaryDirectory(prefix="jawzjan-test-outputs-")


def pytest_configure(config):
    os.environ["JAWZJAN_OUTPUT_ROOT"] = _OUTPUTS.name
    _kernels_over_ipc()


def _kernels_over_ipc() -> None:
    """nbval's kernels talk over IPC sockets in a private directory, so no network interface is needed."""
    try:
        import nbval.kernel
        from jupyter_client.manager import KernelManager
    except ImportError:
        return

    sockets = tempfile.mkdtemp(prefix="jawzjan-nbval-kernels-")

    class LocalKernelManager(KernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", os.path.join(sockets, f"k{os.getpid()}-{id(self)}"))
            super().__init__(**kwargs)

    nbval.kernel.KernelManager = LocalKernelManager
