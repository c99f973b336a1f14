// Setup steps resolved inside the container's rootfs, for the cloned child (see dy_linux.h).
//
// Why by fd: a path string such as "<rootfs>/etc/hosts" is resolved by the kernel from the
// host's root, so a symlink /etc -> /host-target in an image would send a bind mount (or a
// mkdir, or a device node) to the host's /host-target. openat2(RESOLVE_IN_ROOT) resolves the
// path as if the rootfs were already `/`: absolute symlinks and ".." stay inside it. The mount
// is then made onto /proc/self/fd/N, which names exactly the inode that was resolved.
//
// Why this style: it runs between clone(2) and execve(2) in a process that was multithreaded,
// so only async-signal-safe calls: raw system calls, fixed-size stack buffers, no malloc.
#include "inroot.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

enum { DY_PATH_MAX = 4096 };
static const unsigned long long dy_in_root = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;

int dy_openat2(int dirfd, const char *path, int flags, unsigned int mode, unsigned long long resolve) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (unsigned long long)(flags | O_CLOEXEC);
    how.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0;
    how.resolve = resolve;
    long fd;
    do { fd = syscall(SYS_openat2, dirfd, path, &how, sizeof how); } while (fd < 0 && errno == EINTR);
    return fd < 0 ? -errno : (int)fd;
}

// An O_PATH fd for `path` resolved inside the rootfs, or -1 with errno set.
static int dy_open_in_root(int rootfd, const char *path, int flags) {
    int fd = dy_openat2(rootfd, path[0] ? path : "/", O_PATH | flags, 0, dy_in_root);
    if (fd < 0) { errno = -fd; return -1; }
    return fd;
}

// mkdir -p inside the rootfs: each prefix is resolved from the rootfs again (a component may be
// a symlink, which must resolve inside it too); a missing component is made with mkdirat in
// the directory its parent resolved to. A dangling symlink on the way is followed the way the
// kernel would follow it after pivot_root: its target is made, inside the rootfs (as runc does).
// Returns an O_PATH fd of the final directory, or -1.
static int dy_mkdir_all_in_root(int rootfd, const char *path, mode_t mode) {
    // Most directories a plan names exist already (/dev, /sys/fs/cgroup, /etc): one lookup of the
    // whole path finds them; the walk below is for what is missing.
    int existing = dy_open_in_root(rootfd, path, O_DIRECTORY);
    if (existing >= 0 || errno != ENOENT) return existing;
    char work[DY_PATH_MAX], prefix[DY_PATH_MAX], link[DY_PATH_MAX];
    size_t length = strlen(path);
    if (length >= sizeof work) { errno = ENAMETOOLONG; return -1; }
    memcpy(work, path, length + 1);
    int links = 0;
restart:;
    int current = dy_open_in_root(rootfd, "/", O_DIRECTORY);
    if (current < 0) return -1;
    size_t i = 0;
    while (i < length) {
        while (i < length && work[i] == '/') i++;
        size_t start = i;
        while (i < length && work[i] != '/') i++;
        if (i == start) break;
        memcpy(prefix, work, i);
        prefix[i] = '\0';
        int next = dy_open_in_root(rootfd, prefix, O_DIRECTORY);
        if (next < 0 && errno == ENOENT) {
            char name[256];
            size_t name_length = i - start;
            if (name_length >= sizeof name) { close(current); errno = ENAMETOOLONG; return -1; }
            memcpy(name, work + start, name_length);
            name[name_length] = '\0';
            struct stat entry;
            if (fstatat(current, name, &entry, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(entry.st_mode)) {
                ssize_t n = readlinkat(current, name, link, sizeof link - 1);
                close(current);
                if (n <= 0) { errno = n == 0 ? ENOENT : errno; return -1; }
                if (++links > 40) { errno = ELOOP; return -1; }
                link[n] = '\0';
                // The new path: the link's target (from the root if absolute, else from the
                // link's directory), then the components after the link.
                size_t base = link[0] == '/' ? 0 : start;
                size_t rest = length - i;
                if (base + (size_t)n + rest + 1 >= sizeof prefix) { errno = ENAMETOOLONG; return -1; }
                memcpy(prefix, work, base);
                memcpy(prefix + base, link, (size_t)n);
                memcpy(prefix + base + n, work + i, rest + 1);
                length = base + (size_t)n + rest;
                memcpy(work, prefix, length + 1);
                goto restart;
            }
            if (mkdirat(current, name, mode) != 0 && errno != EEXIST) { int saved = errno; close(current); errno = saved; return -1; }
            next = dy_open_in_root(rootfd, prefix, O_DIRECTORY);
        }
        if (next < 0) { int saved = errno; close(current); errno = saved; return -1; }
        close(current);
        current = next;
    }
    return current;
}

// The directory that will hold the last component of `path` (made if missing), and that
// component's name in `name`. "." and ".." are refused as names: they are not new entries.
static int dy_parent_in_root(int rootfd, const char *path, char name[256]) {
    size_t length = strlen(path);
    while (length > 1 && path[length - 1] == '/') length--;
    size_t slash = length;
    while (slash > 0 && path[slash - 1] != '/') slash--;
    size_t name_length = length - slash;
    if (name_length == 0 || name_length >= 256) { errno = EINVAL; return -1; }
    memcpy(name, path + slash, name_length);
    name[name_length] = '\0';
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) { errno = EINVAL; return -1; }
    char parent[DY_PATH_MAX];
    if (slash >= sizeof parent) { errno = ENAMETOOLONG; return -1; }
    memcpy(parent, path, slash);
    parent[slash] = '\0';
    return dy_mkdir_all_in_root(rootfd, parent, 0755);
}

