// Tries system calls Docker's default seccomp profile refuses, and some it allows, from inside a
// container, and prints what the kernel answered, one line each: "NAME ok" or "NAME errno-name".
// Raw syscall(2) throughout, so the C library cannot answer for the kernel (or fall back).
// Run with an argument, it only tries mkdir(PATH) (for a custom profile's test).
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#ifndef SYS_clone3
#define SYS_clone3 435
#endif

static const char *name_of(int error) {
    switch (error) {
    case EPERM: return "EPERM";
    case ENOSYS: return "ENOSYS";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case EACCES: return "EACCES";
    case EEXIST: return "EEXIST";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    default: return strerror(error);
    }
}

static void report(const char *what, long result) {
    printf("%s %s\n", what, result < 0 ? name_of(errno) : "ok");
}

int main(int argc, char **argv) {
    if (argc > 1) {
        report("mkdir", syscall(SYS_mkdir, argv[1], 0755));
        return 0;
    }
    report("personality(ADDR_NO_RANDOMIZE)", syscall(SYS_personality, 0x0040000UL));
    report("personality(0)", syscall(SYS_personality, 0UL));
    report("personality(0xffffffff)", syscall(SYS_personality, 0xffffffffUL));
    report("fanotify_init", syscall(SYS_fanotify_init, 0, 0));
    char buffer[8] = "probe", copy[8];
    struct iovec local = { copy, sizeof copy }, remote = { buffer, sizeof buffer };
    report("process_vm_readv(self)", syscall(SYS_process_vm_readv, getpid(), &local, 1, &remote, 1, 0));
    report("socket(AF_VSOCK)", syscall(SYS_socket, 40, SOCK_STREAM, 0));
    report("socket(AF_ALG)", syscall(SYS_socket, 38, SOCK_SEQPACKET, 0));
    long inet = syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0);
    report("socket(AF_INET)", inet);
    if (inet >= 0) close((int)inet);
    report("clone3", syscall(SYS_clone3, NULL, 0));
    report("unshare(CLONE_NEWUSER)", syscall(SYS_unshare, 0x10000000));
    report("keyctl", syscall(SYS_keyctl, 0, 0, 0, 0, 0));
    report("syscall(1000)", syscall(1000));
    report("getpid", syscall(SYS_getpid));
    return 0;
}
