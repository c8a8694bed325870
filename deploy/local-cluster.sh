#!/usr/bin/env bash
# local-cluster.sh: a real Spark standalone cluster on this machine, for trying sparkdp.jar
# the way a cluster runs it: one master and N workers, each its own JVM, and the executor (and
# cluster-mode driver) JVMs the workers start. Every process listens on 127.0.0.1 only, and RPC
# authentication is on with a secret generated at start.
#
#   deploy/local-cluster.sh start N   start a master and N workers; prints the master URL
#   deploy/local-cluster.sh status    the processes, the master URL, the registered workers
#   deploy/local-cluster.sh stop      end exactly the processes start began, and their children
#
# The Spark home is laid out from Maven's own artifacts (deploy/spark-home/pom.xml through
# `mvn dependency:copy-dependencies`): Spark 3.5.7's jars and nothing else, so nothing is
# downloaded outside Maven. Submit to it with deploy/submit.sh, which reads the cluster's
# configuration (and so its secret) from the cluster directory.
#
# Environment:
#   SPARKDP_CLUSTER_DIR   where configuration, secret, logs, PIDs and work directories go
#                         [deploy/target/local-cluster]
#   SPARK_HOME            a Spark 3.5.x home to run instead of the Maven-laid-out one
#   SPARKDP_WORKER_CORES  cores per worker [1]      SPARKDP_WORKER_MEMORY  memory per worker [3g]
#   SPARKDP_WATCH_PID     if set, a watcher stops the cluster once this process has ended
#                         (the integration tests pass their own JVM's PID)
#   JAVA_HOME             the Java 17 runtime
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${SPARKDP_CLUSTER_DIR:-$home/deploy/target/local-cluster}"
pids="$dir/pids"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
start_timeout=90

die() { echo "local-cluster.sh: $*" >&2; exit "${2:-1}"; }
usage() { die "usage: local-cluster.sh start N | stop | status" 2; }

# The process's start time (field 22 of /proc/PID/stat), so that a recycled PID is never taken
# for one of ours.
start_time() { awk '{print $22}' "/proc/$1/stat" 2>/dev/null || true; }

# Still the process that we recorded as "name pid start-time"?
ours() { [[ -n "$2" && "$(start_time "$1")" == "$2" ]]; }

descendants() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null || true); do
    echo "$child $(start_time "$child")"
    descendants "$child"
  done
}

spark_home() {
  if [[ -n "${SPARK_HOME:-}" ]]; then
    [[ -d "$SPARK_HOME/jars" ]] || die "SPARK_HOME=$SPARK_HOME has no jars/ directory"
    echo "$SPARK_HOME"
    return
  fi
  local laid="$home/deploy/target/spark-home" stamp
  stamp="$(cksum < "$home/deploy/spark-home/pom.xml")"   # lay out again when the pom changes
  if [[ "$(cat "$laid/.complete" 2>/dev/null)" != "$stamp" ]]; then
    command -v mvn >/dev/null || die "mvn not found: it lays out the Spark home (or set SPARK_HOME)"
    rm -rf "$laid"
    mvn -B -q -f "$home/deploy/spark-home/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$laid/jars" >&2 || die "could not lay out the Spark home with Maven"
    echo "$stamp" > "$laid/.complete"
  fi
  echo "$laid"
}

# The cluster's configuration: deploy/spark-defaults.conf, then a generated secret and the
# loopback settings. Master, workers and submitter all read this one file.
write_conf() {
  mkdir -p "$dir/conf" "$dir/logs"
  local secret
  secret="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
  umask 077
  { cat "$home/deploy/spark-defaults.conf"
    echo
    echo "# --- written by local-cluster.sh for this cluster only ---"
    echo "spark.authenticate.secret        $secret"
    echo "spark.driver.host                127.0.0.1"
    echo "spark.driver.bindAddress         127.0.0.1"
    echo "spark.master.rest.enabled        false"
  } > "$dir/conf/spark-defaults.conf"
  umask 022
}

# Starts one daemon in its own session (so no terminal signal reaches it) and records its PID.
launch() {
  local name="$1"; shift
  setsid "$java" -Xmx512m -Djava.net.preferIPv4Stack=true \
    $(sed -n 's/^spark.driver.extraJavaOptions *//p' "$home/deploy/spark-defaults.conf" | tr ' ' '\n' | grep -- '--add-opens') \
    -cp "$SPARK_CONF_DIR:$SPARK_HOME/jars/*" "$@" > "$dir/logs/$name.log" 2>&1 < /dev/null &
  local pid=$!
  echo "$name $pid $(start_time "$pid")" >> "$pids"
}

