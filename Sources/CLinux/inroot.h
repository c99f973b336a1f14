// Private to CLinux: the setup steps whose paths are resolved inside the container's rootfs.
#ifndef DY_INROOT_H
#define DY_INROOT_H

#include "dy_linux.h"

/// Runs one step whose `root` is set, resolving `target` inside it by fd (see dy_linux.h).
/// Async-signal-safe: raw system calls and stack buffers only. Returns 0, or -1 with errno set.
int dy_run_step_in_root(const struct dy_step *step);

/// Closes the rootfs fd the steps above keep between them. Called before any step that resolves
/// a host path (it may mount over the rootfs itself, after which the path names the new mount)
/// and before pivot_root.
void dy_forget_root(void);

/// The file type a DY_STEP_MKNOD step makes: S_IFBLK or S_IFIFO when its mode says so, else S_IFCHR.
static inline unsigned int dy_device_type(unsigned int mode) {
    unsigned int type = mode & 0170000;                         // S_IFMT
    // S_IFBLK and S_IFIFO (an OCI device of type "p") as asked; anything else a character device.
    return type == 0060000 || type == 0010000 ? type : 0020000;
}

#endif
