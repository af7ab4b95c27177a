"""Time the board paper (PDF and Word) for each sample case: CPU seconds, which a shared machine
disturbs less than wall-clock time. ``python benchmarks/paper_timing.py [--profile]``."""
from __future__ import annotations

import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from appraisal import appraise, load_case  # noqa: E402
from appraisal.report.docx import board_paper_docx_bytes  # noqa: E402
from appraisal.report.pdf import board_paper_bytes  # noqa: E402
from appraisal.resources import sample_cases  # noqa: E402


def main() -> None:
    print("| case | PDF CPU s | PDF wall s | Word CPU s |")
    print("| --- | --- | --- | --- |")
    for path in sample_cases():
        results = appraise(load_case(path))
        board_paper_bytes(results)                    # warm: fonts, imports
        cpu, wall = time.process_time(), time.perf_counter()
        board_paper_bytes(results)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        wcpu = time.process_time()
        board_paper_docx_bytes(results)
        wcpu = time.process_time() - wcpu
        print(f"| {path.stem} | {cpu:.2f} | {wall:.2f} | {wcpu:.2f} |", flush=True)
        if "--profile" in sys.argv and path.stem == "two_housing_associations":
            prof = cProfile.Profile()
            prof.runcall(board_paper_bytes, results)
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
