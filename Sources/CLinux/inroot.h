// Private to CLinux: the setup steps whose paths are resolved inside the container's rootfs.
#ifndef DY_INROOT_H
#define DY_INROOT_H

#include "dy_linux.h"

/// Runs one step whose `root` is set, resolving `target` inside it by fd (see dy_linux.h).
/// Async-signal-safe: raw system calls and stack buffers only. Returns 0, or -1 with errno set.
int dy_run_step_in_root(const struct dy_step *step);

#endif
