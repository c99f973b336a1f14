// CLinux: the only C in Dockyard. Each function is here because Swift cannot do it safely:
//
// - dy_spawn_container: clone(2) with CLONE_NEW* flags is not callable from Swift, and the child
//   of a clone in a multithreaded process may only make async-signal-safe system calls until it
//   execs (no malloc, no Swift runtime). So the whole path from clone to execve is C, driven by a
//   plan that Swift prepared (LinuxKernel/LaunchPlan.swift): every stage from the first wait for
//   the parent through mounts, pivot_root, hostname, confinement and identity to exec is one
//   step of an array, run in order; a failure is reported by its index. The same function starts
//   an `exec`'d process and a container that joins another's namespaces: setns(2) into a pid
//   namespace holds for the caller's next child only, around the clone.
// - dy_receive_fd: SCM_RIGHTS needs the CMSG_* macros, which Swift cannot use.
// - dy_spawn_daemon: fork+exec of a detached container's monitor.
// - dy_spawn_remover, dy_hand_over_remover: a detached process that finishes a `--rm` container's
//   removal after `run` has exited; between clone and exit only raw system calls (remover.c).
// - dy_forward_signals_to: a signal handler that passes signals on to the container.
// - dy_openat2: openat2(2) has no glibc wrapper, and the variadic syscall(2) does not import.
// - dy_install_seccomp, dy_limit_bounding_set, dy_set_capabilities: confinement, in the child.
// - dy_syscall_number: system call numbers live in <sys/syscall.h> macros Swift cannot see.
// - dy_attach_idmapped: idmapped layers for a user namespace, made by a helper that setns()es.
// - dy_attach_device_filter: bpf(2) has no glibc wrapper, and its argument is `union bpf_attr`,
//   a C union with a different layout for each command.
// - dy_open_detached_overlay: fsopen/fsconfig/fsmount have no wrappers Swift can import.
// - dy_rootless_*: rootless mode's holder process and joining its user namespace, which the kernel
//   allows only to a single-threaded process (rootless.c).
// - dy_netns_*: a network namespace made by unshare(2) on the calling thread and pinned by a bind
//   mount, with the thread back in its own namespace before any Swift runs on it (netns.c).
//
// Paths inside the container are resolved by fd, never by string: a step with a `root` opens
// its target with openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS) relative to the rootfs, so
// a symlink in an image (/etc -> /host-target) resolves inside the rootfs as it would after
// pivot_root, and cannot aim a mount, a mkdir or a device node at the host. The mount is then
// made onto /proc/self/fd/N, the fd that was resolved. This runs in the cloned child, so it uses
// raw system calls and stack buffers only (no malloc), like the rest of that path.
//
// Errors from the child come back over a close-on-exec pipe as (step index, errno): the parent
// learns exactly which step failed, and EOF on the pipe means execve succeeded.
#ifndef DY_LINUX_H
#define DY_LINUX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/vfs.h>   // statfs(2): Glibc's Swift module leaves it out; tells cgroupfs from a plain tree

/// What one setup step does inside the container's new mount namespace.
enum dy_step_kind {
    DY_STEP_MOUNT = 1,      // mount(source, target, fstype, flags, data)
    DY_STEP_MKDIR = 2,      // mkdir -p target (mode)
    DY_STEP_MKNOD = 3,      // mknod target as a char device (major, minor), then chmod mode; a
                            // block device when mode carries S_IFBLK (its file-type bits)
    DY_STEP_SYMLINK = 4,    // symlink(source, target)
    DY_STEP_TOUCH = 5,      // create target as an empty file if it does not exist (a bind-mount point)
    DY_STEP_REMOUNT = 6,    // mount(NULL, target, NULL, MS_REMOUNT|MS_BIND|flags, NULL): e.g. read-only
    DY_STEP_REMOUNT_RECURSIVE = 7,  // mount_setattr(AT_RECURSIVE) of flags' RDONLY/NOSUID/NODEV/NOEXEC:
                                    // the mount and every submount under it (in-root steps only)

