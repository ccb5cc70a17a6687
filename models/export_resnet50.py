#!/usr/bin/env python3
"""Export torchvision's ResNet50 as a TorchScript feature extractor for neardup.

The classification head is removed (fc = Identity), so the model maps a
1x3x224x224 ImageNet-normalised tensor to the 2048-d global-average-pool output.
neardup L2-normalises that vector itself.

Modes:
  --weights pretrained   torchvision's ImageNet weights (IMAGENET1K_V2). Needs the
                         weights file: internet access, or TORCH_HOME with it cached.
  --weights random       seeded random weights, offline. For tests and benchmarks
                         ONLY: the embeddings carry no meaning.

What the weights are is written into the TorchScript archive itself
(extra file "neardup.json"), so neardup can name it in every report and refuse to
use random weights unless asked for by name.
"""
import argparse
import json
import os
import sys

import torch
import torchvision


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--weights", choices=["pretrained", "random"], required=True)
    p.add_argument("--out", required=True, help="output .pt file")
    p.add_argument("--seed", type=int, default=42, help="seed for --weights random")
    args = p.parse_args()

    if args.weights == "pretrained":
        try:
            weights = torchvision.models.ResNet50_Weights.IMAGENET1K_V2
            model = torchvision.models.resnet50(weights=weights)
            weights_tag = "torchvision:" + str(weights)
        except Exception as e:  # no network, no cached file
            sys.exit(f"could not load the pretrained ResNet50 weights ({e}).\n"
                     "Run this on a machine with internet access (or with TORCH_HOME holding "
                     "resnet50-11ad3fa6.pth) and copy the .pt file into models/.")
    else:
        torch.manual_seed(args.seed)
        model = torchvision.models.resnet50(weights=None)
        weights_tag = f"random:seed={args.seed}"

    model.fc = torch.nn.Identity()
    model.eval()
    example = torch.zeros(1, 3, 224, 224)
    with torch.no_grad():
        traced = torch.jit.trace(model, example)
        out = traced(example)
    assert out.shape == (1, 2048), out.shape

    meta = {
        "architecture": "resnet50",
        "weights": args.weights,
        "weights_tag": weights_tag,
        "output": "global-average-pool 2048-d (fc removed)",
        "input": "1x3x224x224 float32, RGB, ImageNet mean/std",
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
    }
    tmp = args.out + ".tmp"
    torch.jit.save(traced, tmp, _extra_files={"neardup.json": json.dumps(meta)})
    os.replace(tmp, args.out)
    print(f"wrote {args.out} ({args.weights} weights, {os.path.getsize(args.out) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
