// A read-only overlay that exists only as a file descriptor, for reading a stopped container's
// files (`dockyard cp` out). See dy_open_detached_overlay in dy_linux.h.
//
// Why the new mount API: fsopen/fsconfig/fsmount make a mount that is attached to no mount
// namespace at all: nobody else can see it, nothing is left mounted if Dockyard dies, and the
// kernel unmounts it when the last fd is closed. Its root fd is then the root for
// openat2(RESOLVE_IN_ROOT). glibc's wrappers need <sys/mount.h>, which Swift cannot import next
// to <linux/mount.h>, so they are raw system calls here.
#include "dy_linux.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

int dy_open_detached_overlay(const char *const *layers, size_t count) {
    int context = (int)syscall(SYS_fsopen, "overlay", FSOPEN_CLOEXEC);
    if (context < 0) return -errno;
    int error = 0;
    // "lowerdir+" appends one layer per call (Linux 6.8): no length limit on the list, no escaping
    // of ':' or ',' in paths. The first one given is the top-most.
    for (size_t i = 0; i < count && error == 0; i++) {
        if (syscall(SYS_fsconfig, context, FSCONFIG_SET_STRING, "lowerdir+", layers[i], 0) < 0) error = errno;
    }
    // index=off: the top layer may be the upperdir of the running overlay of a restarted container;
    // with the inode index on, overlayfs would refuse to share it (EBUSY).
    if (error == 0 && syscall(SYS_fsconfig, context, FSCONFIG_SET_STRING, "index", "off", 0) < 0) error = errno;
    if (error == 0 && syscall(SYS_fsconfig, context, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0) error = errno;
    int mount = -1;
    if (error == 0) {
        mount = (int)syscall(SYS_fsmount, context, FSMOUNT_CLOEXEC,
                             MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
        if (mount < 0) error = errno;
    }
    close(context);
    return error ? -error : mount;
}
