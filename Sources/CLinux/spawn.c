// The container child: from clone(2) to execve(2), in async-signal-safe C only.
// See include/dy_linux.h for why this is C. The child runs its launch plan, an array of steps
// Swift built (LinuxKernel/LaunchPlan.swift), in order; the order itself is decided there, once:
// wait for the parent (id maps) -> setns into shared namespaces -> private mounts -> filesystem
// steps -> pivot_root -> hostname -> loopback -> wait until we are in our cgroup -> cgroup
// namespace -> terminal or streams -> seccomp and the bounding set (security.c) -> identity
// (groups, gid, uid last) -> capabilities, no_new_privs -> cwd -> exec. A failed step is
// reported by its index.
#include "dy_linux.h"
#include "inroot.h"
#include "signals.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <termios.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>
#include <grp.h>
#include <stdio.h>
#include <linux/close_range.h>
#include <linux/sched.h>

struct dy_report {
    int stage;
    int error;
    unsigned long long value;   // for DY_STAGE_CGROUP_READY: the new cgroup namespace's inode
};

// Set once the child told the parent it is created (DY_STEP_WAIT_FOR_START): the parent stopped
// reading then, and a report written into its pipe would find no reader (SIGPIPE).
static int dy_parent_stopped_reading;

static void dy_fail(int fd, int stage) {
    if (!dy_parent_stopped_reading) {
        struct dy_report report = { stage, errno, 0 };
        ssize_t ignored = write(fd, &report, sizeof report);
        (void)ignored;
    }
    _exit(127);
}

static void dy_close_all_except(int *keep, int count);

// `create` is done: tell the parent (which then exits), and wait until `start` writes one byte
// into the fifo we hold open read-write. Opening it read-write never blocks, and `start` can
// open it for writing only while we hold it (O_NONBLOCK gives ENXIO once we are gone).
static int dy_wait_for_start(int error_fd, int fifo) {
    struct dy_report created = { DY_STAGE_CREATED, 0, 0 };
    if (write(error_fd, &created, sizeof created) != sizeof created) return -1;
    dy_parent_stopped_reading = 1;
    // From here on we may wait long, outliving `create`: keep nothing but our streams and the
    // fifo, or descriptors the caller of `create` left open (its pipes, sockets) would stay open
    // in us, and a caller waiting for their EOF would wait until `start`.
    int keep[4] = { 0, 1, 2, fifo };
    dy_close_all_except(keep, 4);
    char go = 0;
    ssize_t got;
    do { got = read(fifo, &go, 1); } while (got < 0 && errno == EINTR);
    close(fifo);
    return got == 1 ? 0 : -1;
}

// mkdir -p with a stack buffer: no malloc in the child.
static int dy_mkdir_all(const char *path, mode_t mode) {
    char buffer[4096];
    size_t length = strlen(path);
    if (length == 0 || length >= sizeof buffer) { errno = ENAMETOOLONG; return -1; }
    memcpy(buffer, path, length + 1);
    for (size_t i = 1; i <= length; i++) {
        if (buffer[i] == '/' || buffer[i] == '\0') {
            char saved = buffer[i];
            buffer[i] = '\0';
            if (mkdir(buffer, mode) != 0 && errno != EEXIST) return -1;
            buffer[i] = saved;
        }
    }
    return 0;
}

