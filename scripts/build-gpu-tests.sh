#!/usr/bin/env bash
# Builds, on a machine without a GPU, what the GPU machine runs (it has no Rust toolchain and
# no network): the CUDA test binaries and the demo with `--features cuda` (about 11 minutes on
# 2 cores from scratch). Leaves them in gpu-bin/ and packs them, with a copy of the peers
# (benches/peers), into gpu-pack/ (about 12 MB, xz) for scripts/gpu-run.sh. See docs/gpu.md.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/cuda-toolchain.sh)"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target/cuda}
cargo test --release --features cuda -p arrayapi-candle --test cuda --no-run --message-format=json \
  | python3 -c 'import json,sys
for l in sys.stdin:
    m=json.loads(l)
    if m.get("reason")=="compiler-artifact" and m.get("executable"): print(m["executable"])' > /tmp/gpu-tests.txt
cargo build --release --features cuda --example ensemble
rm -rf gpu-bin && mkdir -p gpu-bin/tests
while read -r exe; do cp "$exe" gpu-bin/tests/; done < /tmp/gpu-tests.txt
cp "$CARGO_TARGET_DIR/release/examples/ensemble" gpu-bin/ensemble
rm -rf gpu-pack && mkdir -p gpu-pack
tar -cJf gpu-pack/gpu-bin.tar.xz gpu-bin
if [ -d benches/peers ]; then cp -r benches/peers gpu-pack/peers && chmod -R u+w gpu-pack/peers; fi
ls -la gpu-bin gpu-bin/tests gpu-pack
