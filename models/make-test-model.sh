#!/usr/bin/env bash
# Makes the random-weight TorchScript ResNet50 that the tests load (never used unless named):
#   make-test-model.sh [FP32.pt [INT8.pt]]
# FP32.pt defaults to models/resnet50-random.pt. When INT8.pt is given (the test prerequisites
# pass models/resnet50-random-int8.pt), it also makes the int8 model with the same seeded weights,
# calibrated on 16 images of ../shared/data (NEARDUP_SHARED_DATA overrides the folder); that takes
# about 30 s on 2 cores.
# Idempotent: makes only the files that are missing. Installs Debian's python3-torch when missing
# and this runs as root (CI); otherwise says what to install.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out=${1:-"$here/resnet50-random.pt"}
int8=${2:-}
data=${NEARDUP_SHARED_DATA:-"$here/../../shared/data"}
need=()
[ -s "$out" ] || need+=("$out")
[ -z "$int8" ] || [ -s "$int8" ] || need+=("$int8")
[ ${#need[@]} -gt 0 ] || exit 0
py=/usr/bin/python3
if ! "$py" -c 'import torch, torchvision' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "make-test-model: installing Debian's python3-torch and python3-torchvision (~660 MB, once)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q python3-torch python3-torchvision >/dev/null
  else
    echo "make-test-model: $py cannot import torch/torchvision." >&2
    echo "  Install them (Debian: sudo apt-get install python3-torch python3-torchvision) and run again." >&2
    exit 1
  fi
fi
if [ ! -s "$out" ]; then
  echo "make-test-model: tracing a random-weight ResNet50 into $out"
  "$py" "$here/export_resnet50.py" --weights random --out "$out"
fi
if [ -n "$int8" ] && [ ! -s "$int8" ]; then
  if [ ! -d "$data" ]; then
    echo "make-test-model: no calibration images at $data (set NEARDUP_SHARED_DATA)" >&2
    exit 1
  fi
  echo "make-test-model: quantising the same random-weight ResNet50 to int8 into $int8"
  "$py" "$here/export_resnet50.py" --weights random --precision int8 --calibration "$data" \
    --calibration-count 16 --fidelity-count 16 --out "$int8" 2> >(grep -v '^  skipped' >&2)
fi
