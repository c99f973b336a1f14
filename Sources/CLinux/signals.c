// Signal forwarding: dockyard passes the signals a user sends it on to the container's pid 1,
// as `docker run` does. The handler is C because it must be async-signal-safe.
#include "dy_linux.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t dy_forward_pid = 0;

static void dy_forward(int sig) {
    pid_t pid = (pid_t)dy_forward_pid;
    if (pid > 0) kill(pid, sig);
}

void dy_forward_signals_to(pid_t pid) {
    static const int forwarded[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 };
    dy_forward_pid = pid;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = pid > 0 ? dy_forward : SIG_DFL;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) {
        sigaction(forwarded[i], &action, NULL);
    }
}