static int dy_run_filesystem_step(const struct dy_step *step) {
    if (step->root) return dy_run_step_in_root(step);   // inroot.c: resolved inside the rootfs by fd
    switch (step->kind) {
    case DY_STEP_MOUNT:
        return mount(step->source, step->target, step->fstype, step->flags, step->data);
    case DY_STEP_MKDIR:
        return dy_mkdir_all(step->target, step->mode);
    case DY_STEP_MKNOD:
        if (mknod(step->target, dy_device_type(step->mode) | (step->mode & 07777), makedev(step->major, step->minor)) != 0) return -1;
        return chmod(step->target, step->mode & 07777);   // mknod's mode is filtered by the umask
    case DY_STEP_SYMLINK:
        return symlink(step->source, step->target);
    case DY_STEP_TOUCH: {
        // An existing file must not be opened for writing: on overlayfs that copies it up
        // into the writable layer, and a build would then see it as changed.
        struct stat existing;
        if (lstat(step->target, &existing) == 0) return 0;
        int fd = open(step->target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, step->mode);
        if (fd < 0) return -1;
        return close(fd);
    }
    case DY_STEP_REMOUNT:
        return mount(NULL, step->target, NULL, MS_REMOUNT | MS_BIND | step->flags, NULL);
    case DY_STEP_WRITE: {
        int fd = open(step->target, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) return -1;
        size_t length = strlen(step->data);
        ssize_t written = write(fd, step->data, length);
        int saved = errno;
        close(fd);
        if (written != (ssize_t)length) { errno = written < 0 ? saved : EIO; return -1; }
        return 0;
    }
    default:
        errno = EINVAL;
        return -1;
    }
}

// SIOCSIFFLAGS on "lo": a new network namespace starts with loopback down.
static int dy_loopback_up(void) {
    int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (sock < 0) return -1;
    struct ifreq request;
    memset(&request, 0, sizeof request);
    memcpy(request.ifr_name, "lo", 3);
    int result = ioctl(sock, SIOCGIFFLAGS, &request);
    if (result == 0) {
        request.ifr_flags |= IFF_UP | IFF_RUNNING;
        result = ioctl(sock, SIOCSIFFLAGS, &request);
    }
    int saved = errno;
    close(sock);
    errno = saved;
    return result;
}

// execvpe without malloc: try each PATH entry; remember EACCES like the shell does.
static void dy_exec_search(const char *file, char *const argv[], char *const envp[], const char *search_path) {
    if (strchr(file, '/') != NULL) {
        execve(file, argv, envp);
        return;
    }
    char candidate[4096];
    size_t file_length = strlen(file);
    int saw_eacces = 0;
    const char *entry = search_path ? search_path : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    while (1) {
        const char *end = strchr(entry, ':');
        size_t dir_length = end ? (size_t)(end - entry) : strlen(entry);
        if (dir_length == 0) { dir_length = 1; entry = "."; }
        if (dir_length + 1 + file_length + 1 <= sizeof candidate) {
            memcpy(candidate, entry, dir_length);
            candidate[dir_length] = '/';
            memcpy(candidate + dir_length + 1, file, file_length + 1);
            execve(candidate, argv, envp);
            if (errno == EACCES) saw_eacces = 1;
            else if (errno != ENOENT && errno != ENOTDIR) return;
        }
        if (!end) break;
        entry = end + 1;
    }
    errno = saw_eacces ? EACCES : ENOENT;
}

// Opens /dev/ptmx (the container's, after pivot_root), unlocks it, opens its replica, sends
// the primary side to the parent with SCM_RIGHTS, and returns the replica. -1 on failure.
static int dy_open_container_terminal(const struct dy_container_spec *spec) {
    int primary = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (primary < 0) return -1;
    int unlock = 0;
    unsigned int number = 0;
    if (ioctl(primary, TIOCSPTLCK, &unlock) != 0 || ioctl(primary, TIOCGPTN, &number) != 0) return -1;
    char path[32] = "/dev/pts/";
    char digits[12];
    int count = 0;
    do { digits[count++] = (char)('0' + number % 10); number /= 10; } while (number > 0);
    for (int i = 0; i < count; i++) path[9 + i] = digits[count - 1 - i];
    path[9 + count] = '\0';
    int replica = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (replica < 0) return -1;
    if (spec->rows > 0 && spec->columns > 0) {
        struct winsize size = { .ws_row = spec->rows, .ws_col = spec->columns };
        ioctl(replica, TIOCSWINSZ, &size);
    }
    char byte = 0;
    struct iovec data = { .iov_base = &byte, .iov_len = 1 };
    union { struct cmsghdr header; char space[CMSG_SPACE(sizeof(int))]; } control;
    memset(&control, 0, sizeof control);
    struct msghdr message = { .msg_iov = &data, .msg_iovlen = 1,
                              .msg_control = control.space, .msg_controllen = sizeof control.space };
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(header), &primary, sizeof(int));
    if (sendmsg(spec->console_socket, &message, MSG_NOSIGNAL) != 1) return -1;
    close(primary);
    close(spec->console_socket);
    return replica;
}

