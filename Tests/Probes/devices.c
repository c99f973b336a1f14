// Attacks a container's devices cgroup from inside and prints what the kernel answered, one line
// per attempt: "NAME mknod=RESULT open=RESULT", RESULT being "ok" or the errno's name (EPERM).
//
//   /probe                 make fresh nodes for devices a container must not reach (the host's
//                          first loop device, /dev/kmsg, /dev/kvm, /dev/userfaultfd) in /tmp and
//                          open each; then open the default nodes every container gets.
//   /probe open PATH MODE  open PATH with MODE r, w or rw, then read or write one byte:
//                          "PATH open=RESULT io=RESULT".
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static const char *result(int ok) {
    return ok ? "ok" : strerrorname_np(errno);
}

// Opens `path` with `mode` and prints "PATH open=RESULT", then, when it opened, " io=RESULT" for
// reading (or writing) one byte. The open is the devices cgroup's answer; the byte is the driver's
// (an unmounted /dev/fuse refuses I/O with EPERM of its own).
static void try_open(const char *path, const char *mode) {
    int flags = strcmp(mode, "rw") == 0 ? O_RDWR : strcmp(mode, "w") == 0 ? O_WRONLY : O_RDONLY;
    int fd = open(path, flags | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    printf("%s open=%s", path, result(fd >= 0));
    if (fd >= 0) {
        char byte = '\n';
        ssize_t done = flags == O_RDONLY ? read(fd, &byte, 1) : write(fd, &byte, 1);
        printf(" io=%s", result(done >= 0));
        close(fd);
    }
    printf("\n");
}

static void attack(const char *name, mode_t type, unsigned major, unsigned minor) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/%s", name);
    unlink(path);
    int made = mknod(path, type | 0666, makedev(major, minor)) == 0;
    const char *mknod_result = result(made);
    int opened = 0;
    if (made) opened = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOCTTY) >= 0;
    printf("%s mknod=%s open=%s\n", name, mknod_result, made ? result(opened) : "-");
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "open") == 0) {
        try_open(argv[2], argv[3]);
        return 0;
    }
    attack("loop0", S_IFBLK, 7, 0);
    attack("kmsg", S_IFCHR, 1, 11);
    attack("kvm", S_IFCHR, 10, 232);
    attack("userfaultfd", S_IFCHR, 10, 126);
    const char *defaults[] = { "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/kmsg" };
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        try_open(defaults[i], "r");
    }
    return 0;
}
