#!/usr/bin/env python3
"""Export torchvision's ResNet50 as a TorchScript feature extractor for neardup.

The classification head is removed (fc = Identity), so the model maps an
Nx3x224x224 ImageNet-normalised float32 tensor to the 2048-d global-average-pool
output (float32 for every precision). neardup L2-normalises that vector itself.

Weights:
  --weights pretrained   torchvision's ImageNet weights (IMAGENET1K_V2). Needs the
                         weights file: internet access, or TORCH_HOME with it cached.
  --weights random       seeded random weights, offline. For tests and benchmarks
                         ONLY: the embeddings carry no meaning.

Precision:
  --precision fp32       torch.jit.trace of the float model (the default).
  --precision int8       FX post-training static quantisation for the onednn engine:
                         conv+bn+relu fused, per-channel int8 weights, uint8 activations
                         whose ranges are calibrated on real images (--calibration DIR),
                         then traced and frozen. Input and output stay float32.
  --precision bf16       bfloat16 weights and activations inside the model, float32
                         input and output, traced and frozen.

Calibration (int8 only): a documented, repeatable sample of DIR. Every image file
under DIR (recursively, .jpg/.jpeg/.png/.bmp/.webp), sorted by relative path, then
--calibration-count of them evenly spaced through that list. The sample's size, rule
and the files used are written into the model's metadata. Use a sample of the user's
own photos for a real model; the project-made test model uses ../shared/data.

For int8 and bf16 the script also measures the fidelity against the float model
with the same weights, on --fidelity-count other images of DIR (not the calibration
ones): mean and minimum cosine of the same image, the largest difference of any
pairwise cosine. With pretrained weights that is where the real fidelity is seen.

What the model is (weights, precision, calibration) is written into the TorchScript
archive itself (extra file "neardup.json"), so neardup can name it in every report,
record the precision in the index and refuse random weights unless asked by name.
"""
import argparse
import json
import os
import sys
import time

import torch
import torchvision

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".webp")
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


def float_model(args):
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
        # Same seed, same construction order as every earlier random export: the fp32, int8 and
        # bf16 test models share their weights, so their embeddings can be compared.
        torch.manual_seed(args.seed)
        model = torchvision.models.resnet50(weights=None)
        weights_tag = f"random:seed={args.seed}"
    model.fc = torch.nn.Identity()
    model.eval()
    return model, weights_tag


def image_files(folder):
    found = []
    for root, _, files in os.walk(folder):
        for name in files:
            if name.lower().endswith(IMAGE_SUFFIXES):
                found.append(os.path.relpath(os.path.join(root, name), folder))
    return sorted(found)


def evenly_spaced(items, count, offset=0.0):
    """count items spread evenly through the list; offset in [0, 1) shifts the picks."""
    if count >= len(items):
        return list(items)
    step = len(items) / count
    return [items[int(i * step + offset * step)] for i in range(count)]


def load_images(folder, names):
    """torchvision's ImageNet eval transform: what neardup's Java preprocessing mirrors."""
    from PIL import Image
    import torchvision.transforms as T

    transform = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize(MEAN, STD)])
    tensors, used = [], []
    for name in names:
        try:
            with Image.open(os.path.join(folder, name)) as im:
                tensors.append(transform(im.convert("RGB")))
                used.append(name)
        except Exception as e:  # an unreadable file is skipped, and not listed as used
            print(f"  skipped {name}: {e}", file=sys.stderr)
    if not tensors:
        sys.exit(f"no readable images among {len(names)} picked from {folder}")
    return torch.stack(tensors), used


def quantize_int8(model, batches):
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx

    if "onednn" not in torch.backends.quantized.supported_engines:
        sys.exit(f"this torch has no onednn quantized engine ({torch.backends.quantized.supported_engines})")
    torch.backends.quantized.engine = "onednn"
    # The onednn default qconfig: per-channel symmetric int8 weights, per-tensor uint8
    # activations (histogram observer). prepare_fx fuses conv+bn(+relu) itself.
    qconfig_mapping = get_default_qconfig_mapping("onednn")
    prepared = prepare_fx(model, qconfig_mapping, example_inputs=(batches[0][:1],))
    with torch.no_grad():
        for batch in batches:
            prepared(batch)
    return convert_fx(prepared)