int dy_receive_fd(int socket) {
    char byte = 0;
    struct iovec data = { .iov_base = &byte, .iov_len = 1 };
    union { struct cmsghdr header; char space[CMSG_SPACE(sizeof(int))]; } control;
    memset(&control, 0, sizeof control);
    struct msghdr message = { .msg_iov = &data, .msg_iovlen = 1,
                              .msg_control = control.space, .msg_controllen = sizeof control.space };
    ssize_t got;
    do { got = recvmsg(socket, &message, MSG_CMSG_CLOEXEC); } while (got < 0 && errno == EINTR);
    if (got < 0) return -errno;
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    if (!header || header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS) return -EBADMSG;
    int fd;
    memcpy(&fd, CMSG_DATA(header), sizeof(int));
    return fd;
}

// Blocks until the parent writes one byte; -1 if it closed the pipe (it died or gave up).
static int dy_wait_for_parent(int go_fd) {
    char go = 0;
    ssize_t got;
    do { got = read(go_fd, &go, 1); } while (got < 0 && errno == EINTR);
    return got == 1 ? 0 : -1;
}

// Closes every descriptor except those in `keep` (-1 entries are ignored), with
// close_range over the gaps between them: no malloc, a handful of system calls.
static void dy_close_all_except(int *keep, int count) {
    for (int i = 1; i < count; i++) {   // insertion sort: the list is tiny
        int value = keep[i], j = i - 1;
        while (j >= 0 && keep[j] > value) { keep[j + 1] = keep[j]; j--; }
        keep[j + 1] = value;
    }
    unsigned int next = 0;   // the lowest descriptor not yet known to be kept or closed
    for (int i = 0; i < count; i++) {
        if (keep[i] < 0 || (unsigned int)keep[i] < next) continue;
        if ((unsigned int)keep[i] > next) syscall(SYS_close_range, next, (unsigned int)keep[i] - 1, 0U);
        next = (unsigned int)keep[i] + 1;
    }
    syscall(SYS_close_range, next, ~0U, 0U);
}

// Terminal (`-t`) or standard streams on 0-2, in a session of our own; then every other
// descriptor close-on-exec, so nothing of dockyard's reaches the container.
static int dy_set_up_streams(const struct dy_container_spec *spec) {
    if (spec->console_socket >= 0) {
        // The terminal is made here, after pivot_root, from the container's own devpts
        // instance: `tty` inside then names a real /dev/pts/N of the container.
        int replica = dy_open_container_terminal(spec);
        if (replica < 0 || setsid() < 0 || ioctl(replica, TIOCSCTTY, 0) != 0) return -1;
        for (int fd = 0; fd < 3; fd++)
            if (dup2(replica, fd) < 0) return -1;
        if (replica > 2) close(replica);
    } else {
        // A session of its own and no controlling terminal: otherwise /dev/tty inside the
        // container would open the caller's terminal, and TIOCSTI on it would type into the
        // caller's shell. (The streams on 0-2 are pipes dockyard relays, never its own fds.)
        if (setsid() < 0) return -1;
        for (int fd = 0; fd < 3; fd++) {
            if (spec->stdio[fd] >= 0 && spec->stdio[fd] != fd && dup2(spec->stdio[fd], fd) < 0) return -1;
        }
    }
    // The error pipe is close-on-exec already: execve closes it and the parent sees EOF.
    return (int)syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
}

// unshare(CLONE_NEWCGROUP) from inside our cgroup makes it the container's cgroup root
// (/proc/self/cgroup then shows "/"); its inode goes to the parent, as we may exit first.
static int dy_enter_cgroup_namespace(int error_fd) {
    if (unshare(CLONE_NEWCGROUP) != 0) return -1;
    struct stat ns;
    struct dy_report ready = { DY_STAGE_CGROUP_READY, 0, 0 };
    if (stat("/proc/self/ns/cgroup", &ns) == 0) ready.value = (unsigned long long)ns.st_ino;
    if (write(error_fd, &ready, sizeof ready) != sizeof ready) _exit(127);
    return 0;
}

