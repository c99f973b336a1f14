// procscan SECONDS: from inside a container, watch every other process's /proc entries for
// what must never be there: a host file on descriptor 9 (passed to `dockyard exec 9<file`) and
// an executable that is the host's dockyard binary. Prints how often it found either.
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int seconds = argc > 1 ? atoi(argv[1]) : 5;
    time_t end = time(NULL) + seconds;
    long scans = 0, processes = 0, host_file = 0, host_binary = 0;
    pid_t self = getpid();
    while (time(NULL) < end) {
        DIR *proc = opendir("/proc");
        if (!proc) { perror("opendir /proc"); return 1; }
        struct dirent *entry;
        while ((entry = readdir(proc)) != NULL) {
            if (!isdigit((unsigned char)entry->d_name[0])) continue;
            int pid = atoi(entry->d_name);
            if (pid == self || pid == 1) continue;
            processes++;
            char path[64], buffer[512];
            snprintf(path, sizeof path, "/proc/%d/fd/9", pid);
            int fd = open(path, O_RDONLY);
            if (fd >= 0) {
                ssize_t got = read(fd, buffer, sizeof buffer - 1);
                if (got > 0) {
                    buffer[got] = '\0';
                    if (strstr(buffer, "HOST-SECRET")) host_file++;
                }
                close(fd);
            }
            snprintf(path, sizeof path, "/proc/%d/exe", pid);
            ssize_t length = readlink(path, buffer, sizeof buffer - 1);
            if (length > 0) {
                buffer[length] = '\0';
                if (strstr(buffer, "dockyard")) host_binary++;
            }
        }
        closedir(proc);
        scans++;
    }
    printf("scans=%ld processes=%ld host-file=%ld host-binary=%ld\n", scans, processes, host_file, host_binary);
    return 0;
}
