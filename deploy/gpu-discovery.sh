#!/usr/bin/env bash
# gpu-discovery.sh: Spark's GPU discovery script (spark.executor.resource.gpu.discoveryScript,
# spark.worker.resource.gpu.discoveryScript). Prints the GPUs this machine (or container) sees as
# the JSON Spark expects: {"name": "gpu", "addresses": ["0", "1", ...]}, using nvidia-smi's
# indexes, which sparkdp's GpuBinding takes as CUDA device ordinals (with CUDA_DEVICE_ORDER=PCI_BUS_ID).
# With no NVIDIA driver it fails with one line, and Spark refuses to start the executor.
set -euo pipefail
command -v nvidia-smi >/dev/null || { echo "gpu-discovery.sh: nvidia-smi not found: no NVIDIA driver here" >&2; exit 1; }
indexes="$(nvidia-smi --query-gpu=index --format=csv,noheader 2>&1)" \
  || { echo "gpu-discovery.sh: nvidia-smi failed: $(echo "$indexes" | tr '\n' ' ')" >&2; exit 1; }
[[ -n "$indexes" ]] || { echo "gpu-discovery.sh: nvidia-smi lists no GPU" >&2; exit 1; }
printf '{"name": "gpu", "addresses": [%s]}\n' "$(echo "$indexes" | sed 's/.*/"&"/' | paste -sd, - | sed 's/,/, /g')"
