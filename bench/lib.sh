# Shell functions the benchmark scripts share (bench/run, bench/dimse/run, bench/dicomweb/run,
# bench/ingest/*, bench/index/run). Source it after setting `root` to the repository root:
#   . "$root/bench/lib.sh"
# It sets JAVA_HOME (bin/find-java) and `jar` (the shaded pacslite.jar), building that with
# `mvn -q -B -DskipTests package` (never install) when it is missing or older than a source file.

JAVA_HOME=$("$root/bin/find-java") || exit 1
export JAVA_HOME
jar=$root/archive-launcher/target/pacslite.jar
if [ ! -f "$jar" ] || [ -n "$(find "$root" -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
  echo "== building (mvn package, tests skipped)"
  (cd "$root" && mvn -q -B -DskipTests package)
fi
orthanc_web_plugin=/usr/share/orthanc/plugins/libOrthancDicomWeb.so

require() {  # require TOOL...: fail with the Debian packages to install when one is missing
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: run bin/install-test-peers (or bench/run)" >&2; exit 1; }
  done
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for() {  # wait_for SECONDS COMMAND...
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for: $*" >&2; return 1; }
    sleep 0.1
  done
}

# The server started last; stop_server stops it.
server_pid=

start_pacslite() {  # start_pacslite DIR DICOM_PORT HTTP_PORT: fresh data dir DIR/data, loopback only
  local dir=$1 serve=("$JAVA_HOME/bin/java" ${PACSLITE_JAVA_OPTS:-} -jar "$jar" serve)
  mkdir -p "$dir"
  # The viewer (OHIF at /) is not what is measured: leave it out where serve knows the option.
  if "$JAVA_HOME/bin/java" -jar "$jar" serve --help 2>&1 | grep -q -- --no-viewer; then
    serve+=(--no-viewer)
  fi
  "${serve[@]}" --data-dir "$dir/data" --bind 127.0.0.1 --dicom-port "$2" --http-port "$3" >"$dir/server.log" 2>&1 &
  server_pid=$!
  wait_for 60 grep -q "PACS-lite serving" "$dir/server.log"
  wait_for 30 curl -sf "http://127.0.0.1:$3/health"
}

start_orthanc() {  # start_orthanc DIR DICOM_PORT HTTP_PORT [dicomweb|-] [MODALITIES]: fresh storage and SQLite index in DIR
  # MODALITIES: the value of DicomModalities (the C-MOVE destinations), a JSON object. Any calling
  # AE may query and retrieve (DicomAlwaysAllowFind/Get/Move), as PACS-lite allows by default.
  local dir=$1 plugins='[]' web= modalities=${5:-'{}'}
  mkdir -p "$dir"
  if [ "${4:-}" = dicomweb ]; then
    plugins="[\"$orthanc_web_plugin\"]" web=', "DicomWeb": { "Enable": true, "Root": "/dicom-web/" }'
  fi
  cat >"$dir/orthanc.json" <<EOF
{ "Name": "bench", "StorageDirectory": "$dir/storage", "IndexDirectory": "$dir/index",
  "StorageCompression": false, "DicomAet": "ORTHANC", "DicomPort": $2, "HttpPort": $3,
  "DicomCheckCalledAet": false, "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
  "HttpServerEnabled": true, "Plugins": $plugins$web, "SaveJobs": false, "DicomModalities": $modalities,
  "DicomAlwaysAllowFind": true, "DicomAlwaysAllowGet": true, "DicomAlwaysAllowMove": true }
EOF
  Orthanc "$dir/orthanc.json" >"$dir/server.log" 2>&1 &
  server_pid=$!
  wait_for 60 curl -sf "http://127.0.0.1:$3/system"
  if [ -n "$web" ]; then
    wait_for 30 curl -sf "http://127.0.0.1:$3/dicom-web/studies"
  fi
}

stop_server() {  # stop_server [PID]: the last server started, or PID
  local pid=${1:-$server_pid}
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "$pid" != "$server_pid" ] || server_pid=
}
# A script that fails half-way leaves no server behind (a script with more servers sets its own trap).
trap stop_server EXIT

instance_count() {  # instance_count KIND HTTP_PORT: instances the server's index holds
  case "$1" in
    pacslite) curl -sf "http://127.0.0.1:$2/metrics" | awk '$1 == "pacslite_archive_instances" { print int($2) }' ;;
    orthanc) curl -sf "http://127.0.0.1:$2/statistics" \
      | python3 -c 'import json, sys; print(json.load(sys.stdin)["CountInstances"])' ;;
  esac
}

peak_rss_mib() {  # peak_rss_mib PID: the process's peak resident set so far (VmHWM, proc(5)), MiB
  awk '$1 == "VmHWM:" { printf "%.0f\n", $2 / 1024 }' "/proc/$1/status"
}

compile_clients() {  # compile_clients DIR: the Java clients of the benchmarks, into DIR (run with -cp "$jar:DIR")
  mkdir -p "$1"
  "$JAVA_HOME/bin/javac" -nowarn -cp "$jar" -d "$1" \
    "$root/bench/dicomweb/WebClient.java" "$root/bench/ingest/Scale.java" "$root/bench/index/IndexClient.java" \
    "$root/bench/qr/FindClient.java"
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

machine_line() {  # the hardware line every results.md starts with
  echo "$(date -u '+%F %H:%M') UTC, $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)),"\
    "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory,"\
    "disk $(df -h --output=source,fstype,size "$root" | awk 'NR == 2 { print $1 " " $2 " " $3 }'),"\
    "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1),"\
    "$(Orthanc --version 2>&1 | head -n 1) with DICOMweb plugin $(dpkg-query -W -f '${Version}' orthanc-dicomweb 2>/dev/null || echo '?'),"\
    "dcmtk $(storescu --version 2>&1 | sed -n 's/.*v\([0-9.]*\).*/\1/p' | head -n 1)"
}
