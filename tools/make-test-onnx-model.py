#!/usr/bin/env python3
"""Writes the small ONNX models that tests/Lsgan.Tests/Features/OnnxFeatureExtractorTests.cs runs.

They stand in for an Inception-v3 export (input "images" [N, 3, 299, 299] float, output "pool3" [N, 2048]),
which cannot be downloaded here, with weights simple enough that the test computes the expected features
by hand. Needs only Debian's python3-onnx (onnx 1.12; `apt-get install -y python3-onnx`); run it again
only when the models must change, and commit the .onnx files it writes:

    /usr/bin/python3 tools/make-test-onnx-model.py tests/Lsgan.Tests/Features/OnnxModels

Files written:
  tiny-inception.onnx   images [N,3,299,299] -> pool3 [N,8] and pool3_4d [N,8,1,1] (the same values)
  tiny-any-size.onnx    the same graph with input [N,3,H,W] (no fixed size, like a resize-inside export)
  tiny-batch-of-4.onnx  the same graph with input [4,3,299,299] (exported with a fixed batch)
  wrong-channels.onnx   input [N,1,28,28]: not an RGB image model
  wrong-output.onnx     input as Inception, but output [N,3,299,299]: not a feature vector

tiny-inception's features: f = [mean_c(x), mean_c(x[:, :, 0:16, 0:16])] @ W + B, where mean_c is the
per-channel mean over the whole image (3 values) and over its top-left 16 x 16 corner (3 more). The corner
makes the features depend on where the resize puts pixels, not just on the image's average.
"""
import os
import sys

import onnx
from onnx import TensorProto, helper

# Opset 13: Slice and Unsqueeze take their axes as inputs; old enough for any ONNX Runtime.
OPSET = 13

# W is 6 x 8 (rows: R, G, B whole-image means, then R, G, B corner means), B has 8 entries.
# OnnxFeatureExtractorTests.cs holds the same numbers; change both together.
W = [
    [1.0, 0.0, 0.0, 0.5, -1.0, 0.0, 0.25, 2.0],
    [0.0, 1.0, 0.0, 0.5, 0.0, -1.0, 0.25, -2.0],
    [0.0, 0.0, 1.0, 0.5, 1.0, 1.0, 0.25, 0.0],
    [0.0, 0.0, 0.0, 0.0, 2.0, 0.0, -0.5, 1.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 2.0, -0.5, 0.0],
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, -1.0],
]
B = [0.0, 0.1, -0.1, 0.0, 0.5, -0.5, 0.0, 0.25]
CORNER = 16


def feature_model(batch, height, width):
    nodes = [
        # [N, 3, H, W] -> [N, 3, 1, 1] -> [N, 3]
        helper.make_node("GlobalAveragePool", ["images"], ["whole_mean"]),
        helper.make_node("Flatten", ["whole_mean"], ["whole"], axis=1),
        # [N, 3, 16, 16] -> [N, 3]
        helper.make_node("Slice", ["images", "corner_starts", "corner_ends", "corner_axes"], ["corner_pixels"]),
        helper.make_node("GlobalAveragePool", ["corner_pixels"], ["corner_mean"]),
        helper.make_node("Flatten", ["corner_mean"], ["corner"], axis=1),
        # [N, 6] @ [6, 8] + [8] -> [N, 8]
        helper.make_node("Concat", ["whole", "corner"], ["pooled"], axis=1),
        helper.make_node("MatMul", ["pooled", "W"], ["projected"]),
        helper.make_node("Add", ["projected", "B"], ["pool3"]),
        # [N, 8, 1, 1], the shape pytorch-fid's Inception returns before its squeeze
        helper.make_node("Unsqueeze", ["pool3", "spatial_axes"], ["pool3_4d"]),
    ]
    initializers = [
        helper.make_tensor("W", TensorProto.FLOAT, [6, 8], [w for row in W for w in row]),
        helper.make_tensor("B", TensorProto.FLOAT, [8], B),
        helper.make_tensor("corner_starts", TensorProto.INT64, [2], [0, 0]),
        helper.make_tensor("corner_ends", TensorProto.INT64, [2], [CORNER, CORNER]),
        helper.make_tensor("corner_axes", TensorProto.INT64, [2], [2, 3]),
        helper.make_tensor("spatial_axes", TensorProto.INT64, [2], [2, 3]),
    ]
    return helper.make_graph(
        nodes,
        "tiny_inception",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, [batch, 3, height, width])],
        [
            helper.make_tensor_value_info("pool3", TensorProto.FLOAT, [batch, 8]),
            helper.make_tensor_value_info("pool3_4d", TensorProto.FLOAT, [batch, 8, 1, 1]),
        ],
        initializers,
    )


def wrong_channels_model():
    return helper.make_graph(
        [
            helper.make_node("GlobalAveragePool", ["images"], ["mean"]),
            helper.make_node("Flatten", ["mean"], ["pool3"], axis=1),
        ],
        "wrong_channels",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, ["N", 1, 28, 28])],
        [helper.make_tensor_value_info("pool3", TensorProto.FLOAT, ["N", 1])],
    )


def wrong_output_model():
    return helper.make_graph(
        [helper.make_node("Relu", ["images"], ["pool3"])],
        "wrong_output",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, ["N", 3, 299, 299])],
        [helper.make_tensor_value_info("pool3", TensorProto.FLOAT, ["N", 3, 299, 299])],
    )


def save(graph, folder, name):
    model = helper.make_model(graph, producer_name="lsgan tools/make-test-onnx-model.py",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    # IR version 8 is what onnx 1.12 writes; pinned so a newer onnx makes byte-identical files.
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    path = os.path.join(folder, name)
    onnx.save(model, path)
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "tests/Lsgan.Tests/Features/OnnxModels"
    os.makedirs(folder, exist_ok=True)
    save(feature_model("N", 299, 299), folder, "tiny-inception.onnx")
    save(feature_model("N", "H", "W"), folder, "tiny-any-size.onnx")
    save(feature_model(4, 299, 299), folder, "tiny-batch-of-4.onnx")
    save(wrong_channels_model(), folder, "wrong-channels.onnx")
    save(wrong_output_model(), folder, "wrong-output.onnx")


if __name__ == "__main__":
    main()
