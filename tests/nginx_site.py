"""A built site served by Debian's real nginx with the project's own deploy/nginx.conf, on
127.0.0.1 and a free port, as the current user with its own prefix, pid and temporary paths.
Used by tests/test_nginx.py and bench/lighthouse.py."""

from __future__ import annotations

import getpass
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_CONF = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
SUB_PATH = "/ecommerce/"


def nginx_available() -> bool:
    return Path(NGINX).is_file() and MIME_TYPES.is_file()


def brotli_available() -> bool:
    return BROTLI_MODULE.is_file()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_config(site: Path, port: int) -> str:
    """deploy/nginx.conf with the site's folder and a loopback port in place of production's."""
    text = DEPLOY_CONF.read_text(encoding="utf-8")
    text, aliases = re.subn(r"alias /var/www/ecommerce/;", f"alias {site.resolve()}/;", text)
    text, listens = re.subn(r"\n\s*listen 80;\n\s*listen \[::\]:80;", f"\n    listen 127.0.0.1:{port};", text)
    assert aliases == 1 and listens == 1, "deploy/nginx.conf: the alias or listen lines changed; update tests/nginx_site.py"
    if not brotli_available():
        text = text.replace("brotli_static on;", "")
    return text


@contextmanager
def nginx_serving(site: Path):
    """Base URL (http://127.0.0.1:PORT/ecommerce/) of site served by nginx with deploy/nginx.conf."""
    prefix = Path(tempfile.mkdtemp(prefix="nginx-"))
    port = _free_port()
    (prefix / "site.conf").write_text(site_config(site, port), encoding="utf-8")
    shutil.copy(MIME_TYPES, prefix / "mime.types")
    temporary = "\n".join(
        f"    {name}_temp_path {prefix}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""  # root's workers would be nobody's
    module = f"load_module {BROTLI_MODULE};\n" if brotli_available() else ""
    (prefix / "nginx.conf").write_text(
        f"{module}{user}worker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log warn;\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\n    access_log off;\n{temporary}\n    include site.conf;\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx did not start: {process.stderr.read()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("nginx did not listen within 10 s")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}{SUB_PATH}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(prefix, ignore_errors=True)
