// Before main: rootless mode's join. See Sources/CLinux/rootless.c for the holder and why the
// join cannot wait for Swift (setns into a user namespace needs a single-threaded process).
//
// This target is linked into the dockyard executable only, never into a test bundle, so the
// test runner (root in CI, anyone on a laptop) is never moved into a namespace behind its back.
#include "dockyard_entry.h"
#include "../CLinux/include/dy_linux.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pid_t joined_holder = 0;

pid_t dy_entry_joined_holder(void) { return joined_holder; }

// glibc passes main's arguments to constructors.
__attribute__((constructor)) static void dy_entry(int argc, char **argv, char **envp) {
    (void)envp;
    if (geteuid() == 0) return;
    const char *choice = getenv("DOCKYARD_ROOTLESS_JOIN");
    if (choice && strcmp(choice, "0") == 0) return;
    // The lesson player (and `course`, which records lessons with it) stays on the host, as the
    // learner's own shell does: its shell steps must see host ids (`id -u` is the user, not 0),
    // and each dockyard it starts joins by itself. A join could not be undone later: no process
    // leaves a user namespace it has entered.
    if (argc > 1 && argv && argv[1] && (strcmp(argv[1], "learn") == 0 || strcmp(argv[1], "course") == 0)) return;
    char runtime_dir[PATH_MAX];
    if (dy_rootless_runtime_dir(getuid(), runtime_dir, sizeof runtime_dir) != 0) return;
    pid_t holder = dy_rootless_holder_pid(runtime_dir);
    if (holder <= 0) return;
    int result = dy_rootless_join(holder);
    joined_holder = result == 0 ? holder : result;
}
