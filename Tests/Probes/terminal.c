// terminal: what a container can do to the terminal of whoever ran it. For each of fds 0-2 and
// for /dev/tty, prints what the file is and whether TIOCSTI (push a byte into the terminal's
// input, to be read by the caller's shell) worked, with the errno when it did not.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static void probe(const char *name, int fd) {
    char link[256] = "?";
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(path, link, sizeof link - 1);
    if (length >= 0) link[length] = '\0';
    char byte = '#';
    int injected = ioctl(fd, TIOCSTI, &byte);
    printf("%s %s isatty=%d tiocsti=%s\n", name, link, isatty(fd), injected == 0 ? "ok" : strerror(errno));
}

int main(void) {
    probe("fd0", 0);
    probe("fd1", 1);
    probe("fd2", 2);
    int tty = open("/dev/tty", O_RDWR | O_NOCTTY);
    if (tty < 0) printf("/dev/tty open=%s\n", strerror(errno));
    else probe("/dev/tty", tty);
    fflush(stdout);
    return 0;
}
