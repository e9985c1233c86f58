#!/usr/bin/env bash
# Installs a CUDA 13.0 build toolchain from PyPI packages (no GPU, no root needed) so that
# candle-core's `cuda` feature can be compiled on a machine without a GPU, for H100/H200 (sm_90).
# Usage:  eval "$(scripts/cuda-toolchain.sh [PREFIX])"   (PREFIX defaults to ~/.cache/cuda13)
# Then:   cargo build --release --features cuda   (with a separate CARGO_TARGET_DIR if you like)
# The driver library libcuda.so is not on PyPI: a link-time stub carrying cudarc's cu* symbols is
# generated; the real driver on the GPU machine replaces it at run time. Never ship the stub.
# Driver 580 on the GPU machines matches CUDA 13.0: keep these versions unless the driver changes.
set -euo pipefail
P=${1:-$HOME/.cache/cuda13}
mkdir -p "$P"
if [ ! -x "$P/venv/bin/pip" ]; then python3 -m venv "$P/venv" >&2; fi
"$P/venv/bin/pip" install -q nvidia-cuda-nvcc==13.0.88 nvidia-cuda-crt==13.0.88 nvidia-nvvm==13.0.88 \
  nvidia-cuda-runtime==13.0.88 nvidia-cuda-cccl==13.0.85 nvidia-cuda-nvrtc==13.0.88 \
  nvidia-cublas==13.0.2.14 nvidia-curand==10.4.0.35 >&2
CU=$("$P/venv/bin/python" -c 'import nvidia, os; print(os.path.join(list(nvidia.__path__)[0], "cu13"))')
mkdir -p "$P/cuda/lib64/stubs"
for d in bin include nvvm; do ln -sfn "$CU/$d" "$P/cuda/$d"; done
for f in "$CU"/lib/*.so.*; do ln -sf "$f" "$P/cuda/lib64/"; done
( cd "$P/cuda/lib64" && for l in cudart cublas cublasLt curand nvrtc; do ln -sf "$(ls lib$l.so.* | head -1)" "lib$l.so"; done )
src=$(ls -d "$HOME"/.cargo/registry/src/*/cudarc-*/src/driver/sys/mod.rs 2>/dev/null | tail -1 || true)
if [ -z "$src" ]; then
  echo "cudarc's sources are not in the cargo registry yet: run 'cargo fetch' in the workspace (with the cuda feature declared) first" >&2
  exit 1
fi
grep -oE 'fn (cu[A-Za-z0-9_]+)\(' "$src" | sed 's/fn //;s/(//' | sort -u \
  | awk '{print "int "$1"(void){return 999;}"}' > "$P/cuda/lib64/stubs/cuda_stub.c"
gcc -shared -fPIC -Wl,-soname,libcuda.so.1 -o "$P/cuda/lib64/stubs/libcuda.so" "$P/cuda/lib64/stubs/cuda_stub.c"
echo "export CUDA_HOME=$P/cuda PATH=$P/cuda/bin:\$PATH CUDA_COMPUTE_CAP=90 LIBRARY_PATH=$P/cuda/lib64:$P/cuda/lib64/stubs\${LIBRARY_PATH:+:\$LIBRARY_PATH}"
