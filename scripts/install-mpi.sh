#!/usr/bin/env bash
# Installs what the `mpi` feature needs from Debian's packages: Open MPI (the library,
# mpicc and mpirun) and libclang for rsmpi's bindgen. Does nothing when they are there.
set -euo pipefail
have() { command -v mpirun >/dev/null && command -v mpicc >/dev/null && ldconfig -p | grep -q libclang; }
if have; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
pkgs=(libopenmpi-dev openmpi-bin libclang-dev)
$SUDO apt-get install -y -q "${pkgs[@]}" >/dev/null || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q "${pkgs[@]}" >/dev/null; }
have
