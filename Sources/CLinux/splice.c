// splice(2): moves bytes from a pipe to another descriptor inside the kernel, without copying
// them through user memory. It needs _GNU_SOURCE, so it does not import into Swift.
#include "dy_linux.h"

#include <errno.h>
#include <fcntl.h>

long dy_splice(int from_pipe, int to, size_t length) {
    ssize_t moved = splice(from_pipe, NULL, to, NULL, length, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
    return moved < 0 ? -errno : (long)moved;
}
