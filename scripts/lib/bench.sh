# Shared by the scripts/bench-* that time whole container runs (sourced, not run).

# Builds release binaries the way users get them: dockyard with the Swift runtime linked in, and
# dockyard-init beside it (rootless mode's holder runs it; so does --init).
bench_build_release() {
  swift build -c release --product dockyard --static-swift-stdlib >/dev/null
  swift build -c release --product dockyard-init --static-swift-stdlib >/dev/null
}

# bench_crun_bundle DOCKYARD DIR: an OCI bundle in DIR/bundle for crun and runc, holding the very
# busybox layer that DOCKYARD runs (from $DOCKYARD_ROOT), `true` as its process, with crun's
# default namespaces (like --network none: a network namespace with only lo).
bench_crun_bundle() {
  local dockyard=$1 dir=$2 layer
  "$dockyard" run --rm --network none busybox true
  layer=$(ls -d "$DOCKYARD_ROOT"/layers/*/ | head -1)
  mkdir -p "$dir/bundle"
  cp -a "$layer" "$dir/bundle/rootfs"
  (cd "$dir/bundle" && crun spec && python3 - <<'PY'
import json
spec = json.load(open("config.json"))
spec["process"]["args"] = ["true"]
spec["process"]["terminal"] = False
spec["root"]["readonly"] = False
json.dump(spec, open("config.json", "w"), indent=2)
PY
  )
  # crun 1.8 refuses a hybrid cgroup host until hugetlb is a v1 controller (see shared/NOTES.md).
  if [ -d /sys/fs/cgroup/unified ] && [ ! -e /sys/fs/cgroup/hugetlb/cgroup.procs ]; then
    mkdir -p /sys/fs/cgroup/hugetlb && mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb
  fi
}

# bench_report RESULTS.json BASELINE: each command's median and min, and its ratio to BASELINE's median.
bench_report() {
  python3 - "$1" "$2" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
base = results[sys.argv[2]]["median"]
width = max(len(name) for name in results)
print(f"{'command':<{width}} {'median':>9} {'min':>9} {'vs ' + sys.argv[2]:>12}")
for name, r in results.items():
    print(f"{name:<{width}} {r['median']*1000:>7.1f}ms {r['min']*1000:>7.1f}ms {r['median']/base:>11.2f}x")
PY
}