// pivot_root(".", "."): the old root ends up stacked on the new one; detaching it leaves the
// container with no path back to the host's filesystem (unlike chroot).
static int dy_pivot_root(const char *rootfs) {
    if (chdir(rootfs) != 0 || syscall(SYS_pivot_root, ".", ".") != 0) return -1;
    if (umount2(".", MNT_DETACH) != 0) return -1;
    return chdir("/");
}

// Where the plan's setup steps and the container's later process differ in umask: mounts and
// device nodes get exactly their modes (umask 0), the container the umask dockyard had.
static mode_t dy_saved_umask;

// One step of the plan. `joined` holds, for an exec's DY_STEP_JOIN_NAMESPACE steps, the open
// namespace descriptor at the step's index. Returns 0, or -1 with errno set; exec never returns.
static int dy_run_plan_step(const struct dy_container_spec *spec, const struct dy_step *step,
                            int go_fd, int error_fd, int joined) {
    // Steps resolved in the rootfs share one fd of it (inroot.c). Any other step may change what
    // the rootfs path names (a mount over it, pivot_root) or close descriptors (`create`), so the
    // fd is let go first.
    if (step->root == NULL) dy_forget_root();
    switch (step->kind) {
    case DY_STEP_WAIT_FOR_PARENT:
        if (dy_wait_for_parent(go_fd) != 0) { errno = ECHILD; return -1; }
        return 0;
    case DY_STEP_NAMESPACE_ROOT:
        // The parent has written our uid and gid maps. Become root there (uid 0 inside, the map's
        // first host uid outside) before mounting: overlayfs makes its work directory as whoever
        // mounts it, and an unmapped uid could not own anything.
        if (syscall(SYS_setresgid, 0, 0, 0) != 0) return -1;
        return (int)syscall(SYS_setresuid, 0, 0, 0);
    case DY_STEP_PRIVATE_MOUNTS:
        // Stop mount propagation both ways, so nothing we mount ever appears on the host.
        return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
    case DY_STEP_PIVOT_ROOT: return dy_pivot_root(step->target);
    case DY_STEP_HOSTNAME: return sethostname(step->source, strlen(step->source));
    case DY_STEP_LOOPBACK_UP: return dy_loopback_up();
    case DY_STEP_CGROUP_NAMESPACE: return dy_enter_cgroup_namespace(error_fd);
    case DY_STEP_JOIN_NAMESPACE: return setns(joined, (int)step->flags);
    case DY_STEP_WAIT_FOR_START: return dy_wait_for_start(error_fd, joined);
    case DY_STEP_JOIN_CGROUP: {
        // "0" names the writing thread. The descriptor was opened by the parent, whose
        // credentials the kernel checks, so this works from a new user namespace too.
        ssize_t written = write(joined, "0", 1);
        close(joined);
        return written == 1 ? 0 : -1;
    }
    case DY_STEP_STREAMS: return dy_set_up_streams(spec);
    case DY_STEP_SECCOMP: return dy_install_seccomp(spec);
    case DY_STEP_BOUNDING_SET: return dy_limit_bounding_set(spec);
    case DY_STEP_IDENTITY:
        // Groups and gid before uid: once uid is not 0 we may no longer change them. Raw system
        // calls, not glibc's setgroups/setgid/setuid: in a process that had threads, glibc changes
        // the credentials of every thread it knows of by signalling them and waiting, and the
        // threads it remembers from the parent do not exist here, so it would wait forever.
        // SIZE_MAX: setgroups(2) is denied in this user namespace (rootless, own id only).
        if (spec->group_count != SIZE_MAX && syscall(SYS_setgroups, spec->group_count, spec->groups) != 0) return -1;
        if (syscall(SYS_setresgid, spec->gid, spec->gid, spec->gid) != 0) return -1;
        return (int)syscall(SYS_setresuid, spec->uid, spec->uid, spec->uid);
    case DY_STEP_CAPABILITIES: return dy_set_capabilities(spec);
    case DY_STEP_NO_NEW_PRIVILEGES: return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    case DY_STEP_WORKING_DIRECTORY: return chdir(step->target);
    case DY_STEP_RLIMIT: {
        // Before the identity change: raising a hard limit needs CAP_SYS_RESOURCE, which root
        // inside still has here and a user given by -u would not.
        struct rlimit limit = { .rlim_cur = step->soft_limit, .rlim_max = step->hard_limit };
        return (int)syscall(SYS_prlimit64, 0, step->mode, &limit, NULL);
    }
    case DY_STEP_EXEC:
        umask(dy_saved_umask);
        dy_exec_search(spec->argv[0], spec->argv, spec->envp, spec->search_path);
        return -1;
    default:
        return dy_run_filesystem_step(step);
    }
}

