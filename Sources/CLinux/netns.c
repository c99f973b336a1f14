// A network namespace that no process lives in, kept alive by a bind mount of its nsfs file
// (what `ip netns add` does under /run/netns), and work done inside one. Rootless mode keeps one
// per user for the user's networks (ContainerRuntime/Network/RootlessNetworkNamespace.swift).
//
// Why C: a namespace is entered (setns) or made (unshare) by the calling thread, which must be
// back in its own namespace before anything else runs on it (Swift might, between two calls);
// and where it cannot come back, the work runs in a cloned child that may only make
// async-signal-safe calls. Network namespaces are per thread, so a multithreaded process may
// do either; a user namespace could not be made so.
#include "dy_linux.h"
#include "netns.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <linux/close_range.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int dy_in_netns(int target, int (*work)(void *), void *argument) {
    int own = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (own < 0) return -errno;
    // Entering the namespace we are in is allowed exactly when coming back later would be.
    if (setns(own, CLONE_NEWNET) == 0) {
        int result = 0;
        if (target >= 0 && setns(target, CLONE_NEWNET) != 0) result = -errno;
        else result = work(argument);
        // There is no safe way on in another namespace, and we hold our own open: this cannot
        // fail short of the kernel refusing a namespace it just let us leave.
        if (setns(own, CLONE_NEWNET) != 0) abort();
        close(own);
        return result;
    }
    close(own);
    long pid = syscall(SYS_clone, (unsigned long)(CLONE_FILES | SIGCHLD), NULL, NULL, NULL, NULL);
    if (pid < 0) return -errno;
    if (pid == 0) {
        if (target >= 0 && setns(target, CLONE_NEWNET) != 0) _exit(errno);
        int result = work(argument);
        _exit(result < 0 ? -result : 0);
    }
    int status = 0;
    while (waitpid((pid_t)pid, &status, 0) < 0) {
        if (errno != EINTR) return -errno;
    }
    return WIFEXITED(status) ? -WEXITSTATUS(status) : -ECHILD;
}

static int dy_pin_work(void *argument) {
    const char *path = argument;
    if (unshare(CLONE_NEWNET) != 0) return -errno;
    // The new namespace lives while this mount does, with no process in it.
    return mount("/proc/thread-self/ns/net", path, NULL, MS_BIND, NULL) == 0 ? 0 : -errno;
}

int dy_netns_pin(const char *path) {
    int file = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (file < 0) return -errno;
    close(file);
    int result = dy_in_netns(-1, dy_pin_work, (void *)path);
    if (result != 0) unlink(path);
    return result;
}

int dy_netns_unpin(const char *path) {
    int result = 0;
    if (umount2(path, MNT_DETACH) != 0 && errno != EINVAL && errno != ENOENT) result = -errno;
    if (unlink(path) != 0 && errno != ENOENT && result == 0) result = -errno;
    return result;
}

struct dy_file_write { const char *file; const char *value; };

static int dy_write_work(void *argument) {
    const struct dy_file_write *request = argument;
    // /proc/sys/net/... is looked up in the opening thread's namespace.
    int fd = open(request->file, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    size_t length = strlen(request->value);
    ssize_t written = write(fd, request->value, length);
    int saved = errno;
    close(fd);
    return written == (ssize_t)length ? 0 : -(written < 0 ? saved : EIO);
}

int dy_netns_write_file(const char *namespace_path, const char *file, const char *value) {
    int target = open(namespace_path, O_RDONLY | O_CLOEXEC);
    if (target < 0) return -errno;
    struct dy_file_write request = { file, value };
    int result = dy_in_netns(target, dy_write_work, &request);
    close(target);
    return result;
}

int dy_cloexec_inherited(void) {
    // close_range(2) with CLOSE_RANGE_CLOEXEC (Linux 5.11): every descriptor from 3 up is
    // marked, none is closed. dockyard opens its own close-on-exec; this catches its caller's.
    return syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0 ? 0 : -errno;
}
