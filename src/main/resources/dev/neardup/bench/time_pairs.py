"""Times the users' own pixel check (the functions of bin/exhaustive-baseline.py, imported, not
copied) on the pairs `neardup bench pixeldiff --against` times in Java.

    python3 time_pairs.py SCRIPT FRAMES PAIRS FRACTION REPEATS

FRAMES: one image path a line. PAIRS: "i j" a line (indexes into FRAMES). Prints one JSON object:
the ms per pair of each repeat (the whole pair list timed once per repeat, after one warm-up pass)
and how many pairs the script calls duplicates.
"""
import importlib.util
import json
import sys
import time

import numpy as np


def main():
    script, frames, pairs, fraction, repeats = sys.argv[1:6]
    spec = importlib.util.spec_from_file_location("baseline", script)
    baseline = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(baseline)
    with open(frames) as f:
        images = [baseline.load(line.rstrip("\n")) for line in f if line.strip()]
    with open(pairs) as f:
        todo = [tuple(int(v) for v in line.split()) for line in f if line.strip()]
    fraction = float(fraction)
    kernel = np.ones((3, 3), np.uint8)  # as the script's main() makes it
    duplicates = sum(1 for i, j in todo if baseline.duplicate(images[i], images[j], fraction, kernel))
    runs = []
    for _ in range(int(repeats)):
        t = time.perf_counter_ns()
        for i, j in todo:
            baseline.duplicate(images[i], images[j], fraction, kernel)
        runs.append((time.perf_counter_ns() - t) / 1e6 / len(todo))
    import cv2

    print(json.dumps({"ms_per_pair": runs, "duplicates": duplicates, "opencv": cv2.__version__}))


if __name__ == "__main__":
    main()
