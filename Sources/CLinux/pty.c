// Pseudo-terminal allocation for `run -t`; see dy_linux.h for why this is C.
#include "dy_linux.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int dy_open_pty(int *primary, int *replica) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return -errno;
    char name[128];
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, sizeof name) != 0) {
        int saved = errno;
        close(master);
        return -saved;
    }
    int slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave < 0) {
        int saved = errno;
        close(master);
        return -saved;
    }
    *primary = master;
    *replica = slave;
    return 0;
}
