// A process as a file descriptor: pidfd_open(2) has no wrapper that imports into Swift.
#include "dy_linux.h"

#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

int dy_pidfd_open(pid_t pid) {
    long fd = syscall(SYS_pidfd_open, pid, 0);
    return fd < 0 ? -errno : (int)fd;
}
