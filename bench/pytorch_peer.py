#!/usr/bin/env python3
"""Plain-PyTorch peer of lsgan's training step: images/s of one LSGAN step (update D, update G)
on CPU in float32, plus the machine's 2048^3 float32 GEMM rate and FLOPs per image per step, so
the C# bench can say what fraction of the GEMM rate each side turns into GAN training.

    python3 bench/pytorch_peer.py --threads 2 --json     # one JSON object on stdout
    python3 bench/pytorch_peer.py --threads 2 --serve    # blocks on request, for interleaved timing

Set up with bench/setup-pytorch.sh (Debian's python3-torch + OpenBLAS-openmp). Progress goes to
stderr; stdout carries only the JSON object (--json) or a table.
"""
import argparse
import ctypes
import json
import math
import os
import platform
import re
import resource
import statistics
import sys
import time

DEBIAN_PYTHON = "/usr/bin/python3"

try:
    import torch
    from torch import nn
except ImportError:
    # Debian's torch is only on /usr/bin/python3's path; a pyenv/venv python3 may come first in PATH.
    if os.path.exists(DEBIAN_PYTHON) and os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON):
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON, os.path.abspath(__file__), *sys.argv[1:]])
    sys.exit("pytorch_peer: torch is not importable; run bench/setup-pytorch.sh")

LATENT = 100


# ---- models (shapes per image in the comments) ----------------------------------------------

def mlp_generator():
    # Keras-GAN LSGAN; Keras BatchNormalization(momentum=0.8) keeps 0.8 of the running stats,
    # which is PyTorch's momentum=0.2.
    return nn.Sequential(
        nn.Linear(LATENT, 256), nn.LeakyReLU(0.2), nn.BatchNorm1d(256, momentum=0.2),    # 256
        nn.Linear(256, 512), nn.LeakyReLU(0.2), nn.BatchNorm1d(512, momentum=0.2),       # 512
        nn.Linear(512, 1024), nn.LeakyReLU(0.2), nn.BatchNorm1d(1024, momentum=0.2),     # 1024
        nn.Linear(1024, 784), nn.Tanh(), nn.Unflatten(1, (1, 28, 28)))                  # 1 x 28 x 28


def mlp_discriminator(batch_norm=False):
    # Keras-GAN's D has no batch norm; lsgan's MlpDiscriminator adds BatchNorm1d after each
    # LeakyReLU when DiscriminatorBatchNorm is on (--mlp-d-batchnorm).
    norm = (lambda width: [nn.BatchNorm1d(width)]) if batch_norm else (lambda width: [])
    return nn.Sequential(
        nn.Flatten(),                                                                    # 784
        nn.Linear(784, 512), nn.LeakyReLU(0.2), *norm(512),                              # 512
        nn.Linear(512, 256), nn.LeakyReLU(0.2), *norm(256),                              # 256
        nn.Linear(256, 1))                                  # 1, no sigmoid: least-squares loss


def dcgan_generator():
    return nn.Sequential(
        nn.Linear(LATENT, 128 * 7 * 7), nn.Unflatten(1, (128, 7, 7)),                    # 128 x 7 x 7
        nn.BatchNorm2d(128), nn.ReLU(),
        nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.ReLU(),             # 64 x 14 x 14
        nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())                                  # 1 x 28 x 28


def dcgan_discriminator():
    return nn.Sequential(
        nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),                                    # 64 x 14 x 14
        nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),             # 128 x 7 x 7
        nn.Flatten(), nn.Linear(128 * 7 * 7, 1))                                        # 1


SCENE_LATENT = 1024


def scene_generator(size, channels=3):
    # The LSGAN paper's scene G (lsgan's PaperSceneGenerator; the authors' vgg.py): TensorFlow's 'SAME' transposed
    # 3x3 convolution is padding 1, with output padding 1 where the stride is 2.
    s = size // 16
    layers = [nn.Linear(SCENE_LATENT, 256 * s * s), nn.Unflatten(1, (256, s, s)),                # 256 x S/16 x S/16
              nn.BatchNorm2d(256), nn.ReLU()]
    for c_in, c_out, stride in [(256, 256, 2), (256, 256, 1), (256, 256, 2), (256, 256, 1),    # 256 x S/8, S/8, S/4, S/4
                                (256, 128, 2), (128, 64, 2)]:                                  # 128 x S/2, 64 x S
        layers += [nn.ConvTranspose2d(c_in, c_out, 3, stride, 1, output_padding=stride - 1), nn.BatchNorm2d(c_out), nn.ReLU()]
    return nn.Sequential(*layers, nn.ConvTranspose2d(64, channels, 3, 1, 1), nn.Tanh())         # C x S x S


