// A container process's confinement, applied by the cloned child in async-signal-safe system
// calls only (see spawn.c). Swift decides what to apply: which capabilities stay and the seccomp
// filter's BPF program (LinuxKernel/SeccompFilter.swift); this file only hands them to the kernel.
//
// The kernel dictates the order:
//   1. seccomp filter  - without no_new_privs, installing one needs CAP_SYS_ADMIN, which the
//                        container is about to lose; the filter allows every call used below.
//   2. bounding set    - PR_CAPBSET_DROP each capability not kept; needs CAP_SETPCAP, still ours.
//   3. keep-caps       - so changing uid from 0 does not empty the permitted set before step 5.
//   4. (spawn.c) groups, gid, uid
//   5. capset          - effective and permitted = the kept set for uid 0, nothing for others
//                        (Docker gives a non-root user no capabilities, only a bounding set).
//   6. ambient cleared, keep-caps off, then (spawn.c) no_new_privs.
// With explicit_sets (the OCI runtime), step 5 writes the four sets as given, for any uid, and
// step 6 raises each ambient one instead: the kernel only lets a capability be ambient when it
// is already permitted and inheritable, so the raise comes after capset (runc's order).
// Swift's LaunchPlan puts each in its place as a step of its own; each function is one step.
#include "dy_linux.h"

#include <errno.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int dy_install_seccomp(const struct dy_container_spec *spec) {
    struct sock_fprog program = {
        .len = spec->seccomp_length,
        .filter = (struct sock_filter *)spec->seccomp_filter,
    };
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0);
}

int dy_limit_bounding_set(const struct dy_container_spec *spec) {
    for (int cap = 0; cap < 64; cap++) {
        if (spec->capabilities & (1ULL << cap)) continue;
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) {
            if (errno == EINVAL) break;   // past the kernel's last capability: so is every later one
            return -1;
        }
    }
    return prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
}

static int capset_sets(uint64_t effective, uint64_t permitted, uint64_t inheritable) {
    struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct data[2] = {
        { .effective = (uint32_t)effective, .permitted = (uint32_t)permitted,
          .inheritable = (uint32_t)inheritable },
        { .effective = (uint32_t)(effective >> 32), .permitted = (uint32_t)(permitted >> 32),
          .inheritable = (uint32_t)(inheritable >> 32) },
    };
    return (int)syscall(SYS_capset, &header, data);
}

int dy_set_capabilities(const struct dy_container_spec *spec) {
    if (spec->explicit_sets) {
        if (capset_sets(spec->effective, spec->permitted, spec->inheritable) != 0) return -1;
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) return -1;
        for (int cap = 0; cap < 64; cap++) {
            if (!(spec->ambient & (1ULL << cap))) continue;
            if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) != 0) return -1;
        }
        return prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
    }
    uint64_t kept = spec->uid == 0 ? spec->capabilities : 0;
    if (capset_sets(kept, kept, 0) != 0) return -1;
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) return -1;
    return prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
}