    // The stages of a process's start around the filesystem steps. Swift's LaunchPlan decides
    // which run and in what order; spawn.c runs them as it finds them.
    DY_STEP_WAIT_FOR_PARENT = 8,    // block until the parent writes one byte on the go pipe
    DY_STEP_NAMESPACE_ROOT = 9,     // setresgid/setresuid(0, 0, 0) in a new user namespace
    DY_STEP_PRIVATE_MOUNTS = 10,    // mount(NULL, "/", MS_REC|MS_PRIVATE): no propagation either way
    DY_STEP_PIVOT_ROOT = 11,        // target becomes /; the old root is detached
    DY_STEP_HOSTNAME = 12,          // sethostname(source)
    DY_STEP_LOOPBACK_UP = 13,       // `lo` up in a new network namespace
    DY_STEP_CGROUP_NAMESPACE = 14,  // unshare(CLONE_NEWCGROUP), and report its inode
    DY_STEP_JOIN_NAMESPACE = 15,    // setns() into the namespace file `source` (/proc/PID/ns/KIND),
                                    // opened before the clone; flags = CLONE_NEW*
    DY_STEP_STREAMS = 16,           // a terminal (-t) or stdio, and every other fd close-on-exec
    DY_STEP_SECCOMP = 17,           // install the seccomp filter (security.c)
    DY_STEP_BOUNDING_SET = 18,      // drop what is not kept from the bounding set, keep-caps on
    DY_STEP_IDENTITY = 19,          // groups, gid, then uid
    DY_STEP_CAPABILITIES = 20,      // effective and permitted sets; ambient cleared, keep-caps off
    DY_STEP_NO_NEW_PRIVILEGES = 21, // PR_SET_NO_NEW_PRIVS
    DY_STEP_WORKING_DIRECTORY = 22, // chdir(target)
    DY_STEP_EXEC = 23,              // execve argv[0], searched in search_path; restores the umask
    DY_STEP_WRITE = 24,             // write data to the existing file target (a sysctl under /proc/sys)
    DY_STEP_RLIMIT = 25,            // setrlimit(mode, {soft_limit, hard_limit}): a --ulimit
    DY_STEP_WAIT_FOR_START = 26,    // the OCI runtime's create/start split (runc's exec.fifo): report
                                    // DY_STAGE_CREATED, then block reading one byte from the fifo
                                    // `source`, opened read-write before the clone, until `start`
                                    // writes it; the parent is gone by then, so later failures
                                    // only exit 127
    DY_STEP_JOIN_CGROUP = 27,       // cgroup v1: write "0" to the `tasks` file `source`, opened write-only
                                    // before the clone: the writing thread (the child's only one)
                                    // moves itself, which needs no global lock (see LaunchPlan)
};

/// A step with a non-NULL `root` (struct dy_step) treats `target` as a path inside that rootfs
/// and resolves it there (see above); mkdir makes missing directories one component at a time
/// under the same rule, and mknod/symlink/touch act in the resolved parent directory.

/// One step of the container's setup plan. Paths are absolute host paths before pivot_root.
struct dy_step {
    int kind;
    const char *source;
    const char *target;
    const char *fstype;
    const char *data;
    unsigned long flags;
    unsigned int mode;
    unsigned int major;
    unsigned int minor;
    const char *root;       // non-NULL: `target` is inside this rootfs and is resolved in it by fd
    uint64_t soft_limit;    // DY_STEP_RLIMIT: the limits set on resource `mode`
    uint64_t hard_limit;
};

/// One instruction of a classic BPF program: the layout of the kernel's `struct sock_filter`.
/// A seccomp filter is such a program, run by the kernel on every system call the process makes.
struct dy_bpf_instruction {
    uint16_t code;
    uint8_t jt;
    uint8_t jf;
    uint32_t k;
};

