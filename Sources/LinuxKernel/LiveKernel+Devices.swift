import CLinux
import Explain
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernel {
    public func attachDeviceFilter(_ filter: DeviceFilter, to path: String) throws {
        let directory = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw KernelError("open", path: path, errno: errno) }
        defer { close(directory) }
        let program = filter.program.map { instruction in
            dy_ebpf_instruction(code: instruction.code, registers: instruction.destination | instruction.source << 4,
                                offset: instruction.offset, immediate: instruction.immediate)
        }
        var log = [CChar](repeating: 0, count: 4096)
        let result = dy_attach_device_filter(directory, program, program.count, &log, log.count)
        guard result == 0 else {
            let verifier = String(decoding: log.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw KernelError("attach the devices eBPF program (bpf BPF_PROG_LOAD/BPF_PROG_ATTACH"
                                  + (verifier.isEmpty ? ")" : "; the verifier said: \(verifier))") + " to",
                              path: path, errno: -result)
        }
        events.emit(Event(.deviceFilterAttached(cgroup: path, instructions: filter.program.count, rules: filter.rules.map(\.line))))
    }
}
