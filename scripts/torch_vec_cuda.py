#!/usr/bin/env python3
"""The PyTorch peer of ens-1d (benches/peers/peers/torch_vec.py) on a CUDA device.

The peer itself runs on the CPU only. This runs the same workload on a GPU, taking the
problem (data, bootstrap, initial weights) and the model from the peer's own module, so
that the two cannot drift apart; only the device, the synchronisation around the timed
loop and the JSON fields differ. Used by scripts/gpu-bench.sh.

    python3 scripts/torch_vec_cuda.py --peer-dir PEERS/peers --K 40 --N 64 --hidden 20 --steps 1000

`--device cpu` runs it on the CPU (to check the script itself on a machine without a GPU).
"""
import argparse
import importlib.util
import json
import os
import platform
import time

import numpy as np
import torch


def load_peer(peer_dir):
    spec = importlib.util.spec_from_file_location("torch_vec", os.path.join(peer_dir, "torch_vec.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer-dir", required=True, help="the folder holding the peers' torch_vec.py")
    ap.add_argument("--K", type=int, default=40)
    ap.add_argument("--N", type=int, default=64)
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--hidden", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--beta", type=float, default=3.0)
    ap.add_argument("--lr", type=float, default=1e-2)
    ap.add_argument("--device", default="cuda")
    a = ap.parse_args()
    peer = load_peer(a.peer_dir)
    dev = torch.device(a.device)
    K, N, H, S = a.K, a.N, a.hidden, a.steps
    torch.manual_seed(a.seed)

    x, y, idx, train, prior = peer.make_problem(K, N, H, a.seed)
    Xb = torch.from_numpy(np.ascontiguousarray(x[idx][:, :, None])).to(dev)
    Yb = torch.from_numpy(np.ascontiguousarray(y[idx][:, :, None])).to(dev)
    as3 = lambda p: torch.from_numpy(p if p.ndim == 3 else np.ascontiguousarray(p[:, None, :])).to(dev)
    params = [torch.nn.Parameter(as3(p).clone()) for p in train]
    prior_ps = [as3(p).clone() for p in prior]
    opt = torch.optim.Adam(params, lr=a.lr)

    def sync():
        if dev.type == "cuda":
            torch.cuda.synchronize(dev)

    def run(params, opt, steps):
        for _ in range(steps):
            opt.zero_grad()
            out = peer.mlp(params, Xb)
            with torch.no_grad():
                pout = peer.mlp(prior_ps, Xb)
            q = out + a.beta * pout
            loss = ((q - Yb) ** 2).mean(dim=(1, 2)).sum()
            loss.backward()
            opt.step()
        return loss.item()

    # Warm-up on a throwaway copy: CUDA context, cuBLAS handles, kernel loading.
    t0 = time.perf_counter()
    wp = [torch.nn.Parameter(p.detach().clone()) for p in params]
    run(wp, torch.optim.Adam(wp, lr=a.lr), 5)
    sync()
    warm_s = time.perf_counter() - t0

    sync()
    t0 = time.perf_counter()
    last_loss = run(params, opt, S)  # .item() at the end waits for the device
    sync()
    wall = time.perf_counter() - t0

    with torch.no_grad():
        per_member = ((peer.mlp(params, Xb) + a.beta * peer.mlp(prior_ps, Xb) - Yb) ** 2).mean(dim=(1, 2))
    fl = peer.flops_per_step(K, N, H)
    print(json.dumps({
        "impl": "torch_vec_" + dev.type,
        "K": K, "N": N, "hidden": H, "steps": S,
        "wall_s": wall, "step_ms": 1e3 * wall / S, "warmup_s": warm_s,
        "flops_per_step": fl, "gflops": fl * S / wall / 1e9,
        "loss_last_step_sum": last_loss,
        "final_loss_mean": float(per_member.mean()), "final_loss_sum": float(per_member.sum()),
        "torch": torch.__version__,
        "device": torch.cuda.get_device_name(dev) if dev.type == "cuda" else "cpu",
        "tf32_matmul": torch.backends.cuda.matmul.allow_tf32,
        "python": platform.python_version(), "cpus": os.cpu_count(),
    }))


if __name__ == "__main__":
    main()
