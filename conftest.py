"""Test session set-up shared by the unit tests, the doctests and nbval.

Notebooks executed by the tests (nbval re-runs the committed ones) write their
tables and values into a temporary directory, never into ``paper/``. Their
figures are drawn (a plotnine warning still fails the cell) but not saved:
nbval compares what a notebook shows, and the figure files themselves are
compared byte for byte by ``tests/test_notebooks.py`` and ``make reproduced``.
"""
import os
import sys
import tempfile
from pathlib import Path

import pytest

_OUTPUTS = tempfile.TemporaryDirectory(prefix="jawzjan-test-outputs-")


def pytest_configure(config):
    os.environ["JAWZJAN_OUTPUT_ROOT"] = _OUTPUTS.name
    os.environ["JAWZJAN_DRAW_ONLY"] = "1"
    _kernels_over_ipc()


def _kernels_over_ipc() -> None:
    """nbval's kernels talk over IPC sockets in a private directory, so no network interface is needed.

    When the session runs several notebooks, each kernel is forked from a warm process that has
    imported what the notebooks import (``tests/warm_kernels.py`` says how, and what stays fresh in
    every kernel); the client skips jupyter_client's idle wait on IOPub, which nbval checks itself.
    """
    try:
        import nbval.kernel
        from jupyter_client.manager import KernelManager
    except ImportError:
        return
    import importlib.util
    import uuid

    source = Path(__file__).parent / "tests" / "warm_kernels.py"
    forked = quick = None
    if source.exists():  # a partial copy of the project without tests/ starts its kernels afresh
        spec = importlib.util.spec_from_file_location("warm_kernels", source)
        warm_kernels = importlib.util.module_from_spec(spec)
        sys.modules["warm_kernels"] = warm_kernels
        spec.loader.exec_module(warm_kernels)
        global _warm_kernels
        _warm_kernels = warm_kernels
        forked = warm_kernels.provisioner_class()
        quick = warm_kernels.client_class()
    sockets = tempfile.mkdtemp(prefix="jawzjan-nbval-kernels-")

    class LocalKernelManager(KernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", os.path.join(sockets, f"k{os.getpid()}-{id(self)}"))
            super().__init__(**kwargs)
            if quick is not None:
                self.client_factory = quick

        async def _async_pre_start_kernel(self, **kw):
            if self.provisioner is None and forked is not None:
                self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
                self.provisioner = forked(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
            return await super()._async_pre_start_kernel(**kw)

    nbval.kernel.KernelManager = LocalKernelManager


_warm_kernels = None


def pytest_collection_modifyitems(session, config, items):
    """Put the long tests first; fork nbval's kernels only when the session runs several notebooks.

    The end-to-end tests, the notebooks and the modules that share a build start first, so that the
    many short tests fill the workers' time at the end instead of one long test running alone.
    """
    def long(item) -> bool:
        rel = item.nodeid.split("::", 1)[0]
        return item.path.suffix == ".ipynb" or rel in ONE_WORKER or item.get_closest_marker("e2e") is not None

    items[:] = [i for i in items if long(i)] + [i for i in items if not long(i)]
    notebooks = {str(item.path) for item in items if item.path.suffix == ".ipynb"}
    if _warm_kernels is not None:
        _warm_kernels.enabled = len(notebooks) >= _warm_kernels.WORTH_IT_FROM


#: Test modules whose tests share a module-scoped result (a build, a table), and so run on one worker.
ONE_WORKER = ("tests/test_changed_data.py", "tests/test_topic_sensitivity.py")
#: Tests that start a kernel from the warm process: they go with the notebooks, whose worker has one.
WITH_THE_NOTEBOOKS = ("tests/test_notebooks.py::test_a_kernel_forked_for_nbval_starts_as_a_fresh_kernel_would",)


@pytest.hookimpl(optionalhook=True)  # known only when pytest-xdist is loaded
def pytest_xdist_make_scheduler(config, log):
    """Spread tests one by one over the workers, but keep the notebooks' cells together and in order.

    nbval runs a notebook's cells in one kernel, one after another, and all the notebooks go to one
    worker, whose warm process forks their kernels; the tests of a module that shares a build go
    together too; any other test stands alone.
    """
    from xdist.scheduler import LoadScopeScheduling

    class NotebookScopeScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if path.endswith(".ipynb") or nodeid in WITH_THE_NOTEBOOKS:
                return "notebooks"  # on one worker, whose warm process forks all their kernels
            return path if path in ONE_WORKER else nodeid

    return NotebookScopeScheduling(config, log)
