#!/usr/bin/env python3
"""The camera users' own method, as a plain Python/OpenCV script: the baseline of
docs/benchmarks.md ("JVM start included"). Frames in name order; each frame is compared with every
kept frame, oldest first, by the classic pixel-diff check (gray, border mask 5,10,5,0 %, absdiff,
threshold 45, two 3x3 dilations, external contours, summed area <= fraction * w * h); a frame is
kept when none is a duplicate. Prints the number of kept frames.

    /usr/bin/python3 bin/exhaustive-baseline.py DIR --fraction 0.05
Needs Debian's python3-opencv.
"""
import argparse
import os
import sys

import cv2
import numpy as np


def load(path):
    # Decoded in colour, then converted, as neardup's check does: decoding straight to gray
    # (IMREAD_GRAYSCALE) takes libjpeg's luma, which rounds differently, and on 1,200 re-encoded
    # pets2001 frames at 0.01 kept one frame more than the check's definition.
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    if img is None:
        sys.exit("cannot read " + path)
    img = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    h, w = img.shape
    l, t, r = int(w * 0.05), int(h * 0.10), int(w * 0.05)
    img[:, :l] = 0
    img[:t, :] = 0
    if r:
        img[:, w - r:] = 0
    return img


def duplicate(a, b, fraction, kernel):
    diff = cv2.absdiff(a, b)
    _, mask = cv2.threshold(diff, 45, 255, cv2.THRESH_BINARY)
    mask = cv2.dilate(mask, kernel, iterations=2)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    score = sum(cv2.contourArea(c) for c in contours)
    return score <= fraction * a.shape[0] * a.shape[1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("--fraction", type=float, default=0.05)
    args = p.parse_args()
    names = sorted(n for n in os.listdir(args.folder) if n.lower().endswith((".jpg", ".png")))
    kernel = np.ones((3, 3), np.uint8)
    kept = []
    for n in names:
        img = load(os.path.join(args.folder, n))
        if not any(duplicate(k, img, args.fraction, kernel) for k in kept):
            kept.append(img)
    print(len(kept))


if __name__ == "__main__":
    main()
