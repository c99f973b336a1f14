// System call numbers by name, for the seccomp filter Swift builds (LinuxKernel/SeccompFilter.swift):
// the numbers differ between architectures and live only in <sys/syscall.h>, whose SYS_* macros
// do not import into Swift. Only the calls Dockyard's profile names are listed; an entry whose
// call this architecture lacks (iopl on arm64, say) is left out by the #ifdefs.
#include "dy_linux.h"

#include <linux/audit.h>
#include <string.h>
#include <sys/syscall.h>

struct dy_syscall_entry {
    const char *name;
    long number;
};

#define DY_SYSCALL(call) { #call, SYS_##call }

static const struct dy_syscall_entry dy_syscalls[] = {
    DY_SYSCALL(acct), DY_SYSCALL(add_key), DY_SYSCALL(bpf), DY_SYSCALL(clock_adjtime),
    DY_SYSCALL(clock_settime), DY_SYSCALL(clone), DY_SYSCALL(clone3), DY_SYSCALL(delete_module),
    DY_SYSCALL(finit_module), DY_SYSCALL(fsconfig), DY_SYSCALL(fsmount), DY_SYSCALL(fsopen),
    DY_SYSCALL(fspick), DY_SYSCALL(get_mempolicy), DY_SYSCALL(init_module), DY_SYSCALL(kcmp),
    DY_SYSCALL(kexec_file_load), DY_SYSCALL(kexec_load), DY_SYSCALL(keyctl), DY_SYSCALL(lookup_dcookie),
    DY_SYSCALL(mbind), DY_SYSCALL(mount), DY_SYSCALL(mount_setattr), DY_SYSCALL(move_mount),
    DY_SYSCALL(move_pages), DY_SYSCALL(name_to_handle_at), DY_SYSCALL(nfsservctl), DY_SYSCALL(open_by_handle_at),
    DY_SYSCALL(open_tree), DY_SYSCALL(perf_event_open), DY_SYSCALL(pivot_root), DY_SYSCALL(quotactl),
    DY_SYSCALL(reboot), DY_SYSCALL(request_key), DY_SYSCALL(set_mempolicy), DY_SYSCALL(setns),
    DY_SYSCALL(settimeofday), DY_SYSCALL(swapoff), DY_SYSCALL(swapon), DY_SYSCALL(syslog),
    DY_SYSCALL(umount2), DY_SYSCALL(unshare), DY_SYSCALL(userfaultfd), DY_SYSCALL(vhangup),
#ifdef SYS_create_module
    DY_SYSCALL(create_module),
#endif
#ifdef SYS_get_kernel_syms
    DY_SYSCALL(get_kernel_syms),
#endif
#ifdef SYS_ioperm
    DY_SYSCALL(ioperm),
#endif
#ifdef SYS_iopl
    DY_SYSCALL(iopl),
#endif
#ifdef SYS_query_module
    DY_SYSCALL(query_module),
#endif
#ifdef SYS_sysfs
    DY_SYSCALL(sysfs),
#endif
#ifdef SYS__sysctl
    DY_SYSCALL(_sysctl),
#endif
#ifdef SYS_uselib
    DY_SYSCALL(uselib),
#endif
#ifdef SYS_ustat
    DY_SYSCALL(ustat),
#endif
};

long dy_syscall_number(const char *name) {
    for (size_t i = 0; i < sizeof dy_syscalls / sizeof dy_syscalls[0]; i++) {
        if (strcmp(dy_syscalls[i].name, name) == 0) return dy_syscalls[i].number;
    }
    return -1;
}

uint32_t dy_audit_arch(void) {
#if defined(__x86_64__)
    return AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
    return AUDIT_ARCH_AARCH64;
#else
#error "Dockyard's seccomp filter knows x86_64 and aarch64"
#endif
}

uint32_t dy_foreign_syscall_bit(void) {
#if defined(__x86_64__)
    return 0x40000000U;   // __X32_SYSCALL_BIT: the x32 ABI's calls, which the filter refuses
#else
    return 0;
#endif
}
