// Rootless mode's user namespace, kept by one holder process per user.
//
// An ordinary user may create a user namespace, and inside it is root: with every capability
// over the namespaces it then creates, so it can mount an overlay, clone a container with new
// namespaces and pivot_root, all without being root on the host. Which ids exist inside is
// written once into /proc/PID/uid_map by a privileged helper (newuidmap, from /etc/subuid) or,
// without one, by the process itself for its own id alone.
//
// Every dockyard command of the user must see the same namespace (the same image files with the
// same owners, the same running containers), so one long-lived "holder" process owns it and a
// mount namespace beside it, as podman's pause process does. A command joins them with
// setns(2) before anything else runs: the kernel refuses to move a multithreaded process into
// a user namespace, and the Swift runtime may start threads, so the join happens in a C
// constructor of the dockyard executable (Sources/DockyardEntry), before main. The holder
// itself is dockyard-init in its hold mode (Sources/dockyard-init/hold.c), run from a memfd.
//
// Who may join: only a process of the same user, and only a holder found through a pid file in
// a directory that user owns alone (mode 0700). The holder is checked by its owner and its name,
// so a recycled pid never leads a command into someone else's process.
#include "dy_linux.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int dy_rootless_runtime_dir(uid_t uid, char *buffer, size_t size) {
    const char *runtime = getenv("XDG_RUNTIME_DIR");
    int written = runtime && runtime[0] == '/'
        ? snprintf(buffer, size, "%s/dockyard", runtime)
        : snprintf(buffer, size, "/tmp/dockyard-%u", (unsigned)uid);
    return written > 0 && (size_t)written < size ? 0 : -ENAMETOOLONG;
}

// Reads a small file below `dir` into `buffer` (NUL-terminated, trailing newline dropped).
static int dy_read_small(int dir, const char *name, char *buffer, size_t size) {
    int fd = openat(dir, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return -errno;
    ssize_t n = read(fd, buffer, size - 1);
    int saved = errno;
    close(fd);
    if (n < 0) return -saved;
    buffer[n] = 0;
    if (n > 0 && buffer[n - 1] == '\n') buffer[n - 1] = 0;
    return 0;
}

pid_t dy_rootless_holder_pid(const char *runtime_dir) {
    int dir = open(runtime_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (dir < 0) return -errno;
    struct stat info;
    // The directory must be this user's alone: anyone else could plant a pid file in it. (Inside
    // the user namespace the user is uid 0 and sees its own files as 0's: the check holds there too.)
    if (fstat(dir, &info) != 0 || info.st_uid != getuid() || (info.st_mode & 0077) != 0) {
        close(dir);
        return -EPERM;
    }
    char text[32];
    int read_result = dy_read_small(dir, "holder.pid", text, sizeof text);
    close(dir);
    if (read_result != 0) return read_result;
    char *end = NULL;
    long pid = strtol(text, &end, 10);
    if (end == text || pid <= 0 || pid > INT_MAX) return -EINVAL;

    char proc[64];
    snprintf(proc, sizeof proc, "/proc/%ld", pid);
    int process = open(proc, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (process < 0) return -ESRCH;
    char name[32];
    int ok = fstat(process, &info) == 0 && info.st_uid == getuid()
        && dy_read_small(process, "comm", name, sizeof name) == 0 && strcmp(name, DY_HOLDER_NAME) == 0;
    close(process);
    return ok ? (pid_t)pid : -ESRCH;
}

int dy_rootless_join(pid_t holder) {
    int user = dy_open_namespace(holder, "user");
    if (user < 0) return -errno;
    int mnt = dy_open_namespace(holder, "mnt");
    if (mnt < 0) { int saved = errno; close(user); return -saved; }
    // Joining a mount namespace moves the root and working directory to the namespace's: the
    // caller's working directory is looked up again by name afterwards (the namespace holds the
    // same paths, copied from the host's when the holder was made).
    char cwd[PATH_MAX];
    int has_cwd = getcwd(cwd, sizeof cwd) != NULL;
    int result = 0;
    if (setns(user, CLONE_NEWUSER) != 0 || setns(mnt, CLONE_NEWNS) != 0) result = -errno;
    close(user);
    close(mnt);
    if (result == 0 && (!has_cwd || chdir(cwd) != 0)) {
        if (chdir("/") != 0) result = -errno;
    }
    return result;
}

pid_t dy_rootless_clone_holder(int program_fd, int *go_fd) {
    int sync[2];
    if (pipe2(sync, O_CLOEXEC) != 0) return -errno;
    long pid = syscall(SYS_clone, (unsigned long)(CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD), NULL, NULL, NULL, NULL);
    if (pid < 0) {
        int saved = errno;
        close(sync[0]);
        close(sync[1]);
        return -saved;
    }
    if (pid > 0) {
        close(sync[0]);
        *go_fd = sync[1];
        return (pid_t)pid;
    }
    // The child, in its new user and mount namespaces: only async-signal-safe calls until
    // execve. It waits until the parent has written its id maps (one byte, or EOF if the parent
    // gave up), then becomes the holder in a session of its own.
    close(sync[1]);
    char go = 0;
    ssize_t n;
    do { n = read(sync[0], &go, 1); } while (n < 0 && errno == EINTR);
    if (n != 1) _exit(1);
    if (setsid() < 0) _exit(1);
    char *const argv[] = { (char *)DY_HOLDER_NAME, NULL };
    char *const envp[] = { NULL };
    syscall(SYS_execveat, program_fd, "", argv, envp, AT_EMPTY_PATH);
    _exit(127);
}

int dy_memfd_copy(const char *path, const char *name) {
    int source = open(path, O_RDONLY | O_CLOEXEC);
    if (source < 0) return -errno;
    struct stat info;
    int memfd = fstat(source, &info) == 0 ? memfd_create(name, MFD_CLOEXEC) : -1;
    int result = memfd;
    for (off_t offset = 0; memfd >= 0 && offset < info.st_size;) {
        ssize_t sent = sendfile(memfd, source, &offset, (size_t)(info.st_size - offset));
        if (sent <= 0) { result = -1; break; }
    }
    int saved = errno;
    close(source);
    if (result < 0) {
        if (memfd >= 0) close(memfd);
        return -(saved ? saved : EIO);
    }
    return memfd;
}
