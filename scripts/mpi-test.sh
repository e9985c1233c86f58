#!/usr/bin/env bash
# The distributed trainer under real MPI on this machine (run by .ci/run; needs
# scripts/install-mpi.sh): `mpirun -n 1, 2, 4` (oversubscribed) give parameters bit-identical
# to one process; a run killed mid-way resumes from its checkpoints to the same bits; bad
# setups are one error on every rank, not a hang.
set -euo pipefail
cd "$(dirname "$0")/.."
# Open MPI refuses to run as root without these (CI containers run as root).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Loopback only; no warnings about the absent high-speed networks.
export OMPI_MCA_btl=self,vader,tcp OMPI_MCA_btl_tcp_if_include=lo OMPI_MCA_oob_tcp_if_include=lo
cargo clippy -q -p arrayapi-distributed -p arrayapi --features mpi --example distributed --example ensemble -- -D warnings
cargo build -q --features mpi --example distributed --example ensemble
B=target/debug/examples/distributed
run() { timeout 300 mpirun --oversubscribe -n "$@"; }
fail() { echo "mpi-test: $*" >&2; exit 1; }

for n in 1 2 4; do
  for extra in "" "--batch-size 7 --threads 2"; do
    out=$(run "$n" $B --check --members 8 --steps 60 $extra 2>/dev/null)
    echo "$out" | grep -q '"identical_to_one_process":true' || fail "-n $n $extra: $out"
    echo "mpirun -n $n $extra: parameters identical to one process"
  done
done

ck=$(mktemp -d)
trap 'rm -rf "$ck"' EXIT
# Rank 1 dies at step 40, before writing its checkpoint there: the ranks agree on step 20.
if run 2 $B --members 8 --steps 60 --checkpoint-every 20 --checkpoint-dir "$ck" --crash-at 40 --crash-rank 1 >/dev/null 2>&1; then
  fail "the run with a dying rank succeeded"
fi
out=$(run 2 $B --members 8 --steps 60 --checkpoint-every 20 --checkpoint-dir "$ck" --resume --check 2>/dev/null)
echo "$out" | grep -q '"resumed_from":20' || fail "resume: $out"
echo "$out" | grep -q '"identical_to_one_process":true' || fail "resume: $out"
echo "killed at step 40, resumed from 20: parameters identical to the uninterrupted run"

# More ranks than members: the same error on every rank, and an exit, not a hang.
if err=$(run 4 $B --members 3 2>&1 >/dev/null); then fail "4 ranks for 3 members ran"; fi
[ "$(echo "$err" | grep -o '4 ranks for 3 members' | wc -l)" = 4 ] || fail "not one error per rank: $err"
# A backend that one rank cannot start stops every rank.
if err=$(run 2 $B --backend nonesuch 2>&1 >/dev/null); then fail "a bad backend ran"; fi
echo "$err" | grep -q "unknown backend" || fail "bad backend: $err"
# Built with MPI but started without a launcher: one clear error.
if err=$(env -u OMPI_COMM_WORLD_SIZE $B 2>&1); then fail "ran outside mpirun"; fi
echo "$err" | grep -q "not started by an MPI launcher" || fail "outside mpirun: $err"
echo "bad setups: one error on every rank"

# The demo with its members split over 2 ranks: rank 0 writes the same metrics as one
# process (to float32 rounding: the mean and spread are summed in another order).
demo=target/debug/examples/ensemble
small=(--members 4 --steps 40 --frames 4)
$demo "${small[@]}" --threads 1 --out "$ck/one" >/dev/null
run 2 $demo --mpi "${small[@]}" --out "$ck/two" >/dev/null 2>&1 || fail "the demo under mpirun failed"
python3 - "$ck/one/metrics.json" "$ck/two/metrics.json" <<'PY' || fail "the distributed demo's metrics differ"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for s in ["naive", "prior", "prior-bootstrap", "sin-bootstrap"]:
    for r in ["data", "gap", "outside"]:
        for m in ["rmse", "nll", "mean_std"]:
            x, y = a[s][r][m], b[s][r][m]
            assert abs(x - y) <= 1e-5 * max(1.0, abs(x)), (s, r, m, x, y)
PY
ls "$ck/two"/*.gif >/dev/null || fail "no animations from the distributed demo"
echo "the demo under mpirun -n 2: the one-process metrics"
# Rank 0 cannot write its results: every rank stops before training, none waits.
touch "$ck/a-file"
if err=$(timeout 120 mpirun --oversubscribe -n 2 $demo --mpi "${small[@]}" --out "$ck/a-file" 2>&1); then
  fail "the demo ran with an output folder that is a file"
fi
[ "$(echo "$err" | grep -o 'distributed setup:' | wc -l)" = 2 ] || fail "not one error per rank: $err"
echo "the distributed demo with an unwritable output: one error on every rank"
# --gpus: each rank opens its own GPU; on this build (no CUDA) every rank says why.
if err=$(timeout 120 mpirun --oversubscribe -n 2 $demo --mpi --backend candle --gpus 2 "${small[@]}" --out "$ck/gpus" 2>&1); then
  fail "the demo ran on GPUs this build cannot open"
fi
[ "$(echo "$err" | grep -o 'not compiled with CUDA support' | wc -l)" = 2 ] || fail "--gpus: not one error per rank: $err"
echo "the distributed demo with --gpus and no CUDA: one error on every rank"
# The scaling bench in one command: strong and weak scaling on 1 and 2 of the ranks.
out=$(run 2 $demo --mpi --bench-scaling --members 4 --steps 20 --repeats 1 2>/dev/null | tail -n 1)
python3 - "$out" <<'PY' || fail "the scaling bench under mpirun: $out"
import json, sys
rows = json.loads(sys.argv[1])["scaling"]
assert [(r["kind"], r["ranks"], r["members"]) for r in rows] == \
    [("strong", 1, 4), ("strong", 2, 4), ("weak", 1, 2), ("weak", 2, 4)], rows
assert all(r["ms_per_step"] > 0 for r in rows), rows
PY
echo "the demo's scaling bench under mpirun -n 2: strong and weak on 1 and 2 ranks"