/// Everything the child needs, prepared by Swift before clone. `steps` is the whole plan, from
/// the first wait for the parent to exec; the other fields are the data its steps use.
struct dy_container_spec {
    int clone_flags;              // CLONE_NEWNS|CLONE_NEWPID|... (CLONE_NEWCGROUP is a step later)
    int cgroup_fd;                // >= 0: a cgroup v2 directory the child is born in (clone3 with
                                  // CLONE_INTO_CGROUP), so no cgroup.procs write is needed; -1: none
    const struct dy_step *steps;  // the launch plan, performed in order; the last one execs
    size_t step_count;
    uid_t uid;
    gid_t gid;
    const gid_t *groups;
    size_t group_count;           // SIZE_MAX: leave the groups as they are (setgroups denied)
    char *const *argv;
    char *const *envp;
    const char *search_path;      // PATH used to find argv[0] when it has no slash
    int stdio[3];                 // fds to dup onto 0,1,2; -1 keeps the parent's
    int console_socket;           // >= 0: open a terminal in the container's own devpts, send its
                                  // primary side to the parent over this socket, and use the
                                  // replica as the controlling terminal on 0, 1 and 2 (`-t`)
    unsigned short rows, columns; // the terminal's initial size
    int die_with_parent;          // PR_SET_PDEATHSIG(SIGKILL): the container dies if dockyard is killed
    const char *pid_namespace;    // non-NULL: a pid namespace file (/proc/PID/ns/pid) the child is born
                                  // in, instead of a new one or dockyard's (`exec`, `--pid container:`)

    // Confinement (security.c):
    uint64_t capabilities;        // bit n = capability n: the bounding set, and for uid 0 also
                                  // the effective and permitted sets (other users get none); used
                                  // only by the plan's bounding-set and capabilities steps
    int explicit_sets;            // 1: the four sets below as written, for any uid, ambient raised
                                  // (the OCI runtime's process.capabilities, as runc applies them)
    uint64_t effective, permitted, inheritable, ambient;
    const struct dy_bpf_instruction *seccomp_filter;
    unsigned short seccomp_length;
};

/// The confinement steps (security.c), each 0 or -1 with errno set. The kernel's order, kept by
/// the plan: the seccomp filter first (loading one without no_new_privs needs CAP_SYS_ADMIN, so it
/// goes while we still have it), then the bounding set with keep-caps on so the uid change does not
/// empty the permitted set; after the identity change, the effective and permitted sets.
int dy_install_seccomp(const struct dy_container_spec *spec);
int dy_limit_bounding_set(const struct dy_container_spec *spec);
int dy_set_capabilities(const struct dy_container_spec *spec);

/// A report from the child: a failure at plan step `stage` with `errno`, or, with stage
/// DY_STAGE_CGROUP_READY, the new cgroup namespace's inode (the child may exit before the parent
/// could read /proc/PID/ns/cgroup itself).
enum dy_stage {
    DY_STAGE_CGROUP_READY = -100,
    DY_STAGE_CREATED = -101,    // set up and waiting at DY_STEP_WAIT_FOR_START: the parent may go
};

/// A cloned child waiting for the parent's go-ahead.
struct dy_child {
    pid_t pid;
    int go_fd;      // parent writes one byte here to let the child continue
    int error_fd;   // parent reads (stage, errno) here; EOF means execve succeeded
};

/// clone(2) a child in new namespaces (`clone_flags`), or born in `pid_namespace`, that runs
/// `spec->steps` in order; its DY_STEP_JOIN_NAMESPACE steps enter namespaces opened before the
/// clone. At each DY_STEP_WAIT_FOR_PARENT it waits for dy_release_container. Returns 0, or
/// -errno if a namespace could not be opened, or clone or pipe creation failed.
int dy_spawn_container(const struct dy_container_spec *spec, struct dy_child *child);

