// dockyard-init's second job: rootless mode's holder (LinuxKernel/Rootless/RootlessHolder.swift).
//
// The holder keeps an ordinary user's user namespace alive between dockyard commands, so it
// does nothing but sleep. It is this tiny static program, run from a memfd copy, and not
// dockyard itself: a process pins the file it executes (writing it then fails with ETXTBSY), so
// a holder running dockyard's own binary would block every rebuild or upgrade of it.
#include "hold.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

void dockyard_hold(void) {
    prctl(PR_SET_NAME, "dockyard-holder", 0, 0, 0);
    // No terminal, no inherited descriptors, and the signals a terminal sends are ignored.
    // SIGTERM and SIGKILL end it, and the namespace goes once its last container has exited.
    int null_fd = open("/dev/null", O_RDWR);
    if (null_fd >= 0) {
        for (int fd = 0; fd < 3; fd++) dup2(null_fd, fd);
        if (null_fd > 2) close(null_fd);
    }
    for (int fd = 3; fd < 1024; fd++) close(fd);
    if (chdir("/") != 0) _exit(1);
    int ignored[] = { SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2 };
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++) signal(ignored[i], SIG_IGN);
    // execve keeps the signal mask, and dockyard's threads block SIGTERM (among others): unblock all.
    sigset_t none; sigemptyset(&none); sigprocmask(SIG_SETMASK, &none, NULL);
    for (;;) pause();
}
