"""Smoke test of the built bundle: does the installed program start and do real work?

Runs the frozen executable (not the source tree) on a temporary data directory, offscreen:
--version; init + import of a sample record + report discharge (PDF text checked);
backup create + backup verify; and the GUI's --smoke-test, which unlocks, shows the main window
with the client list populated and the first chart open, prints its start-up time and exits.

    python scripts/bundle_smoke_test.py dist/ipt-desktop
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "discharged-client.json"
PASSPHRASE = "smoke-test passphrase 7"


def run(exe: Path, *args: str, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=timeout)
    print(f"$ ipt-desktop {' '.join(args)}  -> exit {result.returncode}")
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:], sep="\n")
        raise SystemExit(f"FAILED: ipt-desktop {' '.join(args)} exited {result.returncode}")
    return result


def main(bundle_dir: str) -> int:
    exe = Path(bundle_dir) / ("ipt-desktop.exe" if os.name == "nt" else "ipt-desktop")
    if not exe.exists():
        raise SystemExit(f"FAILED: no executable at {exe}; run `make bundle` first")
    # lstat and no symlinks: PyInstaller links some libraries, which must not be counted twice.
    size_mb = sum(p.lstat().st_size for p in Path(bundle_dir).rglob("*")
                  if p.is_file() and not p.is_symlink()) / 1e6
    print(f"bundle size: {size_mb:.0f} MB")
    with tempfile.TemporaryDirectory(prefix="ipt-smoke-") as tmp:
        data_dir = Path(tmp) / "data"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", IPT_DESKTOP_PASSPHRASE=PASSPHRASE)
        env.pop("IPT_DESKTOP_DATA_DIR", None)
        common = ("--data-dir", str(data_dir))

        from ipt_desktop import __version__
        out = run(exe, "--version", env=env).stdout
        assert __version__ in out, f"--version printed {out!r}"

        run(exe, *common, "init", "--therapist", "Dr Zoë Example", "--practice", "Smoke Test Practice", env=env)
        client_id = run(exe, *common, "import", str(SAMPLE), env=env).stdout.strip().splitlines()[-1]
        expected = json.loads(SAMPLE.read_text(encoding="utf-8"))["client"]

        pdf = Path(tmp) / "discharge.pdf"
        run(exe, *common, "report", "discharge", client_id, "-o", str(pdf), env=env)
        from pypdf import PdfReader
        text = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
        for needle in (expected["first_name"], expected["last_name"], "Discharge summary", "Page 1 of"):
            assert needle.lower() in text.lower(), f"discharge PDF lacks {needle!r}"
        print("discharge PDF text ok")

        backup = Path(tmp) / "smoke-backup.ipt"
        run(exe, *common, "backup", "create", "-o", str(backup), env=env)
        verify = run(exe, *common, "backup", "verify", str(backup), env=env).stdout
        assert "1" in verify, f"backup verify printed {verify!r}"

        gui = run(exe, *common, "--smoke-test", env=env, timeout=180).stdout
        print(gui.strip().splitlines()[-1] if gui.strip() else "(no output)")
    print("bundle smoke test: all checks passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "dist/ipt-desktop"))
