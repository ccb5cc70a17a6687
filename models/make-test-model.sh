#!/usr/bin/env bash
# Makes the random-weight TorchScript ResNet50 that the tests load (never used unless named).
# Idempotent: does nothing when the file exists. Installs Debian's python3-torch when missing
# and this runs as root (CI); otherwise says what to install.
set -euo pipefail
out=${1:-"$(dirname "$0")/resnet50-random.pt"}
[ -s "$out" ] && exit 0
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
echo "make-test-model: tracing a random-weight ResNet50 into $out"
"$py" "$(dirname "$0")/export_resnet50.py" --weights random --out "$out"
