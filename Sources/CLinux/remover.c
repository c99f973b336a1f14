// A `--rm` container's removal, finished in the background after `run` has delivered the exit
// status; see dy_spawn_remover in dy_linux.h for why in C.
//
// The remover is a grandchild of the caller (clone, fork, the middle one exits at once), so it
// is never left a zombie of a long-lived caller; the middle shares the caller's memory instead
// of copying it (a fork of dockyard copies tens of thousands of page-table entries, and its exit
// frees them again, all while `run` waits to exit); in its own session with /dev/null on 0-2 and no
// other descriptor but the container's lock, so it keeps no caller's pipe open and Ctrl-C in the
// caller's terminal does not reach it. Holding the lock (flock is per open file, and the fork
// shares it) tells every other dockyard process that this container is being taken care of.
// Between fork and _exit it makes raw system calls only, on stack buffers: no malloc, no Swift.
//
// A caller that exits next (`run` in the foreground) hands the remover its memory instead
// (dy_hand_over_remover): one clone(CLONE_VM), no fork, and the remover waits for the caller to
// exit before it starts. The caller's exit then only lets go of its memory, which the remover
// still uses; tearing it down (unmapping some 4,000 pages of a `run`) is left to the remover's
// exit, after the exit status has been delivered.
#include "dy_linux.h"
#include "signals.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

// Deeper trees than this (a container can make any depth) are left for the janitor, whose
// removal has no such limit: each level holds a directory fd and a buffer on this stack.
enum { DY_REMOVE_MAX_DEPTH = 128 };

struct dy_dirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

static int dy_remove_entries(int dir, int depth);

// Removes `name` in `parent`: a file or symlink by unlink, a directory with all it holds.
static int dy_remove_at(int parent, const char *name, unsigned char type, int depth) {
    if (type != DT_DIR && type != DT_UNKNOWN) return unlinkat(parent, name, 0) == 0 || errno == ENOENT ? 0 : -1;
    if (type == DT_UNKNOWN && unlinkat(parent, name, 0) == 0) return 0;
    if (depth >= DY_REMOVE_MAX_DEPTH) { errno = ELOOP; return -1; }
    int dir = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir < 0) return errno == ENOENT ? 0 : -1;
    int result = dy_remove_entries(dir, depth + 1);
    close(dir);
    if (result != 0) return -1;
    return unlinkat(parent, name, AT_REMOVEDIR) == 0 || errno == ENOENT ? 0 : -1;
}

// Empties the directory `dir`. Entries are removed while it is read, so it is read again from
// the start until a pass finds nothing left.
static int dy_remove_entries(int dir, int depth) {
    char buffer[4096];
    for (int pass = 0; pass < 8; pass++) {
        int removed = 0;
        if (lseek(dir, 0, SEEK_SET) != 0) return -1;
        for (;;) {
            long got = syscall(SYS_getdents64, dir, buffer, sizeof buffer);
            if (got < 0) return -1;
            if (got == 0) break;
            for (long offset = 0; offset < got;) {
                struct dy_dirent64 *entry = (struct dy_dirent64 *)(buffer + offset);
                offset += entry->d_reclen;
                const char *name = entry->d_name;
                if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
                if (dy_remove_at(dir, name, entry->d_type, depth) != 0) return -1;
                removed++;
            }
        }
        if (removed == 0) return 0;
    }
    errno = ENOTEMPTY;
    return -1;
}

static void dy_sleep_milliseconds(long milliseconds) {
    struct timespec pause = { 0, milliseconds * 1000000L };
    while (nanosleep(&pause, &pause) != 0 && errno == EINTR) {}
}

