"""`ccmkg serve` as a user first runs it: on an empty build directory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.support.http import request
from tests.support.processes import free_port


def test_serve_without_a_build_builds_then_serves(tmp_path):
    """`ccmkg serve` on an empty build directory builds it, then answers."""
    out, port = tmp_path / "build", free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--out", str(out), "--port", str(port), "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            try:
                if request(f"http://127.0.0.1:{port}", "GET", "/readyz").status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not become ready"
            time.sleep(0.3)
        assert (out / "ccm.nq").is_file()
        reply = request(f"http://127.0.0.1:{port}", "GET", "/id/lap/action/18.nt")
        assert reply.status == 200 and b"/id/lap/action/18>" in reply.body
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
