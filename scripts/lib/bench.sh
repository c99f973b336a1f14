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
  # The same bundle with Docker's default seccomp profile, the filter dockyard installs (crun's own
  # spec has none): the rules that apply to a default container on amd64 (Docker's 14 capabilities),
  # in the OCI runtime spec's format. Timing crun both ways shows what the filter costs, so a ratio
  # can be read against the same work.
  mkdir -p "$dir/bundle-seccomp"
  ln -sfn "$dir/bundle/rootfs" "$dir/bundle-seccomp/rootfs"
  python3 - "$dir/bundle/config.json" "$dir/bundle-seccomp/config.json" Sources/LinuxKernel/SeccompProfile+DockerDefaultJSON.swift <<'PY'
import json, sys
spec = json.load(open(sys.argv[1]))
source = open(sys.argv[3]).read()
profile = json.loads(source[source.index('#"""') + 4:source.rindex('"""#')])
caps = {"CAP_" + c for c in "CHOWN DAC_OVERRIDE FSETID FOWNER MKNOD NET_RAW SETGID SETUID SETFCAP SETPCAP NET_BIND_SERVICE SYS_CHROOT KILL AUDIT_WRITE".split()}
def applies(rule):
    includes, excludes = rule.get("includes", {}), rule.get("excludes", {})
    return (set(includes.get("caps", [])) <= caps and "amd64" in includes.get("arches", ["amd64"])
            and not set(excludes.get("caps", [])) & caps and "amd64" not in excludes.get("arches", []))
rules = [{k: v for k, v in rule.items() if k in ("names", "action", "args", "errnoRet")}
         for rule in profile["syscalls"] if applies(rule)]
spec["linux"]["seccomp"] = {"defaultAction": profile["defaultAction"], "defaultErrnoRet": profile.get("defaultErrnoRet", 1),
                            "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"], "syscalls": rules}
spec["root"]["path"] = "rootfs"
json.dump(spec, open(sys.argv[2], "w"), indent=2)
PY
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
  # Twice: the first run of a new binary compiles the seccomp program into its cache (~1.1 M).
  rm -f "$dir"/cg.*; count "$dir/dockyard.syms" run --rm --network none busybox true
  rm -f "$dir"/cg.*; count "$dir/dockyard.syms" run --rm --network none busybox true
  printf '%-44s %12s\n' "dockyard run ... up to the container's clone" "$(sed -n 's/^==1== Collected : //p' "$dir"/cg.*.log)"
}

# bench_binary_contents BINARY: its size and what holds it, by section group (readelf), and ICU's
# data (the symbol icudt*_dat, in .rodata: linked with Foundation) when the symbol table names it.
bench_binary_contents() {
  python3 - "$1" <<'PY'
import re, subprocess, sys
path = sys.argv[1]
groups = {"code (.text)": 0, "read-only data (.rodata)": 0, "unwind tables (.eh_frame, .gcc_except_table)": 0,
          "relocations (.rela.dyn, .relr.dyn, .rela.plt)": 0, "dynamic symbols (.dynsym, .dynstr, .gnu.hash)": 0,
          "symbol table (.symtab, .strtab)": 0, "debug info (.debug_*)": 0, "Swift metadata (swift5_*)": 0, "other": 0}
def group(name):
    if name == ".text": return "code (.text)"
    if name == ".rodata": return "read-only data (.rodata)"
    if name.startswith((".eh_frame", ".gcc_except")): return "unwind tables (.eh_frame, .gcc_except_table)"
    if name.startswith((".rela", ".relr")): return "relocations (.rela.dyn, .relr.dyn, .rela.plt)"
    if name in (".dynsym", ".dynstr", ".gnu.hash", ".hash", ".gnu.version"): return "dynamic symbols (.dynsym, .dynstr, .gnu.hash)"
    if name in (".symtab", ".strtab"): return "symbol table (.symtab, .strtab)"
    if name.startswith(".debug"): return "debug info (.debug_*)"
    if name.startswith("swift5_"): return "Swift metadata (swift5_*)"
    return "other"
for line in subprocess.run(["readelf", "-S", "-W", path], capture_output=True, text=True).stdout.splitlines():
    m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+(\S+)\s+\S+\s+\S+\s+([0-9a-f]+)", line)
    if m and m.group(2) != "NOBITS": groups[group(m.group(1))] += int(m.group(3), 16)
icu = 0
for line in subprocess.run(["nm", "-S", path], capture_output=True, text=True).stdout.splitlines():
    fields = line.split()
    if len(fields) == 4 and re.fullmatch(r"icudt\d+_dat", fields[3]): icu = int(fields[1], 16)
import os
print(f"{path}: {os.path.getsize(path) / 1e6:.1f} MB")
for name, size in groups.items():
    if size: print(f"  {name:<48} {size / 1e6:7.1f} MB")
print(f"  {'of .rodata, ICU data (icudt*_dat, from Foundation)':<48} {icu / 1e6:7.1f} MB")
PY
}