// The remover's work: each cgroup (retrying EBUSY for up to a second, while the kernel finishes
// with the container's last process), the shared parents nobody uses any more, then the tree.
static void dy_remove(const char *const *cgroups, size_t cgroup_count, const char *const *parents,
                      size_t parent_count, const char *tree) {
    for (size_t i = 0; i < cgroup_count; i++) {
        for (int attempt = 0; attempt < 500 && rmdir(cgroups[i]) != 0 && errno == EBUSY; attempt++) dy_sleep_milliseconds(2);
    }
    for (size_t i = 0; i < parent_count; i++) rmdir(parents[i]);
    const char *slash = strrchr(tree, '/');
    if (slash == NULL || slash == tree) return;
    char parent_path[4096];
    size_t length = (size_t)(slash - tree);
    if (length >= sizeof parent_path) return;
    memcpy(parent_path, tree, length);
    parent_path[length] = 0;
    int parent = open(parent_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent < 0) return;
    dy_remove_at(parent, slash + 1, DT_DIR, 0);
    close(parent);
}

// What the remover needs, wherever it runs: the paths, and the descriptors it starts from.
struct dy_remover_job {
    const char *const *cgroups;
    size_t cgroup_count;
    const char *const *parents;
    size_t parent_count;
    const char *tree;
    int lock_fd;
    int failed;
    int exit_read;    // dy_hand_over_remover: EOF here once dockyard has exited,
    int exit_write;   // whose end this is (the remover closes its own copy)
};

// The remover proper: detached from the caller's session, terminal and descriptors, with the
// signals dockyard blocked for the clone unblocked and its handlers back to the defaults; then
// its work, holding only the container's lock (at fd 3).
static _Noreturn void dy_detach_and_remove(const struct dy_remover_job *job) {
    dy_reset_signals();
    setsid();
    int lock = fcntl(job->lock_fd, F_DUPFD_CLOEXEC, 3);
    int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    for (int fd = 0; fd < 3 && null_fd >= 0; fd++) dup2(null_fd, fd);
    if (lock >= 0 && lock != 3) { dup2(lock, 3); lock = 3; }
    syscall(SYS_close_range, 4U, ~0U, 0U);
    dy_remove(job->cgroups, job->cgroup_count, job->parents, job->parent_count, job->tree);
    _exit(0);
}

// The middle process: forks the remover and exits at once. It shares dockyard's memory
// (CLONE_VM, so it cost no copy of it) while dockyard waits (CLONE_VFORK); the remover it forks
// gets a copy, as any fork does. Only raw system calls here, and the stack is the one mapped
// for this job: dockyard's own stack and heap are not touched.
static int dy_remover_middle(void *argument) {
    struct dy_remover_job *job = argument;
    long remover = syscall(SYS_clone, (unsigned long)SIGCHLD, NULL, NULL, NULL, NULL);
    if (remover != 0) {
        if (remover < 0) job->failed = 1;
        return 0;
    }
    dy_detach_and_remove(job);
}

// The remover's stack (its copy of the middle's): deep enough for DY_REMOVE_MAX_DEPTH levels of
// dy_remove_entries, each a 4 KiB buffer and a frame.
enum { DY_REMOVER_STACK = 1 << 20 };

// clone(2) with every signal blocked around it: no handler of dockyard's may run on the new
// process's stack, nor in the remover before it has reset them. The pid, or -errno.
static int dy_clone_blocked(int (*function)(void *), char *stack_top, int flags, void *argument) {
    sigset_t all, saved;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &saved);
    int pid = clone(function, stack_top, flags, argument);
    int clone_errno = errno;
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    return pid < 0 ? -clone_errno : pid;
}

int dy_spawn_remover(const char *const *cgroups, size_t cgroup_count, const char *const *parents,
                     size_t parent_count, const char *tree, int lock_fd) {
    struct dy_remover_job job = { cgroups, cgroup_count, parents, parent_count, tree, lock_fd, 0, -1, -1 };
    char *stack = mmap(NULL, DY_REMOVER_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) return -errno;
    int middle = dy_clone_blocked(dy_remover_middle, stack + DY_REMOVER_STACK, CLONE_VM | CLONE_VFORK | SIGCHLD, &job);
    int result = 0;
    if (middle < 0) {
        result = middle;
    } else {
        int status = 0;
        while (waitpid(middle, &status, 0) < 0 && errno == EINTR) {}
        if (job.failed) result = -ECHILD;
    }
    munmap(stack, DY_REMOVER_STACK);
    return result;
}

