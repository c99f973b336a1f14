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

# bench_instructions DOCKYARD DIR: instructions executed (callgrind; exact and repeatable, unlike
# time on a shared machine) by `--version`, by crun's, and by `run --rm --network none busybox true`
# up to the clone of the container's first process. Valgrind cannot run the cloned child's setup
# (it lacks some of its system calls), so the run is counted to the clone: the child reports the
# count it inherited when it execs. Symbols need an unstripped binary; valgrind 3.19 cannot read
# Swift's DWARF 5, so its debug sections are dropped first (the symbol table stays).
bench_instructions() {
  local dockyard=$1 dir=$2
  objcopy --strip-debug "$dockyard" "$dir/dockyard.syms"
  count() { valgrind --tool=callgrind --log-file="$dir/cg.%p.log" --callgrind-out-file="$dir/cg.%p.out" "$@" >/dev/null 2>&1 || true; }
  rm -f "$dir"/cg.*; count "$dir/dockyard.syms" --version
  printf '%-44s %12s\n' "dockyard --version (instructions)" "$(sed -n 's/.*Collected : //p' "$dir"/cg.*.log)"
  rm -f "$dir"/cg.*; count crun --version
  printf '%-44s %12s\n' "crun --version" "$(sed -n 's/.*Collected : //p' "$dir"/cg.*.log)"
  rm -f "$dir"/cg.*; count "$dir/dockyard.syms" run --rm --network none busybox true
  printf '%-44s %12s\n' "dockyard run ... up to the container's clone" "$(sed -n 's/^==1== Collected : //p' "$dir"/cg.*.log)"
}
