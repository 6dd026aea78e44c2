"""Install the browser the HTML export's browser test drives: Debian's chromium and chromium-driver.

Part of the test command (README "Run the tests", .ci/run). Idempotent: does nothing
when both binaries are there. Installs them with apt-get when running as root on a
system that has apt-get; anywhere else it says why it cannot and exits 0, and the
browser test then skips, giving the same reason.

Along with the browser it installs a small Chinese font (fonts-wqy-microhei, 1.6 MB):
without one the test's screenshot shows boxes where the Chinese should be.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PACKAGES = ("chromium", "chromium-driver")
FONT_PACKAGES = ("fonts-wqy-microhei",)


def missing() -> list[str]:
    return [path for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]


def why_not_installable() -> str | None:
    """None when apt-get can install the packages here, else the reason it cannot."""
    if not sys.platform.startswith("linux"):
        return f"this is {sys.platform}, not a Debian system"
    if shutil.which("apt-get") is None:
        return "apt-get is not available"
    if os.geteuid() != 0:
        return "installing Debian packages needs root (run: sudo apt-get install chromium chromium-driver)"
    return None


def main() -> int:
    absent = missing()
    if not absent:
        print(f"setup_browser: {CHROMIUM} and {CHROMEDRIVER} are installed")
        return 0
    reason = why_not_installable()
    if reason is not None:
        print(f"setup_browser: cannot install {' and '.join(PACKAGES)}: {reason}; the browser test will be skipped")
        return 0
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    started = time.monotonic()
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", *PACKAGES, *FONT_PACKAGES]):
        print("setup_browser: " + " ".join(command), flush=True)
        result = subprocess.run(command, env=environment, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            print(f"setup_browser: `{' '.join(command)}` failed (exit {result.returncode}); the browser test will be skipped")
            return 0
    still_absent = missing()
    if still_absent:
        print(f"setup_browser: installed {' '.join(PACKAGES)} but {', '.join(still_absent)} is still missing; the browser test will be skipped")
        return 0
    print(f"setup_browser: installed {' and '.join(PACKAGES)} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
