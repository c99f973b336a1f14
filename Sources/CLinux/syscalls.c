// System call numbers by name, for the seccomp filter Swift compiles from Docker's profile
// (LinuxKernel/SeccompFilter.swift): the numbers differ between architectures and live only in
// <sys/syscall.h>, whose SYS_* macros do not import into Swift. Every name Docker's default profile
// mentions is listed, plus a few it refuses by leaving out (keyctl, kexec_load, ...), which tests use.
// An entry this architecture lacks (chown32 and the other 32-bit calls on x86_64, iopl on arm64)
// is left out by its #ifdef, and the filter skips it, as libseccomp does.
//
// The table is sorted by name (strcmp order) so a lookup is a binary search: a profile names some
// 430 calls, and every container start looks each one up.
#include "dy_linux.h"

#include <linux/audit.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

// Calls newer than this host's C library headers (Debian 12's glibc knows calls up to about 450).
// Since Linux 5.1 (pidfd_send_signal, 424) a new call gets the same number on every architecture,
// so these numbers hold on x86_64 and arm64 alike; the kernel answers ENOSYS if it predates one.
#ifndef SYS_cachestat
#define SYS_cachestat 451
#endif
#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif
#ifndef SYS_map_shadow_stack
#define SYS_map_shadow_stack 453
#endif
#ifndef SYS_futex_wake
#define SYS_futex_wake 454
#endif
#ifndef SYS_futex_wait
#define SYS_futex_wait 455
#endif
#ifndef SYS_futex_requeue
#define SYS_futex_requeue 456
#endif
#ifndef SYS_statmount
#define SYS_statmount 457
#endif
#ifndef SYS_listmount
#define SYS_listmount 458
#endif
#ifndef SYS_lsm_get_self_attr
#define SYS_lsm_get_self_attr 459
#endif
#ifndef SYS_lsm_set_self_attr
#define SYS_lsm_set_self_attr 460
#endif
#ifndef SYS_lsm_list_modules
#define SYS_lsm_list_modules 461
#endif
#ifndef SYS_mseal
#define SYS_mseal 462
#endif
#ifndef SYS_setxattrat
#define SYS_setxattrat 463
#endif
#ifndef SYS_getxattrat
#define SYS_getxattrat 464
#endif
#ifndef SYS_listxattrat
#define SYS_listxattrat 465
#endif
#ifndef SYS_removexattrat
#define SYS_removexattrat 466
#endif
// uretprobe is x86_64's alone (Linux 6.11), outside the shared numbering.
#if defined(__x86_64__) && !defined(SYS_uretprobe)
#define SYS_uretprobe 335
#endif

struct dy_syscall_entry {
    const char *name;
    long number;
};

#define DY_SYSCALL(call) { #call, SYS_##call }

