#!/usr/bin/env bash
# GAN vs LSGAN on Stacked MNIST: dcgan, 100 steps at batch 64 (6,400 images), seeds 0-2, all six at once, each evaluated
# on 26,000 samples as soon as it ends.
cd /tmp/stacked-runs
for loss in ls bce; do
  for seed in 0 1 2; do
    ( start=$(date +%s)
      nice -n 10 dotnet /tmp/stacked-cli/Lsgan.Cli.dll train --dataset stacked-mnist --model dcgan --loss $loss --seed $seed \
        --epochs 1 --max-steps 100 --threads 1 --data-dir /tmp/lsgan-test-datasets --out /tmp/stacked-runs/$loss-seed$seed > /tmp/stacked-runs/$loss-seed$seed.log 2>&1
      echo "train $loss seed $seed exit $? wall $(( $(date +%s) - start )) s load $(uptime)" >> /tmp/stacked-runs/times.txt
      start=$(date +%s)
      nice -n 10 dotnet /tmp/stacked-cli/Lsgan.Cli.dll evaluate --run /tmp/stacked-runs/$loss-seed$seed --threads 1 \
        --data-dir /tmp/lsgan-test-datasets > /tmp/stacked-runs/$loss-seed$seed.eval.log 2>&1
      echo "evaluate $loss seed $seed exit $? wall $(( $(date +%s) - start )) s load $(uptime)" >> /tmp/stacked-runs/times.txt ) &
  done
done
wait
