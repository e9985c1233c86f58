#!/usr/bin/env bash
# Runs the GPU checks from prebuilt test binaries on a machine with an NVIDIA GPU, no Rust
# toolchain and no network (see docs/gpu.md for how to build them).
#
#   scripts/gpu-check.sh [BIN_DIR]     BIN_DIR defaults to gpu-bin/ (made by scripts/build-gpu-tests.sh)
#
# Prints one line per check and a summary; exits non-zero if any check failed.
set -uo pipefail
BIN=${1:-gpu-bin}
# The CUDA 13 runtime libraries come with PyTorch's nvidia packages on the GPU machines.
LIBS=$(python3 "$(dirname "$0")/cuda_libs.py" 2>/dev/null || true)
export LD_LIBRARY_PATH="${LIBS:+$LIBS:}${LD_LIBRARY_PATH:-}"
echo "gpu: $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null || echo unknown)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
status=0
for t in "$BIN"/*; do
  [ -x "$t" ] || continue
  echo "== $(basename "$t")"
  # Each check's line, and for a failure where it panicked and the message's first lines.
  "$t" --test-threads=1 2>&1 | awk '/^test |test result|^---- /{print; next} /panicked at/{n=4} n>0{print; n--}' || status=1
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
if [ $status -eq 0 ]; then echo "GPU CHECK: PASS"; else echo "GPU CHECK: FAIL"; fi
exit $status