# Waits for a line matching a sed expression in a log; prints what the expression captured.
await_log() {
  local log="$1" expr="$2" what="$3" deadline=$((SECONDS + start_timeout)) found=""
  while [[ -z "$found" ]]; do
    (( SECONDS < deadline )) || { stop_all >&2; die "no $what within ${start_timeout}s; see $log"; }
    sleep 0.5
    found="$(sed -n "$expr" "$log" 2>/dev/null | head -1)"
  done
  echo "$found"
}

await_workers() {
  local want="$1" deadline=$((SECONDS + start_timeout)) seen=0
  while (( seen < want )); do
    (( SECONDS < deadline )) || { stop_all >&2; die "$seen of $want workers registered within ${start_timeout}s; see $dir/logs"; }
    sleep 0.5
    seen="$(grep -c 'Registering worker' "$dir/logs/master.log" || true)"
  done
}

start() {
  local n="${1:-}"
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "start needs a worker count of at least 1, not '${n}'" 2
  if [[ -f "$pids" ]] && running; then
    die "a cluster is already running from $dir (stop it first)"
  fi
  export SPARK_HOME; SPARK_HOME="$(spark_home)"
  export SPARK_CONF_DIR="$dir/conf" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.12
  export SPARK_LOCAL_DIRS="$dir/local" SPARK_LOG_DIR="$dir/logs"
  rm -rf "$dir/logs" "$dir/work" "$dir/local"
  write_conf
  : > "$pids"
  launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "${SPARKDP_MASTER_PORT:-0}" --webui-port 0
  local url
  url="$(await_log "$dir/logs/master.log" 's/.*Starting Spark master at \(spark:[^ ]*\).*/\1/p' 'master')"
  echo "$url" > "$dir/master-url"
  for ((w = 0; w < n; w++)); do
    mkdir -p "$dir/work/worker-$w"
    launch "worker-$w" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 \
      --cores "${SPARKDP_WORKER_CORES:-1}" --memory "${SPARKDP_WORKER_MEMORY:-3g}" --work-dir "$dir/work/worker-$w" "$url"
  done
  await_workers "$n"
  if [[ -n "${SPARKDP_WATCH_PID:-}" ]]; then
    setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; exec "$2" stop' watcher \
      "$SPARKDP_WATCH_PID" "$home/deploy/local-cluster.sh" > "$dir/logs/watcher.log" 2>&1 < /dev/null &
    echo "watcher $! $(start_time $!)" >> "$pids"
  fi
  echo "$url"
}

# True if any recorded daemon is still the process we started.
running() {
  local name pid since
  while read -r name pid since; do
    [[ "$name" != watcher ]] && ours "$pid" "$since" && return 0
  done < "$pids"
  return 1
}

# SIGTERM to the recorded daemons and everything they started (executors, drivers), then
# SIGKILL to whatever of exactly those is left after 15 s.
stop_all() {
  [[ -f "$pids" ]] || { echo "no cluster recorded in $dir"; return 0; }
  local victims=() name pid since
  while read -r name pid since; do
    ours "$pid" "$since" || continue
    [[ "$pid" == "$$" || "$pid" == "$PPID" ]] && continue   # the watcher running this stop
    while read -r cpid csince; do victims+=("$cpid:$csince"); done < <(descendants "$pid")
    victims+=("$pid:$since")
  done < "$pids"
  local v
  for v in "${victims[@]}"; do kill -TERM "${v%%:*}" 2>/dev/null || true; done
  local deadline=$((SECONDS + 15)) left=1
  while (( left > 0 && SECONDS < deadline )); do
    left=0
    for v in "${victims[@]}"; do ours "${v%%:*}" "${v#*:}" && left=$((left + 1)); done
    (( left == 0 )) || sleep 0.5
  done
  for v in "${victims[@]}"; do ours "${v%%:*}" "${v#*:}" && kill -KILL "${v%%:*}" 2>/dev/null || true; done
  echo "stopped ${#victims[@]} processes"
  rm -f "$pids"
}

status() {
  [[ -f "$pids" ]] || { echo "no cluster recorded in $dir"; exit 3; }
  local name pid since alive=0 dead=0
  while read -r name pid since; do
    if ours "$pid" "$since"; then
      echo "$name pid $pid running"; alive=$((alive + 1))
    else
      echo "$name pid $pid gone"; dead=$((dead + 1))
    fi
  done < "$pids"
  echo "master $(cat "$dir/master-url" 2>/dev/null || echo unknown)"
  echo "workers registered $(grep -c 'Registering worker' "$dir/logs/master.log" 2>/dev/null || echo 0)"
  (( dead == 0 )) || exit 1
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop_all ;;
  status) status ;;
  home) spark_home ;;   # for submit.sh: the Spark home, laid out if missing
  *) usage ;;
esac
