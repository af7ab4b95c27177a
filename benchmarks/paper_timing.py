"""Time the board paper (PDF and Word) for each sample case: CPU seconds, which a shared machine
disturbs less than wall-clock time, and wall-clock seconds.

``python benchmarks/paper_timing.py [--runs N] [--case STEM] [--profile]``. For each case the first PDF made in
the process is timed on its own ("first": fonts, imports and text measurements still to be made,
as for a command-line run), then the best of ``N`` further PDFs (default 3) and one Word file.
"""
from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from appraisal import appraise, load_case  # noqa: E402
from appraisal.report.docx import board_paper_docx_bytes  # noqa: E402
from appraisal.report.pdf import board_paper_bytes  # noqa: E402
from appraisal.resources import sample_cases  # noqa: E402


def _timed(make, results) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    make(results)
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    print(f"load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "")
    print(f"| case | first PDF CPU / wall s | PDF CPU s, best of {runs} | PDF wall s, best of "
          f"{runs} | Word CPU s |")
    print("| --- | --- | --- | --- | --- |")
    only = sys.argv[sys.argv.index("--case") + 1] if "--case" in sys.argv else None
    for path in sample_cases():
        if only and path.stem != only:
            continue
        results = appraise(load_case(path))
        first = _timed(board_paper_bytes, results)
        times = [_timed(board_paper_bytes, results) for _ in range(runs)]
        wcpu, _ = _timed(board_paper_docx_bytes, results)
        print(f"| {path.stem} | {first[0]:.2f} / {first[1]:.2f} | {min(t[0] for t in times):.2f} "
              f"| {min(t[1] for t in times):.2f} | {wcpu:.2f} |", flush=True)
        if "--profile" in sys.argv and path.stem == "two_housing_associations":
            prof = cProfile.Profile()
            prof.runcall(board_paper_bytes, results)
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
