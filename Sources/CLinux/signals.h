// Private to CLinux: signal state a freshly forked or cloned child must not keep from dockyard.
#ifndef DY_SIGNALS_H
#define DY_SIGNALS_H

/// Every handler back to its default (dockyard's forwarders, the ignored SIGPIPE), then nothing
/// blocked: in that order, so a signal pending while blocked never runs one of dockyard's
/// handlers in the child. Blocked signals and ignored dispositions survive execve, and a
/// container's process expects the defaults. Async-signal-safe system calls only.
void dy_reset_signals(void);

#endif
