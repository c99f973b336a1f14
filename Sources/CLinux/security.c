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
        // EINVAL: past the kernel's last capability.
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) return -1;
    }
    return prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
}

int dy_set_capabilities(const struct dy_container_spec *spec) {
    uint64_t kept = spec->uid == 0 ? spec->capabilities : 0;
    struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct data[2] = {
        { .effective = (uint32_t)kept, .permitted = (uint32_t)kept, .inheritable = 0 },
        { .effective = (uint32_t)(kept >> 32), .permitted = (uint32_t)(kept >> 32), .inheritable = 0 },
    };
    if (syscall(SYS_capset, &header, data) != 0) return -1;
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) return -1;
    return prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
}
