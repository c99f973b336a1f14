// cgroup v2's devices controller: load an eBPF program Swift built (LinuxKernel/DeviceFilter.swift)
// and attach it to a container's cgroup. Called by dockyard itself, before the container's first
// process exists, never in a cloned child.
#include "dy_linux.h"

#include <errno.h>
#include <linux/bpf.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int dy_bpf(int command, union bpf_attr *attributes) {
    return (int)syscall(SYS_bpf, command, attributes, sizeof *attributes);
}

// BPF_PROG_LOAD; with a log buffer the verifier explains a refusal there.
static int dy_load_device_program(const struct dy_ebpf_instruction *program, size_t count, char *log, size_t log_size) {
    union bpf_attr load;
    memset(&load, 0, sizeof load);
    load.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
    load.insns = (uint64_t)(uintptr_t)program;
    load.insn_cnt = (uint32_t)count;
    // Only GPL-only kernel helpers care about the license; this program calls no helper at all.
    // "Apache" is what runc declares for the same program.
    load.license = (uint64_t)(uintptr_t)"Apache";
    if (log && log_size > 0) {
        load.log_buf = (uint64_t)(uintptr_t)log;
        load.log_size = (uint32_t)log_size;
        load.log_level = 1;
    }
    return dy_bpf(BPF_PROG_LOAD, &load);
}

int dy_attach_device_filter(int cgroup_fd, const struct dy_ebpf_instruction *program, size_t count,
                            char *log, size_t log_size) {
    if (log && log_size > 0) log[0] = '\0';
    // First without a log: at level 1 the verifier logs every path it walks, and a log that
    // overflows its buffer fails the load (ENOSPC). Only a refusal is loaded again, to say why.
    int prog = dy_load_device_program(program, count, NULL, 0);
    if (prog < 0) {
        int error = errno;
        if (error == EACCES || error == EINVAL) (void)dy_load_device_program(program, count, log, log_size);
        return -error;
    }
    union bpf_attr attach;
    memset(&attach, 0, sizeof attach);
    attach.target_fd = (uint32_t)cgroup_fd;
    attach.attach_bpf_fd = (uint32_t)prog;
    attach.attach_type = BPF_CGROUP_DEVICE;
    attach.attach_flags = BPF_F_ALLOW_MULTI;
    int result = dy_bpf(BPF_PROG_ATTACH, &attach);
    int error = errno;
    // The cgroup holds its own reference to an attached program: our fd can go.
    close(prog);
    return result == 0 ? 0 : -error;
}
