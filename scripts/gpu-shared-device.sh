#!/usr/bin/env bash
# Two ranks sharing one GPU give the one-rank result (issue: distributed training):
#
#   scripts/gpu-shared-device.sh DEMO OUT_DIR [DEVICE]
#
# trains the demo's prior-bootstrap setting once on DEVICE (default cuda:0) and once with
# its members split over two ranks of one process on that same device
# (`--devices DEVICE,DEVICE`, the in-process communicator), and compares the metrics
# (to 1e-5: the mean and spread are summed in another order). On a machine without a
# GPU, DEVICE=cpu runs the same comparison (tests/demo.rs does it in CI).
set -uo pipefail
DEMO=${1:?usage: scripts/gpu-shared-device.sh DEMO OUT_DIR [DEVICE]}
OUT=${2:?usage: scripts/gpu-shared-device.sh DEMO OUT_DIR [DEVICE]}
DEV=${3:-cuda:0}
BACKEND=candle
[ "$DEV" = cpu ] && BACKEND=ndarray
small=(--backend "$BACKEND" --settings prior-bootstrap --members 8 --steps 300 --frames 3)
mkdir -p "$OUT"
"$DEMO" "${small[@]}" --device "$DEV" --threads 1 --out "$OUT/one-rank" >"$OUT/one-rank.log" 2>&1 || {
  echo "shared device: the one-rank run failed (see $OUT/one-rank.log)"; exit 1; }
"$DEMO" "${small[@]}" --devices "$DEV,$DEV" --out "$OUT/two-ranks" >"$OUT/two-ranks.log" 2>&1 || {
  echo "shared device: the two-rank run failed (see $OUT/two-ranks.log)"; exit 1; }
python3 - "$OUT/one-rank/metrics.json" "$OUT/two-ranks/metrics.json" "$DEV" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
worst = 0.0
for r in ["data", "gap", "outside"]:
    for m in ["rmse", "nll", "mean_std", "coverage_2sd", "dyadic_nll"]:
        x, y = a["prior-bootstrap"][r][m], b["prior-bootstrap"][r][m]
        worst = max(worst, abs(x - y) / max(1.0, abs(x)))
ok = worst <= 1e-5
print(f"shared device {sys.argv[3]}: two ranks vs one, worst relative metric difference {worst:.2e}: "
      + ("the same result" if ok else "DIFFERENT"))
sys.exit(0 if ok else 1)
PY
