// Idmapped layers for a container in a user namespace (`--userns remap`).
//
// Inside a user namespace, uid 0 is some unprivileged host uid (100000): the image's files,
// owned by host uid 0, would show as `nobody` and could not be changed. An idmapped mount shows
// the same files with ownership shifted through the container's uid map — host 0 appears as
// container 0 — and what the container writes through it is stored shifted back, as host 0. So
// the layers stay exactly as they are on disk and every other tool (commit, diff, save) works.
//
// The kernel's rules decide the shape. Only host root may make an idmapped mount, and overlayfs
// mounted inside the user namespace may only use layers that are mounts of the container's own
// mount namespace. So a short-lived helper process enters the container's mount namespace with
// setns(2) (a multithreaded process may not), clones each layer with open_tree(2), idmaps it
// with mount_setattr(2), and attaches it with move_mount(2) at a staging directory there. The
// mounts exist only in the container's namespace: they vanish with it, the host never sees them.
#include "dy_linux.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int dy_idmap_one(const char *source, const char *target, int userns) {
    int tree = (int)syscall(SYS_open_tree, AT_FDCWD, source, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
    if (tree < 0) return -1;
    struct mount_attr attr = { .attr_set = MOUNT_ATTR_IDMAP, .userns_fd = (unsigned long long)userns };
    if (syscall(SYS_mount_setattr, tree, "", AT_EMPTY_PATH, &attr, sizeof attr) != 0) return -1;
    if (syscall(SYS_move_mount, tree, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH) != 0) return -1;
    close(tree);
    return 0;
}

int dy_attach_idmapped(pid_t child, const char *const *sources, const char *const *targets, size_t count) {
    int userns = dy_open_namespace(child, "user");
    if (userns < 0) return -errno;
    int mntns = dy_open_namespace(child, "mnt");
    if (mntns < 0) { int saved = errno; close(userns); return -saved; }

    long helper = syscall(SYS_clone, (unsigned long)SIGCHLD, NULL, NULL, NULL, NULL);
    if (helper == 0) {
        // The helper reports the failing mount's index and errno in its exit status.
        if (setns(mntns, CLONE_NEWNS) != 0) _exit(200);
        for (size_t i = 0; i < count; i++) {
            if (dy_idmap_one(sources[i], targets[i], userns) != 0) _exit(errno > 0 && errno < 200 ? errno : 1);
        }
        _exit(0);
    }
    int saved = errno;
    close(userns);
    close(mntns);
    if (helper < 0) return -saved;
    int status = 0;
    while (waitpid((pid_t)helper, &status, 0) < 0) {
        if (errno != EINTR) return -errno;
    }
    if (!WIFEXITED(status)) return -ECHILD;
    int code = WEXITSTATUS(status);
    if (code == 200) return -EPERM;
    return -code;
}