class Bf16(torch.nn.Module):
    """bf16 inside, float32 at both ends: callers see the same interface as the fp32 model."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner.to(torch.bfloat16)

    def forward(self, x):
        return self.inner(x.to(torch.bfloat16)).float()


def cosine_rows(a, b):
    a = torch.nn.functional.normalize(a.float(), dim=1)
    b = torch.nn.functional.normalize(b.float(), dim=1)
    return (a * b).sum(dim=1), a @ a.T, b @ b.T


def fidelity(reference, reduced, x):
    with torch.no_grad():
        ref = reference(x)
        red = reduced(x)
    same, pairs_ref, pairs_red = cosine_rows(ref, red)
    return {
        "images": int(x.shape[0]),
        "mean_cosine": round(float(same.mean()), 6),
        "min_cosine": round(float(same.min()), 6),
        "max_pair_cosine_diff": round(float((pairs_ref - pairs_red).abs().max()), 6),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--weights", choices=["pretrained", "random"], required=True)
    p.add_argument("--precision", choices=["fp32", "int8", "bf16"], default="fp32")
    p.add_argument("--calibration", metavar="DIR",
                   help="int8: folder of real images to calibrate on (a sample of your own photos)")
    p.add_argument("--calibration-count", type=int, default=32, metavar="N",
                   help="int8: images picked evenly from DIR for calibration (default 32)")
    p.add_argument("--fidelity-count", type=int, default=32, metavar="N",
                   help="int8/bf16: other images of DIR to measure fidelity on; 0 skips (default 32)")
    p.add_argument("--freeze", action="store_true",
                   help="fp32: torch.jit.freeze the traced model (int8 and bf16 always are)")
    p.add_argument("--out", required=True, help="output .pt file")
    p.add_argument("--seed", type=int, default=42, help="seed for --weights random")
    args = p.parse_args()
    if args.precision == "int8" and not args.calibration:
        sys.exit("--precision int8 needs --calibration DIR: a folder of real images (e.g. a sample of"
                 " your photos; the project's test model uses ../shared/data)")
    if args.calibration and not os.path.isdir(args.calibration):
        sys.exit(f"--calibration {args.calibration} is not a folder")
    if args.calibration_count < 1:
        sys.exit(f"--calibration-count must be >= 1; got {args.calibration_count}")

    torch.set_num_threads(max(1, os.cpu_count() or 1))
    started = time.time()
    model, weights_tag = float_model(args)
    example = torch.zeros(1, 3, 224, 224)
    meta = {
        "architecture": "resnet50",
        "weights": args.weights,
        "weights_tag": weights_tag,
        "precision": args.precision,
        "output": "global-average-pool 2048-d (fc removed), float32",
        "input": "Nx3x224x224 float32, RGB, ImageNet mean/std",
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
    }

    held_out = None
    if args.calibration:
        files = image_files(args.calibration)
        if not files:
            sys.exit(f"no image files ({', '.join(IMAGE_SUFFIXES)}) under {args.calibration}")
        picked = evenly_spaced(files, args.calibration_count)
        rest = [f for f in files if f not in set(picked)]
        if args.fidelity_count > 0 and rest:
            held_out = evenly_spaced(rest, args.fidelity_count, offset=0.5)

    if args.precision == "int8":
        x, used = load_images(args.calibration, picked)
        batches = list(torch.split(x, 8))
        reduced = quantize_int8(model, batches)
        meta["quantization"] = {
            "method": "FX post-training static quantisation (prepare_fx/convert_fx)",
            "engine": "onednn",
            "qconfig": "get_default_qconfig_mapping('onednn'): per-channel symmetric int8 weights,"
                       " per-tensor uint8 activations, conv+bn+relu fused",
        }
        meta["calibration"] = {
            "folder": os.path.basename(os.path.normpath(args.calibration)),
            "rule": f"all {', '.join(IMAGE_SUFFIXES)} files under the folder, sorted by relative"
                    f" path, {args.calibration_count} picked evenly spaced",
            "images": len(used),
            "files": used,
            "transform": "Resize(256), CenterCrop(224), ToTensor, Normalize(ImageNet) on PIL",
        }
    elif args.precision == "bf16":
        import copy
        reduced = Bf16(copy.deepcopy(model)).eval()
    else:
        reduced = None

    with torch.no_grad():
        traced = torch.jit.trace(reduced if reduced is not None else model, example)
        if reduced is not None or args.freeze:
            traced = torch.jit.freeze(traced)
            meta["frozen"] = True
        out = traced(example)
    assert out.shape == (1, 2048), out.shape
    assert out.dtype == torch.float32, out.dtype

    if reduced is not None and held_out:
        x, used = load_images(args.calibration, held_out)
        fid = fidelity(model, traced, x)
        fid["weights"] = args.weights
        fid["note"] = ("images of the folder other than the calibration ones; with random weights"
                       " these figures say little about real use")
        meta["fidelity_vs_fp32"] = fid
        print(f"fidelity vs fp32 ({args.weights} weights, {fid['images']} held-out images): mean cosine"
              f" {fid['mean_cosine']:.4f}, min {fid['min_cosine']:.4f}, largest pairwise cosine"
              f" difference {fid['max_pair_cosine_diff']:.4f}")

    tmp = args.out + ".tmp"
    torch.jit.save(traced, tmp, _extra_files={"neardup.json": json.dumps(meta)})
    os.replace(tmp, args.out)
    print(f"wrote {args.out} ({args.weights} weights, {args.precision},"
          f" {os.path.getsize(args.out) / 1e6:.1f} MB, {time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
