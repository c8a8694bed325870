#!/usr/bin/env bash
# submit.sh: submits sparkdp.jar to a Spark master (spark://, yarn, k8s://, local[N]) in client or
# cluster deploy mode, with deploy/spark-defaults.conf as its properties.
#
#   deploy/submit.sh [--master URL] [--deploy-mode client|cluster] [spark-submit options] -- SPARKDP ARGS
#
#   deploy/submit.sh -- train --data idx:/usr/share/datasets/fashion-mnist --model mlp --output /tmp/m.zip
#   deploy/submit.sh --master yarn --deploy-mode cluster -- train --data idx:hdfs:///data/fashion ...
#
# Without --master it submits to the cluster that deploy/local-cluster.sh started, and then uses
# that cluster's configuration, which holds its secret. Every option before `--` goes to
# spark-submit as it is (--conf k=v, --driver-memory, --principal, --keytab, ...).
#
# Environment:
#   SPARK_HOME           a Spark installation whose bin/spark-submit to use; without one, Spark's
#                        SparkSubmit runs from the Maven-laid-out jars of local-cluster.sh
#   SPARKDP_JAR          the application jar [deploy/target/sparkdp.jar]; for cluster mode on YARN
#                        or Kubernetes it may be an hdfs:// or local:// URI
#   SPARKDP_PROPERTIES   the properties file [the local cluster's, else deploy/spark-defaults.conf]
#   SPARKDP_CLUSTER_DIR  the local cluster's directory [deploy/target/local-cluster]
#   SPARKDP_CLIENT_MEMORY  heap of the submitting JVM without a SPARK_HOME, which in client mode
#                        is the driver [2g]
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cluster="${SPARKDP_CLUSTER_DIR:-$home/deploy/target/local-cluster}"
die() { echo "submit.sh: $*" >&2; exit "${2:-1}"; }

master="" mode="client" options=()
while (( $# > 0 )); do
  case "$1" in
    --) shift; break ;;
    --master) (( $# >= 2 )) || die "--master needs a URL" 2; master="$2"; shift 2 ;;
    --deploy-mode) (( $# >= 2 )) || die "--deploy-mode needs client or cluster" 2; mode="$2"; shift 2 ;;
    *) options+=("$1"); shift ;;
  esac
done
(( $# > 0 )) || die "usage: submit.sh [--master URL] [--deploy-mode client|cluster] [spark-submit options] -- SPARKDP ARGS" 2
[[ "$mode" == client || "$mode" == cluster ]] || die "--deploy-mode must be client or cluster, not '$mode'" 2

properties="${SPARKDP_PROPERTIES:-}"
if [[ -z "$master" ]]; then
  [[ -f "$cluster/master-url" ]] || die "no --master given and no local cluster in $cluster (start one with deploy/local-cluster.sh start 2)"
  master="$(cat "$cluster/master-url")"
  properties="${properties:-$cluster/conf/spark-defaults.conf}"
fi
properties="${properties:-$home/deploy/spark-defaults.conf}"
[[ -f "$properties" ]] || die "no properties file at $properties"

jar="${SPARKDP_JAR:-$home/deploy/target/sparkdp.jar}"
if [[ "$jar" != *://* ]]; then
  [[ -f "$jar" ]] || die "no application jar at $jar: run 'mvn -B -DskipTests package' first"
  jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"   # a cluster-mode driver reads it from another directory
fi

submit_args=(--master "$master" --deploy-mode "$mode" --properties-file "$properties")
if [[ "$mode" == cluster && "$master" == spark://* ]]; then
  # Standalone cluster mode: wait for the driver to end, as YARN's client does by default.
  submit_args+=(--conf spark.standalone.submit.waitAppCompletion=true)
fi
submit_args+=("${options[@]}" --class io.sparkdp.driver.cli.SparkdpMain "$jar" "$@")

export SPARK_SCALA_VERSION=2.12
if [[ -n "${SPARK_HOME:-}" && -x "${SPARK_HOME}/bin/spark-submit" ]]; then
  command=("$SPARK_HOME/bin/spark-submit" "${submit_args[@]}")
  # sparkdp's logging for the submitting JVM, so that standalone cluster mode's final driver
  # state (below) is printed.
  export SPARK_SUBMIT_OPTS="-Dlog4j2.configurationFile=$home/deploy/conf/log4j2.properties ${SPARK_SUBMIT_OPTS:-}"
else
  # No Spark installation: run SparkSubmit from the laid-out jars. In client mode this JVM is
  # the driver, so it gets the driver's Java options from the properties file itself.
  spark_home="$("$home/deploy/local-cluster.sh" home)"
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  read -r -a driver_opts <<< "$(sed -n 's/^spark.driver.extraJavaOptions *//p' "$properties")"
  command=("${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx"${SPARKDP_CLIENT_MEMORY:-2g}" "${driver_opts[@]}"
           -cp "$home/deploy/conf:$spark_home/jars/*" org.apache.spark.deploy.SparkSubmit "${submit_args[@]}")
fi
if [[ "$mode" != cluster || "$master" != spark://* ]]; then
  exec "${command[@]}"
fi

# Standalone cluster mode: Spark's client exits 0 whatever became of the driver, so read the
# final state it reports (deploy/conf/log4j2.properties lets that line through) and exit 1
# unless the driver FINISHED. The driver's own output is in its worker's work directory.
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
status=0
"${command[@]}" 2> >(tee "$report" >&2) || status=$?
wait
state="$(sed -n 's/.*State of driver \([^ ]*\) is \([A-Z]*\), exiting.*/\1 \2/p' "$report" | tail -1)"
echo "submit.sh: driver ${state:-state unknown}" >&2
(( status == 0 )) || exit "$status"
[[ "$state" == *" FINISHED" ]] || exit 1