// dy_hand_over_remover's process. Until dockyard has exited it shares dockyard's memory while
// dockyard still runs, so it touches nothing but its own mapping and makes no call that can fail
// (a failed call writes errno, which lives in dockyard's thread): it lets go of its copy of the
// pipe's write end and waits for EOF, which comes when the kernel closes dockyard's descriptors,
// after dockyard's exit has let go of the memory. From then on the memory is the remover's alone.
static int dy_remover_after_exit(void *argument) {
    struct dy_remover_job *job = argument;
    close(job->exit_write);
    char byte;
    while (read(job->exit_read, &byte, 1) > 0) {}   // all signals are blocked: no EINTR
    close(job->exit_read);
    dy_detach_and_remove(job);
}

// Copies `count` strings into `*cursor` (in the remover's mapping), with an array of pointers to
// them; returns the array.
static const char **dy_copy_strings(char **cursor, const char *const *strings, size_t count) {
    *cursor = (char *)(((size_t)*cursor + sizeof(char *) - 1) & ~(sizeof(char *) - 1));
    const char **copies = (const char **)*cursor;
    *cursor += count * sizeof(char *);
    for (size_t i = 0; i < count; i++) {
        size_t length = strlen(strings[i]) + 1;
        memcpy(*cursor, strings[i], length);
        copies[i] = *cursor;
        *cursor += length;
    }
    return copies;
}

int dy_hand_over_remover(const char *const *cgroups, size_t cgroup_count, const char *const *parents,
                         size_t parent_count, const char *tree, int lock_fd) {
    // One mapping holds the job, a copy of every path (the caller frees its own as it exits) and
    // the stack above them. It is never unmapped: the remover lives in it, and it goes with the
    // memory when the remover exits.
    // Three arrays of pointers (each aligned), the tree's a single one, and each string's NUL.
    size_t strings = 3 * sizeof(char *) + (cgroup_count + parent_count + 1) * (sizeof(char *) + 1) + strlen(tree);
    for (size_t i = 0; i < cgroup_count; i++) strings += strlen(cgroups[i]);
    for (size_t i = 0; i < parent_count; i++) strings += strlen(parents[i]);
    size_t low = (sizeof(struct dy_remover_job) + strings + 4095) & ~(size_t)4095;
    char *block = mmap(NULL, low + DY_REMOVER_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (block == MAP_FAILED) return -errno;
    struct dy_remover_job *job = (struct dy_remover_job *)block;
    char *cursor = block + sizeof *job;
    job->cgroups = dy_copy_strings(&cursor, cgroups, cgroup_count);
    job->cgroup_count = cgroup_count;
    job->parents = dy_copy_strings(&cursor, parents, parent_count);
    job->parent_count = parent_count;
    job->tree = dy_copy_strings(&cursor, &tree, 1)[0];
    job->lock_fd = lock_fd;
    job->failed = 0;
    int exit_pipe[2];
    if (pipe2(exit_pipe, O_CLOEXEC) != 0) { int saved = errno; munmap(block, low + DY_REMOVER_STACK); return -saved; }
    job->exit_read = exit_pipe[0];
    job->exit_write = exit_pipe[1];
    // No CLONE_FILES: the remover gets its own copy of the descriptor table, so dockyard's exit
    // closes dockyard's write end and no other.
    int remover = dy_clone_blocked(dy_remover_after_exit, block + low + DY_REMOVER_STACK, CLONE_VM | SIGCHLD, job);
    close(exit_pipe[0]);
    if (remover < 0) {
        close(exit_pipe[1]);
        munmap(block, low + DY_REMOVER_STACK);
        return remover;
    }
    return 0;   // exit_pipe[1] stays open until this process exits
}
