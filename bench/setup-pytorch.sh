#!/usr/bin/env bash
# Installs the plain-PyTorch peer for bench/pytorch_peer.py from Debian's packages and
# selects the OpenMP build of OpenBLAS as the system BLAS/LAPACK. Safe to run again.
#
# Why OpenBLAS-openmp: Debian's torch links the generic libblas.so.3 / liblapack.so.3, which
# the alternatives system points at one provider. The reference BLAS (libblas3) is ~30x slower
# on GEMM, and the pthread OpenBLAS spins its own threads against torch's OpenMP pool (~2x slower).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

arch="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)"
wanted=(python3-torch libopenblas0-openmp)

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  echo "setup-pytorch: installing ${missing[*]}"
  # Package lists of our own (Dir::State::Lists), never the system's: this script must not change what the
  # machine's apt-get sees (a system 'apt-get update' is not ours to run). Fetched once, kept for later runs.
  lists="${LSGAN_APT_LISTS:-/tmp/lsgan-apt-lists}"
  mkdir -p "$lists/partial"
  apt=(apt-get -o "Dir::State::Lists=$lists")
  if ! apt-cache -o "Dir::State::Lists=$lists" policy python3-torch 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    "${apt[@]}" update -q
  fi
  "${apt[@]}" install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup-pytorch: ${wanted[*]} already installed"
fi

# Point libblas.so.3 and liblapack.so.3 at the OpenMP OpenBLAS, whatever else is installed
# (a pthread or serial variant would win on priority or an earlier manual choice).
for lib in libblas.so.3 liblapack.so.3; do
  name="${lib}-${arch}"
  base="${lib%.so.3}"
  target="/usr/lib/${arch}/openblas-openmp/${lib}"
  [[ -e "$target" ]] || { echo "setup-pytorch: missing $target" >&2; exit 1; }
  if [[ "$(readlink -f "/etc/alternatives/${name}")" != "$(readlink -f "$target")" ]]; then
    update-alternatives --set "$name" "$target"
  fi
  echo "setup-pytorch: ${name} -> $(readlink -f "/etc/alternatives/${name}")"
done

# Debian's torch lives in /usr/lib/python3/dist-packages, visible to /usr/bin/python3 only
# (a pyenv or venv python3 earlier in PATH does not see it; pytorch_peer.py re-executes itself
# under /usr/bin/python3 when it cannot import torch).
/usr/bin/python3 - <<'PY'
import torch
print(f"setup-pytorch: torch {torch.__version__} at {torch.__file__}")
backend = [l for l in torch.__config__.parallel_info().splitlines() if l.startswith("ATen parallel backend")]
print("setup-pytorch: " + (backend[0] if backend else "ATen parallel backend not reported"))
PY
