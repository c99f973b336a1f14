#ifndef DOCKYARD_HOLD_H
#define DOCKYARD_HOLD_H
/// Becomes rootless mode's holder: names itself dockyard-holder and sleeps until killed.
void dockyard_hold(void) __attribute__((noreturn));
#endif
