// A `--rm` container's removal, finished in the background after `run` has delivered the exit
// status; see dy_spawn_remover in dy_linux.h for why in C.
//
// The remover is a grandchild of the caller (fork, fork, the middle one exits at once), so it is
// never left a zombie of a long-lived caller; in its own session with /dev/null on 0-2 and no
// other descriptor but the container's lock, so it keeps no caller's pipe open and Ctrl-C in the
// caller's terminal does not reach it. Holding the lock (flock is per open file, and the fork
// shares it) tells every other dockyard process that this container is being taken care of.
// Between fork and _exit it makes raw system calls only, on stack buffers: no malloc, no Swift.
#include "dy_linux.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <string.h>
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

int dy_spawn_remover(const char *const *cgroups, size_t cgroup_count, const char *const *parents,
                     size_t parent_count, const char *tree, int lock_fd) {
    long middle = syscall(SYS_clone, (unsigned long)SIGCHLD, NULL, NULL, NULL, NULL);
    if (middle < 0) return -errno;
    if (middle == 0) {
        long remover = syscall(SYS_clone, (unsigned long)SIGCHLD, NULL, NULL, NULL, NULL);
        if (remover != 0) _exit(remover < 0 ? 1 : 0);
        // The remover: detached from the caller's session, terminal and descriptors.
        setsid();
        int lock = fcntl(lock_fd, F_DUPFD_CLOEXEC, 3);
        int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
        for (int fd = 0; fd < 3 && null_fd >= 0; fd++) dup2(null_fd, fd);
        if (lock >= 0 && lock != 3) { dup2(lock, 3); lock = 3; }
        syscall(SYS_close_range, 4U, ~0U, 0U);
        dy_remove(cgroups, cgroup_count, parents, parent_count, tree);
        _exit(0);
    }
    int status = 0;
    while (waitpid((pid_t)middle, &status, 0) < 0) {
        if (errno != EINTR) return -errno;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -ECHILD;
}
