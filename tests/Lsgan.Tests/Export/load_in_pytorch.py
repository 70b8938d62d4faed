"""Loads an lsgan generator export in PyTorch, as the README shows, and writes what it draws from given z.

usage: load_in_pytorch.py Z_FILE OUT_FILE WEIGHTS...
Each WEIGHTS is a generator.safetensors or generator.pt with its JSON beside it; Z_FILE holds z as raw
little-endian float32 [N, latent_dim]. OUT_FILE receives, for each WEIGHTS in turn, three float32 arrays
[N, C, H, W]: the README's architecture in eval mode, the same in train mode (batch statistics instead of the
running ones), and the architecture rebuilt from the JSON's "layers" in eval mode.
"""
import json
import os
import struct
import sys

import torch
from torch import nn


def load_safetensors(path):
    # The format: a little-endian u64 header size, a JSON header {name: {dtype, shape, data_offsets}}, the data.
    data = open(path, "rb").read()
    size = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + size])
    dtypes = {"F32": torch.float32, "I64": torch.int64}
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        raw = bytearray(data[8 + size + begin:8 + size + end])
        tensors[name] = torch.frombuffer(raw, dtype=dtypes[entry["dtype"]]).reshape(entry["shape"])
    return tensors


def mlp(z, c, s, bn=True):
    def block(i, o):
        return [nn.Linear(i, o), nn.LeakyReLU(0.2)] + ([nn.BatchNorm1d(o, momentum=0.2)] if bn else [])
    return nn.Sequential(*block(z, 256), *block(256, 512), *block(512, 1024),
                         nn.Linear(1024, c * s * s), nn.Tanh(), nn.Unflatten(1, (c, s, s)))


def dcgan(z, c, bn=True):
    def norm(n):
        return [nn.BatchNorm2d(n)] if bn else []
    return nn.Sequential(nn.Linear(z, 128 * 7 * 7), nn.Unflatten(1, (128, 7, 7)), *norm(128), nn.ReLU(),
                         nn.ConvTranspose2d(128, 64, 4, stride=2, padding=1), *norm(64), nn.ReLU(),
                         nn.ConvTranspose2d(64, c, 4, stride=2, padding=1), nn.Tanh())


def draw(weights, z_file):
    meta = json.load(open(os.path.splitext(weights)[0] + ".json"))
    state = load_safetensors(weights) if weights.endswith(".safetensors") else torch.load(weights, weights_only=True)
    latent, channels, size, bn = meta["latent_dim"], meta["channels"], meta["image_size"], meta["generator_batch_norm"]
    g = mlp(latent, channels, size, bn) if meta["model"] == "mlp" else dcgan(latent, channels, bn)
    g.load_state_dict(state)
    rebuilt = nn.Sequential(*[eval(layer, {"nn": nn}) for layer in meta["layers"]])
    rebuilt.load_state_dict(state)

    z = torch.frombuffer(bytearray(open(z_file, "rb").read()), dtype=torch.float32).reshape(-1, latent)
    with torch.no_grad():
        return [g.eval()(z), g.train()(z), rebuilt.eval()(z)]


def main(z_file, out_file, *weights):
    with open(out_file, "wb") as out:
        for path in weights:
            for x in draw(path, z_file):
                out.write(x.contiguous().numpy().astype("<f4").tobytes())


if __name__ == "__main__":
    main(*sys.argv[1:])