// Runs the plan; never returns. `joined[i]` is step i's namespace fd, or -1.
// The most steps a plan may have: each may hold a joined namespace's descriptor.
enum { DY_MAX_STEPS = 1024 };

static void dy_run_plan(const struct dy_container_spec *spec, int go_fd, int error_fd, const int *joined) {
    dy_saved_umask = umask(0);
    for (size_t i = 0; i < spec->step_count; i++) {
        if (dy_run_plan_step(spec, &spec->steps[i], go_fd, error_fd, joined[i]) != 0)
            dy_fail(error_fd, (int)i);
    }
    errno = ENOEXEC;   // a plan that does not end in exec is a programmer's error
    dy_fail(error_fd, (int)spec->step_count);
}

int dy_spawn_container(const struct dy_container_spec *spec, struct dy_child *child) {
    int joined[DY_MAX_STEPS];
    int own_pid_ns = -1, target_pid_ns = -1, was_dumpable = -1, result = 0;
    int go_pipe[2] = { -1, -1 }, error_pipe[2] = { -1, -1 };
    if (spec->step_count > DY_MAX_STEPS) return -E2BIG;
    for (size_t i = 0; i < spec->step_count; i++) joined[i] = -1;

    // The namespaces to join are opened here, before the clone: the child cannot name them
    // once it has left the host's mount namespace, and an open one cannot vanish meanwhile.
    // The start fifo (DY_STEP_WAIT_FOR_START) likewise, read-write so that opening never blocks,
    // and the cgroup v1 `tasks` files the child writes itself into (DY_STEP_JOIN_CGROUP): after
    // pivot_root it could not name them.
    for (size_t i = 0; i < spec->step_count; i++) {
        if (spec->steps[i].kind == DY_STEP_WAIT_FOR_START) {
            joined[i] = open(spec->steps[i].source, O_RDWR | O_CLOEXEC);
            if (joined[i] < 0) { result = -errno; goto done; }
            continue;
        }
        if (spec->steps[i].kind == DY_STEP_JOIN_CGROUP) {
            joined[i] = open(spec->steps[i].source, O_WRONLY | O_CLOEXEC);
            if (joined[i] < 0) { result = -errno; goto done; }
            continue;
        }
        if (spec->steps[i].kind != DY_STEP_JOIN_NAMESPACE) continue;
        joined[i] = open(spec->steps[i].source, O_RDONLY | O_CLOEXEC);
        if (joined[i] < 0) { result = -errno; goto done; }
    }
    if (spec->pid_namespace) {
        target_pid_ns = open(spec->pid_namespace, O_RDONLY | O_CLOEXEC);
        own_pid_ns = open("/proc/thread-self/ns/pid_for_children", O_RDONLY | O_CLOEXEC);
        if (target_pid_ns < 0 || own_pid_ns < 0) { result = -errno; goto done; }
    }
    if (pipe2(go_pipe, O_CLOEXEC) != 0 || pipe2(error_pipe, O_CLOEXEC) != 0) { result = -errno; goto done; }

    if (target_pid_ns >= 0) {
        // A pid namespace can only be entered for children (setns(CLONE_NEWPID) changes where
        // this thread's *next* child is born), so this thread enters it just for the clone and
        // returns to its own right after. The child is born where the namespace's other
        // processes could open its /proc/PID/fd (dockyard's descriptors), /proc/PID/exe (the
        // host's dockyard binary, the CVE-2019-5736 door) or ptrace it until it execs. A
        // non-dumpable process's /proc entries belong to root of the host and need
        // CAP_SYS_PTRACE, which a container lacks; the flag is copied into the child at clone
        // (so there is no window) and execve resets it.
        if (setns(target_pid_ns, CLONE_NEWPID) != 0) { result = -errno; goto done; }
        was_dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
        prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
    // The raw clone syscall with no new stack behaves like fork(2) with namespace flags: the
    // child runs on a copy of this stack. glibc's clone() wrapper would need a separate stack.
    // On cgroup v2, clone3 can place the child in its cgroup as it is born (CLONE_INTO_CGROUP).
    long pid;
    if (spec->cgroup_fd >= 0) {
        struct clone_args args;
        memset(&args, 0, sizeof args);
        args.flags = (uint64_t)(unsigned int)spec->clone_flags | CLONE_INTO_CGROUP;
        args.exit_signal = SIGCHLD;
        args.cgroup = (uint64_t)spec->cgroup_fd;
        pid = syscall(SYS_clone3, &args, sizeof args);
    } else {
        pid = syscall(SYS_clone, (unsigned long)(spec->clone_flags | SIGCHLD), NULL, NULL, NULL, NULL);
    }
    if (pid == 0) {
        if (target_pid_ns >= 0) {
            // Keep only what this child needs; dockyard's other descriptors (the host's pid
            // namespace among them) never reach the other container, not even for a moment.
            int keep[DY_MAX_STEPS + 9] = { 0, 1, 2, go_pipe[0], error_pipe[1],
                                           spec->stdio[0], spec->stdio[1], spec->stdio[2], spec->console_socket };
            int count = 9;
            for (size_t i = 0; i < spec->step_count; i++) if (joined[i] >= 0) keep[count++] = joined[i];
            dy_close_all_except(keep, count);
        }
        dy_reset_signals();
        if (spec->die_with_parent) prctl(PR_SET_PDEATHSIG, SIGKILL);
        dy_run_plan(spec, go_pipe[0], error_pipe[1], joined);
    }
    int saved = errno;
    if (was_dumpable > 0) prctl(PR_SET_DUMPABLE, was_dumpable, 0, 0, 0);
    // Back to our own pid namespace for any later child of this thread.
    if (own_pid_ns >= 0 && target_pid_ns >= 0) setns(own_pid_ns, CLONE_NEWPID);
    if (pid < 0) { result = -saved; goto done; }
    child->pid = (pid_t)pid;
    child->go_fd = go_pipe[1];
    child->error_fd = error_pipe[0];
    go_pipe[1] = error_pipe[0] = -1;

done:
    for (size_t i = 0; i < spec->step_count; i++) if (joined[i] >= 0) close(joined[i]);
    if (own_pid_ns >= 0) close(own_pid_ns);
    if (target_pid_ns >= 0) close(target_pid_ns);
    for (int i = 0; i < 2; i++) {
        if (go_pipe[i] >= 0) close(go_pipe[i]);
        if (error_pipe[i] >= 0) close(error_pipe[i]);
    }
    return result;
}

int dy_release_container(struct dy_child *child, int last) {
    char go = 1;
    ssize_t written;
    do { written = write(child->go_fd, &go, 1); } while (written < 0 && errno == EINTR);
    int saved = errno;
    if (last) {
        close(child->go_fd);
        child->go_fd = -1;
    }
    return written == 1 ? 0 : -saved;
}

int dy_read_report(const struct dy_child *child, int *stage, int *error, uint64_t *value) {
    struct dy_report report;
    size_t have = 0;
    while (have < sizeof report) {
        ssize_t got = read(child->error_fd, (char *)&report + have, sizeof report - have);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        have += (size_t)got;
    }
    if (have != sizeof report) return 0;
    *stage = report.stage;
    *error = report.error;
    *value = report.value;
    return 1;
}