/// Lets the child continue past its next wait; `last` (its last wait) also closes go_fd.
/// Returns 0, or -errno if the child is already gone.
int dy_release_container(struct dy_child *child, int last);

/// Reads the child's next report: returns 1 and fills stage (the failed step's index), error and
/// value (an inode for DY_STAGE_CGROUP_READY), or 0 at EOF, which means the child exec'd (or died).
/// The caller closes error_fd when done.
int dy_read_report(const struct dy_child *child, int *stage, int *error, uint64_t *value);

/// Receives a file descriptor sent with SCM_RIGHTS (the container's terminal): the CMSG_*
/// macros do not import into Swift. Returns the fd, or -errno.
int dy_receive_fd(int socket);

/// Starts `path` with `argv` as a daemon for a detached container's monitor: a new session, no
/// controlling terminal, /dev/null on 0-2, `status_fd` on fd 3 and nothing else inherited.
/// fork+exec from a multithreaded process belongs in C. Returns the pid, or -errno.
pid_t dy_spawn_daemon(const char *path, char *const argv[], int status_fd);

/// Forks a detached remover (remover.c) that rmdirs `cgroups` (retrying while busy), then each of
/// `parents` if it is unused, then removes the directory `tree` and all it holds; it keeps only
/// `lock_fd` (the container's flock) open while it works. Waits only for the fork: returns 0 once
/// the remover runs, or -errno.
int dy_spawn_remover(const char *const *cgroups, size_t cgroup_count, const char *const *parents,
                     size_t parent_count, const char *tree, int lock_fd);

/// The same removal, for a caller that exits next: a remover that shares the caller's memory
/// (CLONE_VM, no copy of it) and starts its work only once the caller has exited, so the caller's
/// exit does not wait for its memory to be torn down (remover.c). The paths are copied first.
/// Returns 0 once the remover exists, or -errno. It waits until this process exits.
int dy_hand_over_remover(const char *const *cgroups, size_t cgroup_count, const char *const *parents,
                         size_t parent_count, const char *tree, int lock_fd);

/// Forward SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 received by dockyard to `pid`
/// (0 stops forwarding). Signal handlers must be async-signal-safe C; a Swift closure is not.
void dy_forward_signals_to(pid_t pid);

/// Attaches an idmapped copy of each of `sources` at the matching `targets` inside the mount
/// namespace of `child`, shifted by `child`'s user namespace (idmap.c). Returns 0 or -errno.
int dy_attach_idmapped(pid_t child, const char *const *sources, const char *const *targets, size_t count);

/// The number of system call `name` on this architecture (e.g. "mount" is 165 on x86_64), or -1
/// when it has none or the table in syscalls.c does not list it.
long dy_syscall_number(const char *name);

/// AUDIT_ARCH_* of this architecture: what seccomp reports in `seccomp_data.arch` for its calls.
uint32_t dy_audit_arch(void);

/// A bit in the system call number that marks another ABI on this architecture (x32 on x86_64),
/// or 0 when there is none.
uint32_t dy_foreign_syscall_bit(void);

/// openat2(2) with RESOLVE_* flags (e.g. RESOLVE_IN_ROOT for `dockyard cp`). Returns an fd, or -errno.
int dy_openat2(int dirfd, const char *path, int flags, unsigned int mode, unsigned long long resolve);

/// pidfd_open(2): a descriptor that polls readable once process `pid` has exited, so one poll(2)
/// can wait for a container's output and its exit together (pidfd.c). Returns an fd, or -errno.
int dy_pidfd_open(pid_t pid);

/// splice(2) up to `length` bytes from the pipe `from_pipe` to `to`, in the kernel (splice.c):
/// how a container's output reaches dockyard's stdout without a copy through user memory.
/// Returns the bytes moved (0 at end of file), or -errno (EINVAL: `to` cannot take a splice).
long dy_splice(int from_pipe, int to, size_t length);

