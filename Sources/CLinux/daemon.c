// The monitor of a detached container (`run -d`) is started here; see dy_linux.h for why in C.
#include "dy_linux.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <signal.h>
#include <unistd.h>

pid_t dy_spawn_daemon(const char *path, char *const argv[], int status_fd) {
    long pid = syscall(SYS_clone, (unsigned long)SIGCHLD, NULL, NULL, NULL, NULL);
    if (pid < 0) return -errno;
    if (pid > 0) return (pid_t)pid;

    // The child: only async-signal-safe calls until execve.
    if (setsid() < 0) _exit(127);
    // Move the status pipe out of the way first, so opening /dev/null cannot land on fd 3.
    int status = fcntl(status_fd, F_DUPFD, 10);
    if (status < 0) _exit(127);
    int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd < 0) _exit(127);
    for (int fd = 0; fd < 3; fd++) {
        if (dup2(null_fd, fd) < 0) _exit(127);
    }
    if (dup2(status, 3) < 0) _exit(127);   // dup2 clears close-on-exec on fd 3
    syscall(SYS_close_range, 4U, ~0U, CLOSE_RANGE_CLOEXEC);
    execv(path, argv);
    _exit(127);
}
