// Opening another process's namespace: the file /proc/PID/ns/KIND is a handle that setns(2)
// takes (and that keeps the namespace alive while it is open).
#include "dy_linux.h"

#include <fcntl.h>
#include <stdio.h>

int dy_open_namespace(pid_t pid, const char *kind) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/ns/%s", (int)pid, kind);
    return open(path, O_RDONLY | O_CLOEXEC);
}
