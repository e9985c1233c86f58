#!/usr/bin/env bash
# The whole GPU session in one command, on the GPU machine (see docs/gpu.md):
#
#   scripts/gpu-run.sh OUT_DIR      with gpu-pack/ from scripts/build-gpu-tests.sh beside it
#
# unpacks the binaries, runs the conformance check on cuda:0 (scripts/gpu-check.sh), two
# ranks sharing cuda:0 against one (scripts/gpu-shared-device.sh), and then the ens-1d workloads on candle CUDA, PyTorch CUDA and JAX (scripts/gpu_bench.py), writing
# gpu-check.log, gpu-bench.jsonl and gpu-bench.log into OUT_DIR.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${1:?usage: scripts/gpu-run.sh OUT_DIR}
BENCH_DEADLINE=${BENCH_DEADLINE:-270}
mkdir -p "$OUT" /tmp/arrayapi-gpu
python3 -c 'import tarfile; tarfile.open("gpu-pack/gpu-bin.tar.xz").extractall("/tmp/arrayapi-gpu")' || exit 1
BIN=/tmp/arrayapi-gpu/gpu-bin
# The CUDA 13 runtime libraries (cudart, cuBLAS, cuRAND) come with PyTorch's nvidia packages.
LIBS=$(python3 scripts/cuda_libs.py)
export LD_LIBRARY_PATH="${LIBS:+$LIBS:}${LD_LIBRARY_PATH:-}"
{
  echo "gpu: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1)"
  echo "libraries the binaries still miss (none is good):"
  ldd "$BIN/ensemble" "$BIN"/tests/* | grep 'not found' | sort -u
} 2>&1 | tee "$OUT/gpu-check.log"
timeout 150 scripts/gpu-check.sh "$BIN/tests" 2>&1 | tee -a "$OUT/gpu-check.log"
check=${PIPESTATUS[0]}
# Two ranks sharing cuda:0 (the in-process communicator) against one rank.
timeout 90 scripts/gpu-shared-device.sh "$BIN/ensemble" "$OUT/shared-device" cuda:0 2>&1 | tee -a "$OUT/gpu-check.log"
PYTHONUNBUFFERED=1 python3 scripts/gpu_bench.py --demo "$BIN/ensemble" --peers gpu-pack/peers \
  --out "$OUT/gpu-bench.jsonl" --deadline "$BENCH_DEADLINE" 2>&1 | tee "$OUT/gpu-bench.log"
exit $check
