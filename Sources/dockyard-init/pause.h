#ifndef DOCKYARD_PAUSE_H
#define DOCKYARD_PAUSE_H
/// Becomes a pod's pause process: holds its namespaces, reaps, ends on SIGTERM or SIGINT.
int dockyard_pause(void) __attribute__((noreturn));
#endif
