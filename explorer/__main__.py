"""``python -m explorer``: serve the analyst explorer over a published warehouse on 127.0.0.1."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m explorer",
        description="Serve the analyst explorer (Streamlit) over a published warehouse: totals, a map and a timeline, "
                    "filterable events, and every figure's sentences. The file is opened read-only for each read and "
                    "a new build shows by itself; builds never wait for the explorer.")
    parser.add_argument("--warehouse", type=Path, default=Path("warehouse/warehouse.duckdb"),
                        help="the published .duckdb file (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8501, help="port on 127.0.0.1 (default: %(default)s)")
    parser.add_argument("--address", default="127.0.0.1",
                        help="address to listen on (default: %(default)s, this machine only)")
    return parser.parse_args(argv)


def streamlit_command(args: argparse.Namespace) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(APP),
            "--server.address", args.address, "--server.port", str(args.port), "--server.headless", "true",
            "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
            "--global.developmentMode", "false", "--client.toolbarMode", "viewer"]


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    env = {**os.environ, "EXPLORER_WAREHOUSE": str(args.warehouse.expanduser().resolve()),
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(APP.parent.parent), os.environ.get("PYTHONPATH")]))}
    print(f"explorer: {args.warehouse} on http://{args.address}:{args.port} (Ctrl-C to stop)", flush=True)
    os.execve(sys.executable, streamlit_command(args), env)


if __name__ == "__main__":
    main()
