#!/usr/bin/env bash
# Builds the CUDA test binaries on a machine without a GPU (about 11 minutes on 2 cores)
# and copies them to gpu-bin/ for scripts/gpu-check.sh. See docs/gpu.md.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(../shared/tools/cuda-toolchain.sh)"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target/cuda}
cargo test --release --features cuda -p arrayapi-candle --test cuda --no-run --message-format=json \
  | python3 -c 'import json,sys
for l in sys.stdin:
    m=json.loads(l)
    if m.get("reason")=="compiler-artifact" and m.get("executable"): print(m["executable"])' > /tmp/gpu-tests.txt
mkdir -p gpu-bin
while read -r exe; do cp "$exe" gpu-bin/; done < /tmp/gpu-tests.txt
ls -la gpu-bin
