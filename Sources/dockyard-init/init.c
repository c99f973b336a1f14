// dockyard-init: the tiny init that `run --init` puts at /dev/init as the container's pid 1.
//
// Pid 1 is special in a pid namespace: the kernel delivers it only signals it has handlers for,
// and every orphaned process is re-parented to it to be reaped. An ordinary program as pid 1
// ignores SIGTERM (so `stop` must wait and SIGKILL it) and never reaps zombies. This init runs the
// real command as its child, passes every signal on to it, reaps whatever exits, and exits with
// the command's status (128+N if signal N killed it) — what Docker's --init (tini) does.
// It is linked statically so it runs in any image, even one with no libc at all.
//
// Started as "dockyard-holder" with no arguments, it is rootless mode's holder instead (hold.c);
// as `dockyard-init forward …`, a rootless user network's published-port forwarder (forward.c);
// as `dockyard-init pause`, a pod's pause process, which holds the pod's namespaces (pause.c).
// The runtime always starts the init as `dockyard-init -- COMMAND`, so neither is ever a command.
#include "forward.h"
#include "hold.h"
#include "pause.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc == 1 && strcmp(argv[0], "dockyard-holder") == 0) dockyard_hold();
    if (argc > 1 && strcmp(argv[1], "forward") == 0) return dockyard_forward(argc, argv);
    if (argc == 2 && strcmp(argv[1], "pause") == 0) dockyard_pause();
    int first = (argc > 1 && strcmp(argv[1], "--") == 0) ? 2 : 1;
    if (first >= argc) {
        fprintf(stderr, "dockyard-init: usage: dockyard-init -- COMMAND [ARG...]\n");
        return 125;
    }
    // Block everything: signals are taken one at a time with sigwaitinfo below.
    sigset_t all, original;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &original);

    pid_t child = fork();
    if (child < 0) {
        perror("dockyard-init: fork");
        return 125;
    }
    if (child == 0) {
        sigprocmask(SIG_SETMASK, &original, NULL);
        execvp(argv[first], argv + first);
        fprintf(stderr, "dockyard-init: exec %s: %s\n", argv[first], strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
    }

    for (;;) {
        siginfo_t info;
        int sig = sigwaitinfo(&all, &info);
        if (sig < 0) continue;
        if (sig != SIGCHLD) {
            kill(child, sig);   // pass it on: the command decides what it means
            continue;
        }
        // Reap every child that exited: the command, and orphans re-parented to pid 1.
        int status;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            if (pid == child) {
                if (WIFEXITED(status)) return WEXITSTATUS(status);
                if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
            }
        }
    }
}