/// One eBPF instruction: the layout of the kernel's `struct bpf_insn` on a little-endian machine
/// (its 4-bit register fields are C bitfields, which Swift cannot build).
struct dy_ebpf_instruction {
    uint8_t code;
    uint8_t registers;   // destination register in the low 4 bits, source in the high 4
    int16_t offset;
    int32_t immediate;
};

/// cgroup v2's devices controller (devices.c): loads `program` as a BPF_PROG_TYPE_CGROUP_DEVICE
/// program and attaches it to the cgroup directory `cgroup_fd` (BPF_CGROUP_DEVICE, with
/// BPF_F_ALLOW_MULTI like runc and crun). The attachment keeps the program alive as long as the
/// cgroup exists; no pinning is needed. If the kernel's verifier refuses the program, its log
/// is copied into `log` (`log_size` bytes). Returns 0, or -errno.
int dy_attach_device_filter(int cgroup_fd, const struct dy_ebpf_instruction *program, size_t count,
                            char *log, size_t log_size);

/// A read-only overlay of `layers` (top-most first, at least two) made with fsopen/fsmount and
/// attached nowhere (detached.c): its fd is the root of the merged view, for RESOLVE_IN_ROOT
/// reads of a stopped container. Closing the fd unmounts it. Returns the fd, or -errno.
int dy_open_detached_overlay(const char *const *layers, size_t count);

/// Opens /proc/PID/ns/KIND ("user", "mnt", "net", …) close-on-exec, for setns(2) (namespaces.c).
/// Returns the fd, or -1 with errno set.
int dy_open_namespace(pid_t pid, const char *kind);

/// Makes a new network namespace and pins it with a bind mount of its nsfs file at `path` (made
/// if missing), while the calling thread stays in its own (netns.c). Returns 0, or -errno.
int dy_netns_pin(const char *path);

/// Detaches the bind mount at `path` and removes the file: the namespace goes once nothing else
/// (an open fd, a process) holds it. Quiet about what is already gone. Returns 0, or -errno.
int dy_netns_unpin(const char *path);

/// Writes `value` to `file` (a /proc/sys/net path) as seen from the network namespace pinned at
/// `namespace_path`: net sysctls are per namespace. Returns 0, or -errno.
int dy_netns_write_file(const char *namespace_path, const char *file, const char *value);

/// Marks every descriptor from 3 up close-on-exec, so that a helper outliving this command
/// (pasta, a port forwarder) holds none of what this process inherited from its caller
/// (netns.c). Returns 0, or -errno.
int dy_cloexec_inherited(void);

/// The process name of rootless mode's holder, which owns the user's user namespace (rootless.c).
#define DY_HOLDER_NAME "dockyard-holder"

/// Rootless mode's runtime directory for host user `uid`: $XDG_RUNTIME_DIR/dockyard, or
/// /tmp/dockyard-UID when XDG_RUNTIME_DIR is unset. Returns 0, or -ENAMETOOLONG.
int dy_rootless_runtime_dir(uid_t uid, char *buffer, size_t size);

/// The pid of this user's holder, from holder.pid in `runtime_dir`, checked to be a live process
/// of this user named dockyard-holder. Returns the pid, or -errno (-ENOENT: none yet).
pid_t dy_rootless_holder_pid(const char *runtime_dir);

/// Moves this (single-threaded) process into `holder`'s user and mount namespaces, keeping its
/// working directory by name. Returns 0, or -errno.
int dy_rootless_join(pid_t holder);

/// Clones a child into a new user namespace and mount namespace. It waits for one byte on
/// `*go_fd` (the parent writes its uid and gid maps first), then executes the program open at
/// `program_fd` (a memfd copy of dockyard-init) as dockyard-holder. Returns its pid, or -errno.
pid_t dy_rootless_clone_holder(int program_fd, int *go_fd);

/// A close-on-exec memfd named `name` holding a copy of the file at `path`. Returns it, or -errno.
int dy_memfd_copy(const char *path, const char *name);

#endif