static const struct dy_syscall_entry dy_syscalls[] = {
#ifdef SYS__llseek
    DY_SYSCALL(_llseek),
#endif
#ifdef SYS__newselect
    DY_SYSCALL(_newselect),
#endif
#ifdef SYS__sysctl
    DY_SYSCALL(_sysctl),
#endif
#ifdef SYS_accept
    DY_SYSCALL(accept),
#endif
#ifdef SYS_accept4
    DY_SYSCALL(accept4),
#endif
#ifdef SYS_access
    DY_SYSCALL(access),
#endif
#ifdef SYS_acct
    DY_SYSCALL(acct),
#endif
#ifdef SYS_add_key
    DY_SYSCALL(add_key),
#endif
#ifdef SYS_adjtimex
    DY_SYSCALL(adjtimex),
#endif
#ifdef SYS_alarm
    DY_SYSCALL(alarm),
#endif
#ifdef SYS_arch_prctl
    DY_SYSCALL(arch_prctl),
#endif
#ifdef SYS_arm_fadvise64_64
    DY_SYSCALL(arm_fadvise64_64),
#endif
#ifdef SYS_arm_sync_file_range
    DY_SYSCALL(arm_sync_file_range),
#endif
#ifdef SYS_bind
    DY_SYSCALL(bind),
#endif
#ifdef SYS_bpf
    DY_SYSCALL(bpf),
#endif
#ifdef SYS_breakpoint
    DY_SYSCALL(breakpoint),
#endif
#ifdef SYS_brk
    DY_SYSCALL(brk),
#endif
#ifdef SYS_cacheflush
    DY_SYSCALL(cacheflush),
#endif
#ifdef SYS_cachestat
    DY_SYSCALL(cachestat),
#endif
#ifdef SYS_capget
    DY_SYSCALL(capget),
#endif
#ifdef SYS_capset
    DY_SYSCALL(capset),
#endif
#ifdef SYS_chdir
    DY_SYSCALL(chdir),
#endif
#ifdef SYS_chmod
    DY_SYSCALL(chmod),
#endif
#ifdef SYS_chown
    DY_SYSCALL(chown),
#endif
#ifdef SYS_chown32
    DY_SYSCALL(chown32),
#endif
#ifdef SYS_chroot
    DY_SYSCALL(chroot),
#endif
#ifdef SYS_clock_adjtime
    DY_SYSCALL(clock_adjtime),
#endif
#ifdef SYS_clock_adjtime64
    DY_SYSCALL(clock_adjtime64),
#endif
#ifdef SYS_clock_getres
    DY_SYSCALL(clock_getres),
#endif
#ifdef SYS_clock_getres_time64
    DY_SYSCALL(clock_getres_time64),
#endif
#ifdef SYS_clock_gettime
    DY_SYSCALL(clock_gettime),
#endif
#ifdef SYS_clock_gettime64
    DY_SYSCALL(clock_gettime64),
#endif
#ifdef SYS_clock_nanosleep
    DY_SYSCALL(clock_nanosleep),
#endif
#ifdef SYS_clock_nanosleep_time64
    DY_SYSCALL(clock_nanosleep_time64),
#endif
#ifdef SYS_clock_settime
    DY_SYSCALL(clock_settime),
#endif
#ifdef SYS_clock_settime64
    DY_SYSCALL(clock_settime64),
#endif
#ifdef SYS_clone
    DY_SYSCALL(clone),
#endif
#ifdef SYS_clone3
    DY_SYSCALL(clone3),
#endif
#ifdef SYS_close
    DY_SYSCALL(close),
#endif
#ifdef SYS_close_range
    DY_SYSCALL(close_range),
#endif
#ifdef SYS_connect
    DY_SYSCALL(connect),
#endif
#ifdef SYS_copy_file_range
    DY_SYSCALL(copy_file_range),
#endif
#ifdef SYS_creat
    DY_SYSCALL(creat),
#endif
#ifdef SYS_create_module
    DY_SYSCALL(create_module),
#endif
#ifdef SYS_delete_module
    DY_SYSCALL(delete_module),
#endif
#ifdef SYS_dup
    DY_SYSCALL(dup),
#endif
#ifdef SYS_dup2
    DY_SYSCALL(dup2),
#endif
#ifdef SYS_dup3
    DY_SYSCALL(dup3),
#endif
#ifdef SYS_epoll_create
    DY_SYSCALL(epoll_create),
#endif
#ifdef SYS_epoll_create1
    DY_SYSCALL(epoll_create1),
#endif
#ifdef SYS_epoll_ctl
    DY_SYSCALL(epoll_ctl),
#endif
#ifdef SYS_epoll_ctl_old
    DY_SYSCALL(epoll_ctl_old),
#endif
#ifdef SYS_epoll_pwait
    DY_SYSCALL(epoll_pwait),
#endif
#ifdef SYS_epoll_pwait2
    DY_SYSCALL(epoll_pwait2),
#endif
#ifdef SYS_epoll_wait
    DY_SYSCALL(epoll_wait),
#endif
#ifdef SYS_epoll_wait_old
    DY_SYSCALL(epoll_wait_old),
#endif
#ifdef SYS_eventfd
    DY_SYSCALL(eventfd),
#endif
#ifdef SYS_eventfd2
    DY_SYSCALL(eventfd2),
#endif
#ifdef SYS_execve
    DY_SYSCALL(execve),
#endif
#ifdef SYS_execveat
    DY_SYSCALL(execveat),
#endif
#ifdef SYS_exit
    DY_SYSCALL(exit),
#endif
#ifdef SYS_exit_group
    DY_SYSCALL(exit_group),
#endif
#ifdef SYS_faccessat
    DY_SYSCALL(faccessat),
#endif
#ifdef SYS_faccessat2
    DY_SYSCALL(faccessat2),
#endif
#ifdef SYS_fadvise64
    DY_SYSCALL(fadvise64),
#endif
#ifdef SYS_fadvise64_64
    DY_SYSCALL(fadvise64_64),
#endif
#ifdef SYS_fallocate
    DY_SYSCALL(fallocate),
#endif
#ifdef SYS_fanotify_init
    DY_SYSCALL(fanotify_init),
#endif
#ifdef SYS_fanotify_mark
    DY_SYSCALL(fanotify_mark),
#endif
#ifdef SYS_fchdir
    DY_SYSCALL(fchdir),
#endif
#ifdef SYS_fchmod
    DY_SYSCALL(fchmod),
#endif
#ifdef SYS_fchmodat
    DY_SYSCALL(fchmodat),
#endif
#ifdef SYS_fchmodat2
    DY_SYSCALL(fchmodat2),
#endif
#ifdef SYS_fchown
    DY_SYSCALL(fchown),
#endif
#ifdef SYS_fchown32
    DY_SYSCALL(fchown32),
#endif
#ifdef SYS_fchownat
    DY_SYSCALL(fchownat),
#endif
#ifdef SYS_fcntl
    DY_SYSCALL(fcntl),
#endif
#ifdef SYS_fcntl64
    DY_SYSCALL(fcntl64),
#endif
#ifdef SYS_fdatasync
    DY_SYSCALL(fdatasync),
#endif
#ifdef SYS_fgetxattr
    DY_SYSCALL(fgetxattr),
#endif
#ifdef SYS_finit_module
    DY_SYSCALL(finit_module),
#endif
#ifdef SYS_flistxattr
    DY_SYSCALL(flistxattr),
#endif
#ifdef SYS_flock
    DY_SYSCALL(flock),
#endif
#ifdef SYS_fork
    DY_SYSCALL(fork),
#endif
#ifdef SYS_fremovexattr
    DY_SYSCALL(fremovexattr),
#endif
#ifdef SYS_fsconfig
    DY_SYSCALL(fsconfig),
#endif
#ifdef SYS_fsetxattr
    DY_SYSCALL(fsetxattr),
#endif
#ifdef SYS_fsmount
    DY_SYSCALL(fsmount),
#endif
#ifdef SYS_fsopen
    DY_SYSCALL(fsopen),
#endif
#ifdef SYS_fspick
    DY_SYSCALL(fspick),
#endif
#ifdef SYS_fstat
    DY_SYSCALL(fstat),
#endif
#ifdef SYS_fstat64
    DY_SYSCALL(fstat64),
#endif
#ifdef SYS_fstatat64
    DY_SYSCALL(fstatat64),
#endif
#ifdef SYS_fstatfs
    DY_SYSCALL(fstatfs),
#endif
#ifdef SYS_fstatfs64
    DY_SYSCALL(fstatfs64),
#endif
#ifdef SYS_fsync
    DY_SYSCALL(fsync),
#endif
#ifdef SYS_ftruncate
    DY_SYSCALL(ftruncate),
#endif
#ifdef SYS_ftruncate64
    DY_SYSCALL(ftruncate64),
#endif
#ifdef SYS_futex
    DY_SYSCALL(futex),
#endif
#ifdef SYS_futex_requeue
    DY_SYSCALL(futex_requeue),
#endif
#ifdef SYS_futex_time64
    DY_SYSCALL(futex_time64),
#endif
#ifdef SYS_futex_wait
    DY_SYSCALL(futex_wait),
#endif
#ifdef SYS_futex_waitv
    DY_SYSCALL(futex_waitv),
#endif
#ifdef SYS_futex_wake
    DY_SYSCALL(futex_wake),
#endif
#ifdef SYS_futimesat
    DY_SYSCALL(futimesat),
#endif
#ifdef SYS_get_kernel_syms
    DY_SYSCALL(get_kernel_syms),
#endif
#ifdef SYS_get_mempolicy
    DY_SYSCALL(get_mempolicy),
#endif
#ifdef SYS_get_robust_list
    DY_SYSCALL(get_robust_list),
#endif
#ifdef SYS_get_thread_area
    DY_SYSCALL(get_thread_area),
#endif
#ifdef SYS_getcpu
    DY_SYSCALL(getcpu),
#endif
#ifdef SYS_getcwd
    DY_SYSCALL(getcwd),
#endif
#ifdef SYS_getdents
    DY_SYSCALL(getdents),
#endif
#ifdef SYS_getdents64
    DY_SYSCALL(getdents64),
#endif
#ifdef SYS_getegid
    DY_SYSCALL(getegid),
#endif
#ifdef SYS_getegid32
    DY_SYSCALL(getegid32),
#endif
#ifdef SYS_geteuid
    DY_SYSCALL(geteuid),
#endif
#ifdef SYS_geteuid32
    DY_SYSCALL(geteuid32),
#endif
#ifdef SYS_getgid
    DY_SYSCALL(getgid),
#endif
#ifdef SYS_getgid32
    DY_SYSCALL(getgid32),
#endif
#ifdef SYS_getgroups
    DY_SYSCALL(getgroups),
#endif
#ifdef SYS_getgroups32
    DY_SYSCALL(getgroups32),
#endif
#ifdef SYS_getitimer
    DY_SYSCALL(getitimer),
#endif
#ifdef SYS_getpeername
    DY_SYSCALL(getpeername),
#endif
#ifdef SYS_getpgid
    DY_SYSCALL(getpgid),
#endif
#ifdef SYS_getpgrp
    DY_SYSCALL(getpgrp),
#endif
#ifdef SYS_getpid
    DY_SYSCALL(getpid),
#endif
#ifdef SYS_getppid
    DY_SYSCALL(getppid),
#endif
#ifdef SYS_getpriority
    DY_SYSCALL(getpriority),
#endif
#ifdef SYS_getrandom
    DY_SYSCALL(getrandom),
#endif
#ifdef SYS_getresgid
    DY_SYSCALL(getresgid),
#endif
#ifdef SYS_getresgid32
    DY_SYSCALL(getresgid32),
#endif
#ifdef SYS_getresuid
    DY_SYSCALL(getresuid),
#endif
#ifdef SYS_getresuid32
    DY_SYSCALL(getresuid32),
#endif
#ifdef SYS_getrlimit
    DY_SYSCALL(getrlimit),
#endif
#ifdef SYS_getrusage
    DY_SYSCALL(getrusage),
#endif
#ifdef SYS_getsid
    DY_SYSCALL(getsid),
#endif
#ifdef SYS_getsockname
    DY_SYSCALL(getsockname),
#endif
#ifdef SYS_getsockopt
    DY_SYSCALL(getsockopt),
#endif
#ifdef SYS_gettid
    DY_SYSCALL(gettid),
#endif
#ifdef SYS_gettimeofday
    DY_SYSCALL(gettimeofday),
#endif
#ifdef SYS_getuid
    DY_SYSCALL(getuid),
#endif
#ifdef SYS_getuid32
    DY_SYSCALL(getuid32),
#endif
#ifdef SYS_getxattr
    DY_SYSCALL(getxattr),
#endif
#ifdef SYS_getxattrat
    DY_SYSCALL(getxattrat),
#endif
#ifdef SYS_init_module
    DY_SYSCALL(init_module),
#endif
#ifdef SYS_inotify_add_watch
    DY_SYSCALL(inotify_add_watch),
#endif
#ifdef SYS_inotify_init
    DY_SYSCALL(inotify_init),
#endif
#ifdef SYS_inotify_init1
    DY_SYSCALL(inotify_init1),
#endif
#ifdef SYS_inotify_rm_watch
    DY_SYSCALL(inotify_rm_watch),
#endif
#ifdef SYS_io_cancel
    DY_SYSCALL(io_cancel),
#endif
#ifdef SYS_io_destroy
    DY_SYSCALL(io_destroy),
#endif
#ifdef SYS_io_getevents
    DY_SYSCALL(io_getevents),
#endif
#ifdef SYS_io_pgetevents
    DY_SYSCALL(io_pgetevents),
#endif
#ifdef SYS_io_pgetevents_time64
    DY_SYSCALL(io_pgetevents_time64),
#endif
#ifdef SYS_io_setup
    DY_SYSCALL(io_setup),
#endif
#ifdef SYS_io_submit
    DY_SYSCALL(io_submit),
#endif
#ifdef SYS_ioctl
    DY_SYSCALL(ioctl),
#endif
#ifdef SYS_ioperm
    DY_SYSCALL(ioperm),
#endif
#ifdef SYS_iopl
    DY_SYSCALL(iopl),
#endif
#ifdef SYS_ioprio_get
    DY_SYSCALL(ioprio_get),
#endif
#ifdef SYS_ioprio_set
    DY_SYSCALL(ioprio_set),
#endif
#ifdef SYS_ipc
    DY_SYSCALL(ipc),
#endif
#ifdef SYS_kcmp
    DY_SYSCALL(kcmp),
#endif
#ifdef SYS_kexec_file_load
    DY_SYSCALL(kexec_file_load),
#endif
#ifdef SYS_kexec_load
    DY_SYSCALL(kexec_load),
#endif
#ifdef SYS_keyctl
    DY_SYSCALL(keyctl),
#endif
#ifdef SYS_kill
    DY_SYSCALL(kill),
#endif
#ifdef SYS_landlock_add_rule
    DY_SYSCALL(landlock_add_rule),
#endif
#ifdef SYS_landlock_create_ruleset
    DY_SYSCALL(landlock_create_ruleset),
#endif
#ifdef SYS_landlock_restrict_self
    DY_SYSCALL(landlock_restrict_self),
#endif
#ifdef SYS_lchown
    DY_SYSCALL(lchown),
#endif
#ifdef SYS_lchown32
    DY_SYSCALL(lchown32),
#endif
#ifdef SYS_lgetxattr
    DY_SYSCALL(lgetxattr),
#endif
#ifdef SYS_link
    DY_SYSCALL(link),
#endif
#ifdef SYS_linkat
    DY_SYSCALL(linkat),
#endif
#ifdef SYS_listen
    DY_SYSCALL(listen),
#endif
#ifdef SYS_listmount
    DY_SYSCALL(listmount),
#endif
#ifdef SYS_listxattr
    DY_SYSCALL(listxattr),
#endif
#ifdef SYS_listxattrat
    DY_SYSCALL(listxattrat),
#endif
#ifdef SYS_llistxattr
    DY_SYSCALL(llistxattr),
#endif
#ifdef SYS_lookup_dcookie
    DY_SYSCALL(lookup_dcookie),
#endif
#ifdef SYS_lremovexattr
    DY_SYSCALL(lremovexattr),
#endif
#ifdef SYS_lseek
    DY_SYSCALL(lseek),
#endif
#ifdef SYS_lsetxattr
    DY_SYSCALL(lsetxattr),
#endif
#ifdef SYS_lsm_get_self_attr
    DY_SYSCALL(lsm_get_self_attr),
#endif
#ifdef SYS_lsm_list_modules
    DY_SYSCALL(lsm_list_modules),
#endif
#ifdef SYS_lsm_set_self_attr
    DY_SYSCALL(lsm_set_self_attr),
#endif
#ifdef SYS_lstat
    DY_SYSCALL(lstat),
#endif
#ifdef SYS_lstat64
    DY_SYSCALL(lstat64),
#endif
#ifdef SYS_madvise
    DY_SYSCALL(madvise),
#endif
#ifdef SYS_map_shadow_stack
    DY_SYSCALL(map_shadow_stack),
#endif
#ifdef SYS_mbind
    DY_SYSCALL(mbind),
#endif
#ifdef SYS_membarrier
    DY_SYSCALL(membarrier),
#endif
#ifdef SYS_memfd_create
    DY_SYSCALL(memfd_create),
#endif
#ifdef SYS_memfd_secret
    DY_SYSCALL(memfd_secret),
#endif
#ifdef SYS_mincore
    DY_SYSCALL(mincore),
#endif
#ifdef SYS_mkdir
    DY_SYSCALL(mkdir),
#endif
#ifdef SYS_mkdirat
    DY_SYSCALL(mkdirat),
#endif
#ifdef SYS_mknod
    DY_SYSCALL(mknod),
#endif
#ifdef SYS_mknodat
    DY_SYSCALL(mknodat),
#endif
#ifdef SYS_mlock
    DY_SYSCALL(mlock),
#endif
#ifdef SYS_mlock2
    DY_SYSCALL(mlock2),
#endif
#ifdef SYS_mlockall
    DY_SYSCALL(mlockall),
#endif
#ifdef SYS_mmap
    DY_SYSCALL(mmap),
#endif
#ifdef SYS_mmap2
    DY_SYSCALL(mmap2),
#endif
#ifdef SYS_modify_ldt
    DY_SYSCALL(modify_ldt),
#endif
#ifdef SYS_mount
    DY_SYSCALL(mount),
#endif
#ifdef SYS_mount_setattr
    DY_SYSCALL(mount_setattr),
#endif
#ifdef SYS_move_mount
    DY_SYSCALL(move_mount),
#endif
#ifdef SYS_move_pages
    DY_SYSCALL(move_pages),
#endif
#ifdef SYS_mprotect
    DY_SYSCALL(mprotect),
#endif
#ifdef SYS_mq_getsetattr
    DY_SYSCALL(mq_getsetattr),
#endif
#ifdef SYS_mq_notify
    DY_SYSCALL(mq_notify),
#endif
#ifdef SYS_mq_open
    DY_SYSCALL(mq_open),
#endif
#ifdef SYS_mq_timedreceive
    DY_SYSCALL(mq_timedreceive),
#endif
#ifdef SYS_mq_timedreceive_time64
    DY_SYSCALL(mq_timedreceive_time64),
#endif
#ifdef SYS_mq_timedsend
    DY_SYSCALL(mq_timedsend),
#endif
#ifdef SYS_mq_timedsend_time64
    DY_SYSCALL(mq_timedsend_time64),
#endif
#ifdef SYS_mq_unlink
    DY_SYSCALL(mq_unlink),
#endif
#ifdef SYS_mremap
    DY_SYSCALL(mremap),
#endif
#ifdef SYS_mseal
    DY_SYSCALL(mseal),
#endif
#ifdef SYS_msgctl
    DY_SYSCALL(msgctl),
#endif
#ifdef SYS_msgget
    DY_SYSCALL(msgget),
#endif
#ifdef SYS_msgrcv
    DY_SYSCALL(msgrcv),
#endif
#ifdef SYS_msgsnd
    DY_SYSCALL(msgsnd),
#endif
#ifdef SYS_msync
    DY_SYSCALL(msync),
#endif
#ifdef SYS_munlock
    DY_SYSCALL(munlock),
#endif
#ifdef SYS_munlockall
    DY_SYSCALL(munlockall),
#endif
#ifdef SYS_munmap
    DY_SYSCALL(munmap),
#endif
#ifdef SYS_name_to_handle_at
    DY_SYSCALL(name_to_handle_at),
#endif
#ifdef SYS_nanosleep
    DY_SYSCALL(nanosleep),
#endif
#ifdef SYS_newfstatat
    DY_SYSCALL(newfstatat),
#endif
#ifdef SYS_nfsservctl
    DY_SYSCALL(nfsservctl),
#endif
#ifdef SYS_open
    DY_SYSCALL(open),
#endif
#ifdef SYS_open_by_handle_at
    DY_SYSCALL(open_by_handle_at),
#endif
#ifdef SYS_open_tree
    DY_SYSCALL(open_tree),
#endif
#ifdef SYS_openat
    DY_SYSCALL(openat),
#endif
#ifdef SYS_openat2
    DY_SYSCALL(openat2),
#endif
#ifdef SYS_pause
    DY_SYSCALL(pause),
#endif
#ifdef SYS_perf_event_open
    DY_SYSCALL(perf_event_open),
#endif
#ifdef SYS_personality
    DY_SYSCALL(personality),
#endif
#ifdef SYS_pidfd_getfd
    DY_SYSCALL(pidfd_getfd),
#endif
#ifdef SYS_pidfd_open
    DY_SYSCALL(pidfd_open),
#endif
#ifdef SYS_pidfd_send_signal
    DY_SYSCALL(pidfd_send_signal),
#endif
#ifdef SYS_pipe
    DY_SYSCALL(pipe),
#endif
#ifdef SYS_pipe2
    DY_SYSCALL(pipe2),
#endif
#ifdef SYS_pivot_root
    DY_SYSCALL(pivot_root),
#endif
#ifdef SYS_pkey_alloc
    DY_SYSCALL(pkey_alloc),
#endif
#ifdef SYS_pkey_free
    DY_SYSCALL(pkey_free),
#endif
#ifdef SYS_pkey_mprotect
    DY_SYSCALL(pkey_mprotect),
#endif
#ifdef SYS_poll
    DY_SYSCALL(poll),
#endif
#ifdef SYS_ppoll
    DY_SYSCALL(ppoll),
#endif
#ifdef SYS_ppoll_time64
    DY_SYSCALL(ppoll_time64),
#endif
#ifdef SYS_prctl
    DY_SYSCALL(prctl),
#endif
#ifdef SYS_pread64
    DY_SYSCALL(pread64),
#endif
#ifdef SYS_preadv
    DY_SYSCALL(preadv),
#endif
#ifdef SYS_preadv2
    DY_SYSCALL(preadv2),
#endif
#ifdef SYS_prlimit64
    DY_SYSCALL(prlimit64),
#endif
#ifdef SYS_process_madvise
    DY_SYSCALL(process_madvise),
#endif
#ifdef SYS_process_mrelease
    DY_SYSCALL(process_mrelease),
#endif
#ifdef SYS_process_vm_readv
    DY_SYSCALL(process_vm_readv),
#endif
#ifdef SYS_process_vm_writev
    DY_SYSCALL(process_vm_writev),
#endif
#ifdef SYS_pselect6
    DY_SYSCALL(pselect6),
#endif
#ifdef SYS_pselect6_time64
    DY_SYSCALL(pselect6_time64),
#endif
#ifdef SYS_ptrace
    DY_SYSCALL(ptrace),
#endif
#ifdef SYS_pwrite64
    DY_SYSCALL(pwrite64),
#endif
#ifdef SYS_pwritev
    DY_SYSCALL(pwritev),
#endif
#ifdef SYS_pwritev2
    DY_SYSCALL(pwritev2),
#endif
#ifdef SYS_query_module
    DY_SYSCALL(query_module),
#endif
#ifdef SYS_quotactl
    DY_SYSCALL(quotactl),
#endif
#ifdef SYS_quotactl_fd
    DY_SYSCALL(quotactl_fd),
#endif
#ifdef SYS_read
    DY_SYSCALL(read),
#endif
#ifdef SYS_readahead
    DY_SYSCALL(readahead),
#endif
#ifdef SYS_readlink
    DY_SYSCALL(readlink),
#endif
#ifdef SYS_readlinkat
    DY_SYSCALL(readlinkat),
#endif
#ifdef SYS_readv
    DY_SYSCALL(readv),
#endif
#ifdef SYS_reboot
    DY_SYSCALL(reboot),
#endif
#ifdef SYS_recv
    DY_SYSCALL(recv),
#endif
#ifdef SYS_recvfrom
    DY_SYSCALL(recvfrom),
#endif
#ifdef SYS_recvmmsg
    DY_SYSCALL(recvmmsg),
#endif
#ifdef SYS_recvmmsg_time64
    DY_SYSCALL(recvmmsg_time64),
#endif
#ifdef SYS_recvmsg
    DY_SYSCALL(recvmsg),
#endif
#ifdef SYS_remap_file_pages
    DY_SYSCALL(remap_file_pages),
#endif
#ifdef SYS_removexattr
    DY_SYSCALL(removexattr),
#endif
#ifdef SYS_removexattrat
    DY_SYSCALL(removexattrat),
#endif
#ifdef SYS_rename
    DY_SYSCALL(rename),
#endif
#ifdef SYS_renameat
    DY_SYSCALL(renameat),
#endif
#ifdef SYS_renameat2
    DY_SYSCALL(renameat2),
#endif
#ifdef SYS_request_key
    DY_SYSCALL(request_key),
#endif
#ifdef SYS_restart_syscall
    DY_SYSCALL(restart_syscall),
#endif
#ifdef SYS_riscv_flush_icache
    DY_SYSCALL(riscv_flush_icache),
#endif
#ifdef SYS_riscv_hwprobe
    DY_SYSCALL(riscv_hwprobe),
#endif
#ifdef SYS_rmdir
    DY_SYSCALL(rmdir),
#endif
#ifdef SYS_rseq
    DY_SYSCALL(rseq),
#endif
#ifdef SYS_rt_sigaction
    DY_SYSCALL(rt_sigaction),
#endif
#ifdef SYS_rt_sigpending
    DY_SYSCALL(rt_sigpending),
#endif
#ifdef SYS_rt_sigprocmask
    DY_SYSCALL(rt_sigprocmask),
#endif
#ifdef SYS_rt_sigqueueinfo
    DY_SYSCALL(rt_sigqueueinfo),
#endif
#ifdef SYS_rt_sigreturn
    DY_SYSCALL(rt_sigreturn),
#endif
#ifdef SYS_rt_sigsuspend
    DY_SYSCALL(rt_sigsuspend),
#endif
#ifdef SYS_rt_sigtimedwait
    DY_SYSCALL(rt_sigtimedwait),
#endif
#ifdef SYS_rt_sigtimedwait_time64
    DY_SYSCALL(rt_sigtimedwait_time64),
#endif
#ifdef SYS_rt_tgsigqueueinfo
    DY_SYSCALL(rt_tgsigqueueinfo),
#endif
#ifdef SYS_s390_pci_mmio_read
    DY_SYSCALL(s390_pci_mmio_read),
#endif
#ifdef SYS_s390_pci_mmio_write
    DY_SYSCALL(s390_pci_mmio_write),
#endif
#ifdef SYS_s390_runtime_instr
    DY_SYSCALL(s390_runtime_instr),
#endif
#ifdef SYS_sched_get_priority_max
    DY_SYSCALL(sched_get_priority_max),
#endif
#ifdef SYS_sched_get_priority_min
    DY_SYSCALL(sched_get_priority_min),
#endif
#ifdef SYS_sched_getaffinity
    DY_SYSCALL(sched_getaffinity),
#endif
#ifdef SYS_sched_getattr
    DY_SYSCALL(sched_getattr),
#endif
#ifdef SYS_sched_getparam
    DY_SYSCALL(sched_getparam),
#endif
#ifdef SYS_sched_getscheduler
    DY_SYSCALL(sched_getscheduler),
#endif
#ifdef SYS_sched_rr_get_interval
    DY_SYSCALL(sched_rr_get_interval),
#endif
#ifdef SYS_sched_rr_get_interval_time64
    DY_SYSCALL(sched_rr_get_interval_time64),
#endif
#ifdef SYS_sched_setaffinity
    DY_SYSCALL(sched_setaffinity),
#endif
#ifdef SYS_sched_setattr
    DY_SYSCALL(sched_setattr),
#endif
#ifdef SYS_sched_setparam
    DY_SYSCALL(sched_setparam),
#endif
#ifdef SYS_sched_setscheduler
    DY_SYSCALL(sched_setscheduler),
#endif
#ifdef SYS_sched_yield
    DY_SYSCALL(sched_yield),
#endif
#ifdef SYS_seccomp
    DY_SYSCALL(seccomp),
#endif
#ifdef SYS_select
    DY_SYSCALL(select),
#endif
#ifdef SYS_semctl
    DY_SYSCALL(semctl),
#endif
#ifdef SYS_semget
    DY_SYSCALL(semget),
#endif
#ifdef SYS_semop
    DY_SYSCALL(semop),
#endif
#ifdef SYS_semtimedop
    DY_SYSCALL(semtimedop),
#endif
#ifdef SYS_semtimedop_time64
    DY_SYSCALL(semtimedop_time64),
#endif
#ifdef SYS_send
    DY_SYSCALL(send),
#endif
#ifdef SYS_sendfile
    DY_SYSCALL(sendfile),
#endif
#ifdef SYS_sendfile64
    DY_SYSCALL(sendfile64),
#endif
#ifdef SYS_sendmmsg
    DY_SYSCALL(sendmmsg),
#endif
#ifdef SYS_sendmsg
    DY_SYSCALL(sendmsg),
#endif
#ifdef SYS_sendto
    DY_SYSCALL(sendto),
#endif
#ifdef SYS_set_mempolicy
    DY_SYSCALL(set_mempolicy),
#endif
#ifdef SYS_set_mempolicy_home_node
    DY_SYSCALL(set_mempolicy_home_node),
#endif
#ifdef SYS_set_robust_list
    DY_SYSCALL(set_robust_list),
#endif
#ifdef SYS_set_thread_area
    DY_SYSCALL(set_thread_area),
#endif
#ifdef SYS_set_tid_address
    DY_SYSCALL(set_tid_address),
#endif
#ifdef SYS_set_tls
    DY_SYSCALL(set_tls),
#endif
#ifdef SYS_setdomainname
    DY_SYSCALL(setdomainname),
#endif
#ifdef SYS_setfsgid
    DY_SYSCALL(setfsgid),
#endif
#ifdef SYS_setfsgid32
    DY_SYSCALL(setfsgid32),
#endif
#ifdef SYS_setfsuid
    DY_SYSCALL(setfsuid),
#endif
#ifdef SYS_setfsuid32
    DY_SYSCALL(setfsuid32),
#endif
#ifdef SYS_setgid
    DY_SYSCALL(setgid),
#endif
#ifdef SYS_setgid32
    DY_SYSCALL(setgid32),
#endif
#ifdef SYS_setgroups
    DY_SYSCALL(setgroups),
#endif
#ifdef SYS_setgroups32
    DY_SYSCALL(setgroups32),
#endif
#ifdef SYS_sethostname
    DY_SYSCALL(sethostname),
#endif
#ifdef SYS_setitimer
    DY_SYSCALL(setitimer),
#endif
#ifdef SYS_setns
    DY_SYSCALL(setns),
#endif
#ifdef SYS_setpgid
    DY_SYSCALL(setpgid),
#endif
#ifdef SYS_setpriority
    DY_SYSCALL(setpriority),
#endif
#ifdef SYS_setregid
    DY_SYSCALL(setregid),
#endif
#ifdef SYS_setregid32
    DY_SYSCALL(setregid32),
#endif
#ifdef SYS_setresgid
    DY_SYSCALL(setresgid),
#endif
#ifdef SYS_setresgid32
    DY_SYSCALL(setresgid32),
#endif
#ifdef SYS_setresuid
    DY_SYSCALL(setresuid),
#endif
#ifdef SYS_setresuid32
    DY_SYSCALL(setresuid32),
#endif
#ifdef SYS_setreuid
    DY_SYSCALL(setreuid),
#endif
#ifdef SYS_setreuid32
    DY_SYSCALL(setreuid32),
#endif
#ifdef SYS_setrlimit
    DY_SYSCALL(setrlimit),
#endif
#ifdef SYS_setsid
    DY_SYSCALL(setsid),
#endif
#ifdef SYS_setsockopt
    DY_SYSCALL(setsockopt),
#endif
#ifdef SYS_settimeofday
    DY_SYSCALL(settimeofday),
#endif
#ifdef SYS_setuid
    DY_SYSCALL(setuid),
#endif
#ifdef SYS_setuid32
    DY_SYSCALL(setuid32),
#endif
#ifdef SYS_setxattr
    DY_SYSCALL(setxattr),
#endif
#ifdef SYS_setxattrat
    DY_SYSCALL(setxattrat),
#endif
#ifdef SYS_shmat
    DY_SYSCALL(shmat),
#endif
#ifdef SYS_shmctl
    DY_SYSCALL(shmctl),
#endif
#ifdef SYS_shmdt
    DY_SYSCALL(shmdt),
#endif
#ifdef SYS_shmget
    DY_SYSCALL(shmget),
#endif
#ifdef SYS_shutdown
    DY_SYSCALL(shutdown),
#endif
#ifdef SYS_sigaltstack
    DY_SYSCALL(sigaltstack),
#endif
#ifdef SYS_signalfd
    DY_SYSCALL(signalfd),
#endif
#ifdef SYS_signalfd4
    DY_SYSCALL(signalfd4),
#endif
#ifdef SYS_sigprocmask
    DY_SYSCALL(sigprocmask),
#endif
#ifdef SYS_sigreturn
    DY_SYSCALL(sigreturn),
#endif
#ifdef SYS_socket
    DY_SYSCALL(socket),
#endif
#ifdef SYS_socketcall
    DY_SYSCALL(socketcall),
#endif
#ifdef SYS_socketpair
    DY_SYSCALL(socketpair),
#endif
#ifdef SYS_splice
    DY_SYSCALL(splice),
#endif
#ifdef SYS_stat
    DY_SYSCALL(stat),
#endif
#ifdef SYS_stat64
    DY_SYSCALL(stat64),
#endif
#ifdef SYS_statfs
    DY_SYSCALL(statfs),
#endif
#ifdef SYS_statfs64
    DY_SYSCALL(statfs64),
#endif
#ifdef SYS_statmount
    DY_SYSCALL(statmount),
#endif
#ifdef SYS_statx
    DY_SYSCALL(statx),
#endif
#ifdef SYS_stime
    DY_SYSCALL(stime),
#endif
#ifdef SYS_swapcontext
    DY_SYSCALL(swapcontext),
#endif
#ifdef SYS_swapoff
    DY_SYSCALL(swapoff),
#endif
#ifdef SYS_swapon
    DY_SYSCALL(swapon),
#endif
#ifdef SYS_symlink
    DY_SYSCALL(symlink),
#endif
#ifdef SYS_symlinkat
    DY_SYSCALL(symlinkat),
#endif
#ifdef SYS_sync
    DY_SYSCALL(sync),
#endif
#ifdef SYS_sync_file_range
    DY_SYSCALL(sync_file_range),
#endif
#ifdef SYS_sync_file_range2
    DY_SYSCALL(sync_file_range2),
#endif
#ifdef SYS_syncfs
    DY_SYSCALL(syncfs),
#endif
#ifdef SYS_sysfs
    DY_SYSCALL(sysfs),
#endif
#ifdef SYS_sysinfo
    DY_SYSCALL(sysinfo),
#endif
#ifdef SYS_syslog
    DY_SYSCALL(syslog),
#endif
#ifdef SYS_tee
    DY_SYSCALL(tee),
#endif
#ifdef SYS_tgkill
    DY_SYSCALL(tgkill),
#endif
#ifdef SYS_time
    DY_SYSCALL(time),
#endif
#ifdef SYS_timer_create
    DY_SYSCALL(timer_create),
#endif
#ifdef SYS_timer_delete
    DY_SYSCALL(timer_delete),
#endif
#ifdef SYS_timer_getoverrun
    DY_SYSCALL(timer_getoverrun),
#endif
#ifdef SYS_timer_gettime
    DY_SYSCALL(timer_gettime),
#endif
#ifdef SYS_timer_gettime64
    DY_SYSCALL(timer_gettime64),
#endif
#ifdef SYS_timer_settime
    DY_SYSCALL(timer_settime),
#endif
#ifdef SYS_timer_settime64
    DY_SYSCALL(timer_settime64),
#endif
#ifdef SYS_timerfd_create
    DY_SYSCALL(timerfd_create),
#endif
#ifdef SYS_timerfd_gettime
    DY_SYSCALL(timerfd_gettime),
#endif
#ifdef SYS_timerfd_gettime64
    DY_SYSCALL(timerfd_gettime64),
#endif
#ifdef SYS_timerfd_settime
    DY_SYSCALL(timerfd_settime),
#endif
#ifdef SYS_timerfd_settime64
    DY_SYSCALL(timerfd_settime64),
#endif
#ifdef SYS_times
    DY_SYSCALL(times),
#endif
#ifdef SYS_tkill
    DY_SYSCALL(tkill),
#endif
#ifdef SYS_truncate
    DY_SYSCALL(truncate),
#endif
#ifdef SYS_truncate64
    DY_SYSCALL(truncate64),
#endif
#ifdef SYS_ugetrlimit
    DY_SYSCALL(ugetrlimit),
#endif
#ifdef SYS_umask
    DY_SYSCALL(umask),
#endif
#ifdef SYS_umount
    DY_SYSCALL(umount),
#endif
#ifdef SYS_umount2
    DY_SYSCALL(umount2),
#endif
#ifdef SYS_uname
    DY_SYSCALL(uname),
#endif
#ifdef SYS_unlink
    DY_SYSCALL(unlink),
#endif
#ifdef SYS_unlinkat
    DY_SYSCALL(unlinkat),
#endif
#ifdef SYS_unshare
    DY_SYSCALL(unshare),
#endif
#ifdef SYS_uretprobe
    DY_SYSCALL(uretprobe),
#endif
#ifdef SYS_uselib
    DY_SYSCALL(uselib),
#endif
#ifdef SYS_userfaultfd
    DY_SYSCALL(userfaultfd),
#endif
#ifdef SYS_ustat
    DY_SYSCALL(ustat),
#endif
#ifdef SYS_utime
    DY_SYSCALL(utime),
#endif
#ifdef SYS_utimensat
    DY_SYSCALL(utimensat),
#endif
#ifdef SYS_utimensat_time64
    DY_SYSCALL(utimensat_time64),
#endif
#ifdef SYS_utimes
    DY_SYSCALL(utimes),
#endif
#ifdef SYS_vfork
    DY_SYSCALL(vfork),
#endif
#ifdef SYS_vhangup
    DY_SYSCALL(vhangup),
#endif
#ifdef SYS_vmsplice
    DY_SYSCALL(vmsplice),
#endif
#ifdef SYS_wait4
    DY_SYSCALL(wait4),
#endif
#ifdef SYS_waitid
    DY_SYSCALL(waitid),
#endif
#ifdef SYS_waitpid
    DY_SYSCALL(waitpid),
#endif
#ifdef SYS_write
    DY_SYSCALL(write),
#endif
#ifdef SYS_writev
    DY_SYSCALL(writev),
#endif
};

static int dy_compare_syscall(const void *key, const void *entry) {
    return strcmp((const char *)key, ((const struct dy_syscall_entry *)entry)->name);
}

long dy_syscall_number(const char *name) {
    const struct dy_syscall_entry *found = bsearch(name, dy_syscalls, sizeof dy_syscalls / sizeof dy_syscalls[0],
                                                   sizeof dy_syscalls[0], dy_compare_syscall);
    return found ? found->number : -1;
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