def scene_discriminator(size, channels=3):
    # The paper's scene D (lsgan's PaperSceneDiscriminator): 5x5 stride-2 convolutions, no batch norm on the first.
    layers, c_in = [], channels
    for i, width in enumerate([64, 128, 256, 512]):                                            # 64 x S/2 ... 512 x S/16
        layers += [nn.Conv2d(c_in, width, 5, 2, 2), *([nn.BatchNorm2d(width)] if i else []), nn.LeakyReLU(0.2)]
        c_in = width
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(512 * (size // 16) ** 2, 1))           # 1


def normal_noise(batch, latent):
    return torch.randn(batch, latent)


def uniform_noise(batch, latent):
    return torch.rand(batch, latent) * 2 - 1


class Case:
    """A model of the bench: its networks, z and how it is drawn, its images' shape and Adam's learning rate."""

    def __init__(self, make_g, make_d, latent, noise, image_shape, lr):
        self.make_g, self.make_d, self.latent, self.noise = make_g, make_d, latent, noise
        self.image_shape, self.lr = image_shape, lr


# paper-scene-S: `train --model paper-scene --image-size S --channels 3` with the authors' z ~ U(-1, 1)^1024 and Adam 1e-3.
MODELS = {"mlp": Case(mlp_generator, mlp_discriminator, LATENT, normal_noise, (1, 28, 28), 2e-4),
          "dcgan": Case(dcgan_generator, dcgan_discriminator, LATENT, normal_noise, (1, 28, 28), 2e-4),
          **{f"paper-scene-{s}": Case(lambda s=s: scene_generator(s), lambda s=s: scene_discriminator(s),
                                      SCENE_LATENT, uniform_noise, (3, s, s), 1e-3) for s in (32, 64, 112)}}


def init_weights(module):
    # As lsgan's ModelFactory: N(0, 0.02) weights, zero biases; batch norm scale N(1, 0.02), shift 0.
    if isinstance(module, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(module.weight, 0.0, 0.02)
        nn.init.zeros_(module.bias)
    elif isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)


# ---- FLOP convention ------------------------------------------------------------------------

def forward_macs_per_image(model, input_shape):
    """Multiply-accumulates of one forward pass for one image, from the layer shapes only.

    Linear: in * out. Conv2d: out_h * out_w * out_c * (in_c / groups) * k_h * k_w.
    ConvTranspose2d: in_h * in_w * in_c * (out_c / groups) * k_h * k_w (every input pixel is
    scattered over a k_h x k_w patch of each output channel). Biases, batch norm and activations
    are not counted.
    """
    macs = []

    def hook(layer, inputs, output):
        if isinstance(layer, nn.Linear):
            macs.append(layer.in_features * layer.out_features)
        elif isinstance(layer, nn.Conv2d):
            k = layer.kernel_size[0] * layer.kernel_size[1]
            macs.append(output[0].numel() * (layer.in_channels // layer.groups) * k)
        elif isinstance(layer, nn.ConvTranspose2d):
            k = layer.kernel_size[0] * layer.kernel_size[1]
            macs.append(inputs[0][0].numel() * (layer.out_channels // layer.groups) * k)

    handles = [m.register_forward_hook(hook) for m in model.modules()
               if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d))]
    was_training = model.training
    model.eval()  # batch norm in training mode rejects a batch of one
    with torch.no_grad():
        model(torch.zeros(1, *input_shape))
    model.train(was_training)
    for h in handles:
        h.remove()
    return sum(macs)


def flops_per_image_step(g_macs, d_macs):
    """FLOPs of one training step per image: 1 FLOP-pair = 1 MAC, a backward ~ 2x its forward.

    G: one forward + one backward (from loss_G)        = 3 * 2 * g_macs
    D: three forwards (real, detached fake, fake), each with a backward (the first two into D's
       weights, the third through D into G)            = 3 * 3 * 2 * d_macs
    """
    return 6 * g_macs + 18 * d_macs


# ---- the step -------------------------------------------------------------------------------

def discriminator_loss(d_real, d_fake):
    # Least squares with a=0 (fake), b=1 (real), as in Mao et al. 2017, eq. (9).
    return 0.5 * torch.mean((d_real - 1) ** 2) + 0.5 * torch.mean(d_fake ** 2)


def generator_loss(d_gen):
    return 0.5 * torch.mean((d_gen - 1) ** 2)  # c = 1


def batches(data, batch):
    """Endless batches: a fresh permutation each epoch, gathered with index_select; drops the tail."""
    while True:
        perm = torch.randperm(data.shape[0])
        for start in range(0, data.shape[0] - batch + 1, batch):
            yield data.index_select(0, perm[start:start + batch])


def build(model, args):
    case = MODELS[model]
    return case.make_g(), case.make_d(batch_norm=args.mlp_d_batchnorm) if model == "mlp" else case.make_d()


def gan_step(generator, discriminator, opt_g, opt_d, real, z):
    """(1) update D on real and G(z); (2) update G through the updated D. Returns both losses."""
    fake = generator(z)
    loss_d = discriminator_loss(discriminator(real), discriminator(fake.detach()))
    discriminator.zero_grad(set_to_none=True)  # PyTorch 2.x's default (1.13's was False)
    loss_d.backward()
    opt_d.step()
    loss_g = generator_loss(discriminator(fake))
    generator.zero_grad(set_to_none=True)
    loss_g.backward()
    opt_g.step()
    return loss_d, loss_g


def make_trainer(model, batch, data, args):
    generator, discriminator = build(model, args)
    generator.apply(init_weights)
    discriminator.apply(init_weights)
    generator.train()
    discriminator.train()
    case = MODELS[model]
    opt_g = torch.optim.Adam(generator.parameters(), lr=case.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=case.lr, betas=(0.5, 0.999))
    if tuple(data.shape[1:]) != case.image_shape:
        data = torch.rand(8 * batch, *case.image_shape) * 2 - 1  # eight batches of synthetic images of the case's shape
    reals = batches(data, batch)
    log = []

    def step():
        x = next(reals)
        loss_d, loss_g = gan_step(generator, discriminator, opt_g, opt_d, x, case.noise(batch, case.latent))
        log.append((loss_d.item(), loss_g.item()))  # a real trainer logs every step

    return step, log


# ---- the Gaussian-mixture step (lsgan mixture) -------------------------------------------------

MIXTURE_LATENT, MIXTURE_HIDDEN, MIXTURE_MODES, MIXTURE_STD = 256, 128, 8, 0.01


def tanh_mlp(inputs, outputs):
    # lsgan's TanhMlp: two hidden layers of 128 tanh units, linear output; orthogonal weights x 1.4, zero biases.
    net = nn.Sequential(nn.Linear(inputs, MIXTURE_HIDDEN), nn.Tanh(), nn.Linear(MIXTURE_HIDDEN, MIXTURE_HIDDEN),
                        nn.Tanh(), nn.Linear(MIXTURE_HIDDEN, outputs))
    for layer in net:
        if isinstance(layer, nn.Linear):
            nn.init.orthogonal_(layer.weight, gain=1.4)
            nn.init.zeros_(layer.bias)
    return net


def make_mixture_trainer(batch):
    """lsgan mixture's step: fresh points of the ring of 8 (radius 1, sigma 0.01) and z each step, D's update then
    G's through the updated D; Adam beta1 0.5, lr 1e-4 for D and 1e-3 for G. Losses are read only at the end
    (lsgan reads them only at its evaluations)."""
    generator, discriminator = tanh_mlp(MIXTURE_LATENT, 2), tanh_mlp(2, 1)
    opt_g = torch.optim.Adam(generator.parameters(), lr=1e-3, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=1e-4, betas=(0.5, 0.999))
    angles = torch.arange(MIXTURE_MODES, dtype=torch.float64) * (2 * math.pi / MIXTURE_MODES)
    centres = torch.stack([angles.cos(), angles.sin()], 1).float()
    log = []

    def step():
        real = centres.index_select(0, torch.randint(0, MIXTURE_MODES, (batch,))) + MIXTURE_STD * torch.randn(batch, 2)
        loss_d, loss_g = gan_step(generator, discriminator, opt_g, opt_d, real, torch.randn(batch, MIXTURE_LATENT))
        log[:] = [(loss_d.detach(), loss_g.detach())]

    return step, log


def finite(log):
    return all(math.isfinite(float(v)) for pair in log[-1:] for v in pair)


def time_case(model, batch, data, args):
    step, log = make_trainer(model, batch, data, args)
    for _ in range(args.warmup):
        step()
    steps = args.steps_per_block
    if steps <= 0:  # auto: about --block-seconds per block, judged from one more step
        t0 = time.perf_counter()
        step()
        steps = max(3, round(args.block_seconds / (time.perf_counter() - t0)))
    rates, cpu_shares = [], []
    for _ in range(args.blocks):
        c0, t0 = cpu_seconds(), time.perf_counter()
        for _ in range(steps):
            step()
        wall = time.perf_counter() - t0
        rates.append(steps * batch / wall)
        cpu_shares.append((cpu_seconds() - c0) / (wall * torch.get_num_threads()))
    if not all(math.isfinite(v) for pair in log for v in pair):
        raise RuntimeError(f"{model} batch {batch}: a loss is not finite")
    return {"img_s_median": statistics.median(rates), "img_s_min": min(rates), "img_s_max": max(rates),
            "img_s_blocks": rates, "cpu_share_blocks": cpu_shares, "steps_per_block": steps,
            "last_losses": {"d": log[-1][0], "g": log[-1][1]}}


def cpu_seconds():
    """User + system CPU time of this process, all threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# ---- machine facts --------------------------------------------------------------------------

def gemm_gflops(n=2048, warmup=3, reps=10):
    """float32 n x n @ n x n on the current thread count: 2 n^3 FLOPs per product, median rate."""
    a, b = torch.randn(n, n), torch.randn(n, n)
    c = torch.empty(n, n)
    times = []
    for i in range(warmup + reps):
        t0 = time.perf_counter()
        torch.mm(a, b, out=c)
        if i >= warmup:
            times.append(time.perf_counter() - t0)
    rates = [2 * n ** 3 / t / 1e9 for t in times]
    return {"n": n, "reps": reps, "median": statistics.median(rates), "min": min(rates), "max": max(rates)}


def blas_facts():
    """Which BLAS torch actually calls: build info, the alternatives link, the library mapped in."""
    multiarch = f"{platform.machine()}-linux-gnu"
    alternative = os.path.realpath(f"/etc/alternatives/libblas.so.3-{multiarch}")
    config = torch.__config__.show()
    build = ", ".join(re.findall(r"\b(?:BLAS|LAPACK)_INFO=\w+", config)) or "BLAS_INFO not reported"
    with open("/proc/self/maps") as maps:
        mapped = sorted({line.split()[-1] for line in maps
                         if "blas" in line.lower() or "lapack" in line.lower()})
    core = config_str = None
    for path in mapped:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            core = lib.openblas_get_corename().decode()
            config_str = lib.openblas_get_config().decode()
            break
        except (OSError, AttributeError):
            continue
    summary = f"{config_str or 'not OpenBLAS'} core={core} via {alternative} ({build})"
    backend = next((l.strip() for l in torch.__config__.parallel_info().splitlines()
                    if l.startswith("ATen parallel backend")), "?")
    return summary, {"build": build, "libblas_alternative": alternative, "mapped": mapped,
                     "openblas_config": config_str, "openblas_core": core, "parallel_backend": backend,
                     "mkldnn": torch.backends.mkldnn.is_available(),
                     "openblas_env": {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS_")}}


# ---- command line ---------------------------------------------------------------------------

def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=os.cpu_count(),
                   help="torch.set_num_threads; Debian's build starts with 1 (default: all cores)")
    p.add_argument("--batches", default="64,256", help="comma-separated batch sizes")
    p.add_argument("--models", default="mlp,dcgan", help=f"comma-separated, of {','.join(MODELS)}")
    p.add_argument("--warmup", type=int, default=10, help="untimed steps per case (allocator, oneDNN caches)")
    p.add_argument("--blocks", type=int, default=5, help="timed blocks per case; median/min/max over them")
    p.add_argument("--steps-per-block", type=int, default=0, help="0: auto, about --block-seconds a block")
    p.add_argument("--block-seconds", type=float, default=3.0, help="target length of an auto-sized block")
    p.add_argument("--dataset-size", type=int, default=60000, help="synthetic reals; MNIST's train size")
    p.add_argument("--mlp-d-batchnorm", action="store_true",
                   help="BatchNorm1d after the mlp D's hidden layers, as lsgan's DiscriminatorBatchNorm")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.add_argument("--serve", action="store_true",
                   help="print the machine facts as one JSON line, then for each stdin line "
                        "'MODEL BATCH STEPS' time that many steps and answer one JSON line (MODEL may also be "
                        "'mixture': lsgan mixture's step)")
    p.add_argument("--describe", metavar="MODEL",
                   help="print MODEL's parameter shapes and forward MACs per image as one JSON object, then stop")
    p.add_argument("--dry-run", action="store_true",
                   help="one step per case, a small data set and GEMM: checks that it runs, times nothing")
    args = p.parse_args()
    if args.dry_run:
        args.warmup, args.blocks, args.steps_per_block, args.dataset_size = 0, 1, 1, 512
    args.batches = [int(b) for b in args.batches.split(",")]
    args.models = args.models.split(",")
    errors = [f"unknown model {m}" for m in args.models + ([args.describe] if args.describe else []) if m not in MODELS]
    errors += [f"batch {b} not in 2..{args.dataset_size}" for b in args.batches if not 2 <= b <= args.dataset_size]
    errors += [f"--{k} must be >= 1" for k in ("threads", "blocks") if getattr(args, k) < 1]
    if errors:
        p.error("; ".join(errors))
    return args


def serve(args, facts, data):
    """Answers timing requests one line at a time, so that a caller can interleave our blocks with its own:
    the machine's speed drifts over minutes, and blocks timed minutes apart would carry that drift into the
    ratio. A case's trainer is built and warmed up on its first request, outside the timed steps."""
    print(json.dumps(facts), flush=True)
    trainers = {}
    for line in sys.stdin:
        model, batch, steps = line.split()
        batch, steps = int(batch), int(steps)
        if (model, batch) not in trainers:
            step, log = make_mixture_trainer(batch) if model == "mixture" else make_trainer(model, batch, data, args)
            for _ in range(args.warmup):
                step()
            trainers[model, batch] = step, log
        step, log = trainers[model, batch]
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        wall = time.perf_counter() - t0
        print(json.dumps({"model": model, "batch": batch, "steps": steps, "img_s": steps * batch / wall,
                          "finite": finite(log)}), flush=True)


def describe(model, args):
    """The networks as the tests compare them with lsgan's: parameter and buffer shapes in order, and forward MACs."""
    generator, discriminator = build(model, args)
    case = MODELS[model]
    shapes = lambda net: [list(t.shape) for t in [*net.parameters(), *net.buffers()] if t.dim() > 0]
    return {"model": model, "generator": shapes(generator), "discriminator": shapes(discriminator),
            "g_fwd_macs": forward_macs_per_image(generator, (case.latent,)),
            "d_fwd_macs": forward_macs_per_image(discriminator, case.image_shape)}


def main():
    args = parse_args()
    if args.describe:
        print(json.dumps(describe(args.describe, args)))
        return
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    load_start = os.getloadavg()
    blas, blas_detail = blas_facts()
    print(f"pytorch_peer: torch {torch.__version__}, {args.threads} threads, {blas}", file=sys.stderr)
    gemm = gemm_gflops(n=256, warmup=0, reps=1) if args.dry_run else gemm_gflops()
    print(f"pytorch_peer: GEMM {gemm['n']}^3 {gemm['median']:.1f} GFLOP/s", file=sys.stderr)
    # The BLAS's best on a large product: one of the bench's estimates of the machine's peak (best, not median,
    # because a peak is what the hardware can do when nothing disturbs it).
    peak_gemm = gemm_gflops(n=256, warmup=0, reps=1) if args.dry_run else gemm_gflops(n=4096, warmup=1, reps=5)
    print(f"pytorch_peer: GEMM {peak_gemm['n']}^3 best {peak_gemm['max']:.1f} GFLOP/s", file=sys.stderr)
    blas, blas_detail = blas_facts()  # again: the BLAS library is mapped only after the first matmul

    models = {}
    for name in args.models:
        generator, discriminator = build(name, args)
        case = MODELS[name]
        g, d = forward_macs_per_image(generator, (case.latent,)), forward_macs_per_image(discriminator, case.image_shape)
        models[name] = {"g_fwd_macs": g, "d_fwd_macs": d, "flops_per_image_step": flops_per_image_step(g, d)}

    data = torch.rand(args.dataset_size, 1, 28, 28) * 2 - 1
    if args.serve:
        serve(args, {"peer": "pytorch", "torch_version": torch.__version__, "python": platform.python_version(),
                     "threads": torch.get_num_threads(), "blas": blas, "blas_detail": blas_detail,
                     "gemm_gflops": gemm["median"], "gemm": gemm, "peak_gemm": peak_gemm, "models": models}, data)
        return
    cases = []
    for name in args.models:
        for batch in args.batches:
            # The machine is shared: a GEMM rate taken just before the case follows the load better.
            adjacent = gemm["median"] if args.dry_run else gemm_gflops(warmup=1, reps=5)["median"]
            result = time_case(name, batch, data, args)
            flops = models[name]["flops_per_image_step"]
            gflops = result["img_s_median"] * flops / 1e9
            case = {"model": name, "batch": batch, **result, "flops_per_image_step": flops, "gflops": gflops,
                    "fraction_of_gemm": gflops / gemm["median"],
                    "gemm_gflops_adjacent": adjacent, "fraction_of_adjacent_gemm": gflops / adjacent}
            cases.append(case)
            print(f"pytorch_peer: {name:5} batch {batch:4}: {case['img_s_median']:8.1f} img/s "
                  f"[{case['img_s_min']:.1f}..{case['img_s_max']:.1f}] {case['fraction_of_gemm']:.2f} of GEMM "
                  f"({case['fraction_of_adjacent_gemm']:.2f} of {adjacent:.0f} GFLOP/s just before)",
                  file=sys.stderr)

    report = {"peer": "pytorch", "torch_version": torch.__version__, "python": platform.python_version(),
              "threads": torch.get_num_threads(), "blas": blas, "blas_detail": blas_detail,
              "gemm_gflops": gemm["median"], "gemm": gemm, "models": models, "cases": cases,
              "settings": {"warmup": args.warmup, "blocks": args.blocks, "dataset_size": args.dataset_size,
                           "seed": args.seed, "dry_run": args.dry_run, "mlp_d_batchnorm": args.mlp_d_batchnorm, "dtype": "float32", "device": "cpu"},
              "loadavg_start": load_start, "loadavg_end": os.getloadavg()}
    if args.json:
        json.dump(report, sys.stdout, indent=1)
        print()
        return
    print(f"torch {report['torch_version']}  threads {report['threads']}  GEMM {gemm['median']:.1f} GFLOP/s")
    print(f"BLAS {blas}")
    for name, m in models.items():
        print(f"{name}: G fwd {m['g_fwd_macs']:,} MACs, D fwd {m['d_fwd_macs']:,} MACs, "
              f"{m['flops_per_image_step']:,} FLOPs/image/step")
    print(f"{'model':6} {'batch':>5} {'img/s':>9} {'min':>9} {'max':>9} {'GFLOP/s':>8} {'of GEMM':>7} {'of adj.':>7}")
    for c in cases:
        print(f"{c['model']:6} {c['batch']:5} {c['img_s_median']:9.1f} {c['img_s_min']:9.1f} "
              f"{c['img_s_max']:9.1f} {c['gflops']:8.1f} {c['fraction_of_gemm']:7.2f} "
              f"{c['fraction_of_adjacent_gemm']:7.2f}")


if __name__ == "__main__":
    main()