// A remount changes one mount only: under `-v /:/host:ro` the host's /dev/shm, /run or /boot,
// bind-mounted along with / (MS_REC), would stay writable. mount_setattr(2) with AT_RECURSIVE
// (Linux 5.12) sets the attributes on the whole tree at once, or on none of it.
static int dy_set_attributes_recursively(int fd, unsigned long flags) {
    struct mount_attr attributes;
    memset(&attributes, 0, sizeof attributes);
    if (flags & MS_RDONLY) attributes.attr_set |= MOUNT_ATTR_RDONLY;
    if (flags & MS_NOSUID) attributes.attr_set |= MOUNT_ATTR_NOSUID;
    if (flags & MS_NODEV) attributes.attr_set |= MOUNT_ATTR_NODEV;
    if (flags & MS_NOEXEC) attributes.attr_set |= MOUNT_ATTR_NOEXEC;
    return (int)syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attributes, sizeof attributes);
}

// "/proc/self/fd/N" for an fd, in a caller's buffer.
static void dy_fd_path(int fd, char buffer[32]) {
    memcpy(buffer, "/proc/self/fd/", 14);
    char digits[12];
    int count = 0;
    unsigned int value = (unsigned int)fd;
    do { digits[count++] = (char)('0' + value % 10); value /= 10; } while (value > 0);
    for (int i = 0; i < count; i++) buffer[14 + i] = digits[count - 1 - i];
    buffer[14 + count] = '\0';
}

static int dy_step_in_root(int rootfd, const struct dy_step *step) {
    char name[256];
    char fd_path[32];
    int fd, result;
    switch (step->kind) {
    case DY_STEP_MKDIR:
        fd = dy_mkdir_all_in_root(rootfd, step->target, step->mode);
        if (fd < 0) return -1;
        close(fd);
        return 0;
    case DY_STEP_MKNOD:
        if ((fd = dy_parent_in_root(rootfd, step->target, name)) < 0) return -1;
        result = mknodat(fd, name, dy_device_type(step->mode) | (step->mode & 07777), makedev(step->major, step->minor));
        if (result == 0) result = fchmodat(fd, name, step->mode & 07777, 0);   // mknod's mode is filtered by the umask
        break;
    case DY_STEP_SYMLINK:
        if ((fd = dy_parent_in_root(rootfd, step->target, name)) < 0) return -1;
        result = symlinkat(step->source, fd, name);
        break;
    case DY_STEP_TOUCH: {
        // An existing entry is left alone (opening it for writing would copy it up on overlayfs);
        // if it is a symlink, the mount that follows resolves it inside the rootfs.
        if ((fd = dy_parent_in_root(rootfd, step->target, name)) < 0) return -1;
        struct stat existing;
        if (fstatat(fd, name, &existing, AT_SYMLINK_NOFOLLOW) == 0) { close(fd); return 0; }
        int file = openat(fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, step->mode);
        result = file < 0 ? -1 : close(file);
        break;
    }
    case DY_STEP_MOUNT:
        if ((fd = dy_open_in_root(rootfd, step->target, 0)) < 0) return -1;
        dy_fd_path(fd, fd_path);
        result = mount(step->source, fd_path, step->fstype, step->flags, step->data);
        break;
    case DY_STEP_REMOUNT:
        // Resolved again after the mount: the path now leads into the new mount, whose flags change.
        if ((fd = dy_open_in_root(rootfd, step->target, 0)) < 0) return -1;
        dy_fd_path(fd, fd_path);
        result = mount(NULL, fd_path, NULL, MS_REMOUNT | MS_BIND | step->flags, NULL);
        break;
    case DY_STEP_REMOUNT_RECURSIVE:
        if ((fd = dy_open_in_root(rootfd, step->target, 0)) < 0) return -1;
        result = dy_set_attributes_recursively(fd, step->flags);
        break;
    case DY_STEP_WRITE: {
        // Resolved in the rootfs as an O_PATH fd, then reopened for writing through /proc/self/fd
        // (the open follows nothing more): a sysctl file under the container's own /proc.
        if ((fd = dy_open_in_root(rootfd, step->target, O_NOFOLLOW)) < 0) return -1;
        dy_fd_path(fd, fd_path);
        int file = open(fd_path, O_WRONLY | O_CLOEXEC);
        if (file < 0) { result = -1; break; }
        size_t length = strlen(step->data);
        ssize_t written = write(file, step->data, length);
        int saved = errno;
        close(file);
        errno = saved;
        result = written == (ssize_t)length ? 0 : -1;
        if (written >= 0 && written != (ssize_t)length) errno = EIO;
        break;
    }
    default:
        errno = EINVAL;
        return -1;
    }
    int saved = errno;
    close(fd);
    errno = saved;
    return result;
}

// The rootfs the last steps ran in, held open for the next ones: a plan has some fifty steps in
// the same rootfs, and each would otherwise look its long host path up again. Only the child
// runs steps, one at a time, so a static is enough.
static struct { const char *path; int fd; } dy_root = { NULL, -1 };

void dy_forget_root(void) {
    if (dy_root.fd >= 0) close(dy_root.fd);
    dy_root.path = NULL;
    dy_root.fd = -1;
}

int dy_run_step_in_root(const struct dy_step *step) {
    if (dy_root.fd < 0 || strcmp(dy_root.path, step->root) != 0) {
        dy_forget_root();
        int fd = open(step->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) return -1;
        dy_root.path = step->root;
        dy_root.fd = fd;
    }
    return dy_step_in_root(dy_root.fd, step);
}
