// dockyard-init's third job: a published port of a rootless container on a user network
// (ContainerRuntime/Network/PortForwarder.swift says why it is a process, as Docker's
// docker-proxy is, and not pasta or a DNAT rule).
//
// A socket belongs to the network namespace its creator was in when it called socket(2), for
// good. So this process makes its listening sockets first, in the host's network namespace, then
// setns(2)es into the rootless network namespace (open on fd 3), where every socket it makes
// afterwards lives: the connections to the container's address on the bridge there. It is one
// thread, so setns is allowed, and it never goes back.
//
// Each accepted connection gets a child that copies bytes both ways until both sides are done
// (inetd's way: no event loop to get wrong); the children die with the forwarder
// (PR_SET_PDEATHSIG), so SIGTERM to it ends every connection it made.
#define _GNU_SOURCE
#include "forward.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define DY_MAX_PORTS 64

struct dy_port {
    int listener;
    struct sockaddr_in target;
};

static int dy_parse_address(const char *text, size_t length, unsigned long port, struct sockaddr_in *address) {
    char host[INET_ADDRSTRLEN];
    if (length >= sizeof host || port == 0 || port > 65535) return -1;
    memcpy(host, text, length);
    host[length] = 0;
    memset(address, 0, sizeof *address);
    address->sin_family = AF_INET;
    address->sin_port = htons((unsigned short)port);
    return inet_pton(AF_INET, host, &address->sin_addr) == 1 ? 0 : -1;
}

/// "LISTENIP:LISTENPORT:TARGETIP:TARGETPORT" into two addresses.
static int dy_parse_spec(const char *spec, struct sockaddr_in *listen_at, struct sockaddr_in *target) {
    const char *colon1 = strchr(spec, ':');
    const char *colon2 = colon1 ? strchr(colon1 + 1, ':') : NULL;
    const char *colon3 = colon2 ? strchr(colon2 + 1, ':') : NULL;
    if (!colon3) return -1;
    return dy_parse_address(spec, (size_t)(colon1 - spec), strtoul(colon1 + 1, NULL, 10), listen_at) == 0
        && dy_parse_address(colon2 + 1, (size_t)(colon3 - colon2 - 1), strtoul(colon3 + 1, NULL, 10), target) == 0 ? 0 : -1;
}

/// Copies what one side sends to the other until both have finished sending.
static void dy_relay(int a, int b) {
    struct pollfd fds[2] = { { .fd = a, .events = POLLIN }, { .fd = b, .events = POLLIN } };
    char buffer[65536];
    int open_sides = 2;
    while (open_sides > 0) {
        if (poll(fds, 2, -1) < 0) { if (errno == EINTR) continue; return; }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            int to = i == 0 ? b : a;
            ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n <= 0) {
                if (n < 0 && errno == EINTR) continue;
                if (n < 0) return;          // a reset: both directions end
                shutdown(to, SHUT_WR);      // half-close, as the peer did
                fds[i].fd = -1;
                open_sides--;
                continue;
            }
            for (ssize_t off = 0; off < n;) {
                ssize_t w = write(to, buffer + off, (size_t)(n - off));
                if (w < 0) { if (errno == EINTR) continue; return; }
                off += w;
            }
        }
    }
}

static void dy_serve(struct dy_port *port) {
    int client = accept4(port->listener, NULL, NULL, SOCK_CLOEXEC);
    if (client < 0) return;
    pid_t child = fork();
    if (child == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        // Made now, so in the rootless network namespace this process joined.
        int upstream = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (upstream >= 0 && connect(upstream, (struct sockaddr *)&port->target, sizeof port->target) == 0) {
            dy_relay(client, upstream);
        }
        _exit(0);
    }
    close(client);
}

int dockyard_forward(int argc, char **argv) {
    if (argc < 4 || argc - 3 > DY_MAX_PORTS) {
        fprintf(stderr, "dockyard-init: usage: dockyard-init forward PIDFILE LISTENIP:PORT:TARGETIP:PORT... (namespace on fd 3)\n");
        return 2;
    }
    struct dy_port ports[DY_MAX_PORTS];
    int count = argc - 3;
    for (int i = 0; i < count; i++) {
        struct sockaddr_in listen_at;
        if (dy_parse_spec(argv[i + 3], &listen_at, &ports[i].target) != 0) {
            fprintf(stderr, "dockyard-init forward: bad port spec %s\n", argv[i + 3]);
            return 2;
        }
        int one = 1;
        ports[i].listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (ports[i].listener < 0 || setsockopt(ports[i].listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0
            || bind(ports[i].listener, (struct sockaddr *)&listen_at, sizeof listen_at) != 0
            || listen(ports[i].listener, 128) != 0) {
            fprintf(stderr, "dockyard-init forward: listen on %s: %s\n", argv[i + 3], strerror(errno));
            return 1;
        }
    }
    if (setns(3, CLONE_NEWNET) != 0) {
        fprintf(stderr, "dockyard-init forward: setns into the network namespace on fd 3: %s\n", strerror(errno));
        return 1;
    }
    close(3);
    pid_t daemon = fork();
    if (daemon < 0) { perror("dockyard-init forward: fork"); return 1; }
    if (daemon > 0) {
        // The pid file is written before this exits: the caller reads it as soon as we are gone.
        FILE *file = fopen(argv[2], "w");
        if (!file || fprintf(file, "%d\n", (int)daemon) < 0 || fclose(file) != 0) {
            kill(daemon, SIGKILL);
            fprintf(stderr, "dockyard-init forward: write %s: %s\n", argv[2], strerror(errno));
            return 1;
        }
        return 0;
    }
    setsid();
    prctl(PR_SET_NAME, "dockyard-fwd", 0, 0, 0);
    int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd >= 0) { dup2(null_fd, 0); dup2(null_fd, 1); dup2(null_fd, 2); }
    signal(SIGCHLD, SIG_IGN);   // connection children are reaped by the kernel
    signal(SIGPIPE, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);   // dockyard's threads block SIGTERM; exec kept the mask
    struct pollfd fds[DY_MAX_PORTS];
    for (int i = 0; i < count; i++) fds[i] = (struct pollfd){ .fd = ports[i].listener, .events = POLLIN };
    for (;;) {
        if (poll(fds, (nfds_t)count, -1) < 0) continue;
        for (int i = 0; i < count; i++) {
            if (fds[i].revents & POLLIN) dy_serve(&ports[i]);
        }
    }
}
