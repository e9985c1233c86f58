#!/usr/bin/env bash
# Strong and weak scaling of the distributed trainer on this machine (docs/distributed.md):
# prior-bootstrap on the gap data, 1-20-20-1, full batch, release build, 3 interleaved
# repeats of every cell; prints one JSON line per run (rank 0's).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl=self,vader,tcp OMPI_MCA_btl_tcp_if_include=lo OMPI_MCA_oob_tcp_if_include=lo
cargo build -q --release --features mpi --example distributed
B=target/release/examples/distributed
STEPS=${STEPS:-2000}
cells=(
  "strong 1 --members 40 --sync-every 10"
  "strong 2 --members 40 --sync-every 10"
  "threads 1 --members 40 --sync-every 10 --threads 2"
  "weak 1 --members 20 --sync-every 10"
  "weak 2 --members 40 --sync-every 10"
  "sync1 2 --members 40 --sync-every 1"
  "sync100 2 --members 40 --sync-every 100"
)
for rep in 1 2 3; do
  for cell in "${cells[@]}"; do
    set -- $cell
    name=$1 n=$2; shift 2
    line=$(mpirun --oversubscribe --bind-to none -n "$n" $B --hidden 20,20 --steps "$STEPS" "$@" 2>/dev/null)
    echo "{\"cell\":\"$name\",\"rep\":$rep,\"run\":$line}"
  done
done
