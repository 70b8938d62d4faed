#!/usr/bin/env bash
# GAN vs LSGAN on Stacked MNIST (docs/stacked-mnist.md): dcgan, 1 epoch (937 steps at batch 64), seeds 0-2, the two
# losses of a seed at a time on one thread each, each run evaluated on 26,000 samples as soon as it ends.
# Usage: bash docs/stacked-mnist-runs.sh OUT_DIR [lsgan command]   then: python3 docs/stacked-mnist-table.py OUT_DIR
set -u
out="${1:?output directory}"; lsgan="${2:-./lsgan}"
mkdir -p "$out"
run() {
  local loss=$1 seed=$2
  $lsgan train --dataset stacked-mnist --model dcgan --loss "$loss" --seed "$seed" --epochs 1 --threads 1 --out "$out/$loss-seed$seed" > "$out/$loss-seed$seed.log" 2>&1
  $lsgan evaluate --run "$out/$loss-seed$seed" --threads 1 > "$out/$loss-seed$seed.eval.log" 2>&1
}
for seed in 0 1 2; do
  run ls "$seed" & run bce "$seed" & wait
done
