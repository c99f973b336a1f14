#ifndef DOCKYARD_FORWARD_H
#define DOCKYARD_FORWARD_H
/// Becomes a published-port forwarder (forward.c): `dockyard-init forward PIDFILE SPEC...`, each
/// SPEC `LISTENIP:LISTENPORT:TARGETIP:TARGETPORT`, the target's network namespace open on fd 3.
/// Returns (as the process's exit status) only if it could not start; 0 once it is in the background.
int dockyard_forward(int argc, char **argv);
#endif
