// Signals: dockyard passes the signals a user sends it on to the container's pid 1, as `docker run`
// does (the handler is C because it must be async-signal-safe), and a child dockyard forks or
// clones starts from the default signal state (signals.h).
#include "dy_linux.h"
#include "signals.h"

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

void dy_reset_signals(void) {
    struct sigaction default_action;
    memset(&default_action, 0, sizeof default_action);
    default_action.sa_handler = SIG_DFL;
    for (int sig = 1; sig < 32; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP) sigaction(sig, &default_action, NULL);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}
