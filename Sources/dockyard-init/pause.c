// dockyard-init's third job: a pod's pause process (ContainerRuntime/Pods/PodLifecycle.swift).
//
// A pod is a set of namespaces, and a namespace lives only while a process is in it (or a file
// holds it). The pause process is that process: the infra container's pid 1, doing nothing but
// existing, so the pod's network, IPC and UTS namespaces outlive any one of its containers. With
// `pod create --share pid` it is also pid 1 of the pod's pid namespace, where every orphan is
// re-parented to it, so it reaps whatever exits. It ends on SIGTERM or SIGINT (`pod stop`).
#include "pause.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

int dockyard_pause(void) {
    // Blocked signals are queued even for a pid 1, which the kernel otherwise spares every
    // signal it has no handler for; they are taken one at a time below.
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL);
    for (;;) {
        siginfo_t info;
        int sig = sigwaitinfo(&all, &info);
        if (sig == SIGTERM || sig == SIGINT) exit(0);
        if (sig == SIGCHLD) {
            while (waitpid(-1, NULL, WNOHANG) > 0) {}
        }
    }
}
