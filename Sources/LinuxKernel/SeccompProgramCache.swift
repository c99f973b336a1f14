import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Docker's default seccomp profile, compiled once and kept as the kernel reads it (8-byte
/// `struct sock_filter`s), so a container start loads a few kilobytes instead of resolving some
/// 370 calls and building the search tree again (~1.5 M instructions).
///
/// A compiled program depends on the profile, the bounding set, the kernel's version (the
/// profile's `minKernel`) and the compiler itself. The default profile is built into the binary,
/// so the file's name says which binary compiled it (its size and change time: an upgrade gets
/// new files), for which kernel and which capabilities. Custom profiles (`--security-opt
/// seccomp=FILE`) are compiled every time. A missing, unreadable or malformed file is compiled
/// afresh and rewritten; the cache is only ever a copy of what `SeccompFilter` builds.
public struct SeccompProgramCache: Sendable, Equatable {
    /// The directory holding the compiled programs, one file each (created on first use).
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The default profile's program for `capabilities` on the running kernel: from the cache, or
    /// compiled and stored there.
    func dockerDefaultProgram(capabilities: Set<Capability>) -> SeccompFilter {
        let kernel = KernelVersion.running
        guard let name = Self.fileName(capabilities: capabilities, kernel: kernel) else {
            return SeccompFilter(.dockerDefault, capabilities: capabilities, kernel: kernel)
        }
        let path = directory + "/" + name
        if let program = Self.read(path) {
            return SeccompFilter(cachedProgram: program, profile: .dockerDefault, capabilities: capabilities, kernel: kernel)
        }
        let filter = SeccompFilter(.dockerDefault, capabilities: capabilities, kernel: kernel)
        mkdir(directory, 0o700)
        try? AtomicFile.replace(Self.bytes(filter.program), at: path, mode: 0o600, durable: false)
        Self.removeStale(in: directory, keeping: name)
        return filter
    }

    /// Each build or upgrade of dockyard compiles its own programs, and the old binaries' would pile
    /// up: on a miss (a new binary, kernel or capability set), the programs nobody wrote for a week
    /// go, with any copy a killed writer left half-written. One that is still used is compiled and
    /// written again at its next start.
    static func removeStale(in directory: String, keeping current: String, olderThanSeconds age: Int = 7 * 86_400) {
        let now = time(nil)
        for name in DirectoryListing.names(atPath: directory) ?? [] {
            guard name != current, name.hasPrefix("default-"), name.hasSuffix(".bpf") || name.contains(".bpf.tmp-") else { continue }
            var info = stat()
            if lstat(directory + "/" + name, &info) == 0, now - info.st_mtim.tv_sec > age { unlink(directory + "/" + name) }
        }
    }

    /// `default-<binary inode>-<size>-<change time>-<kernel>-<capability mask>.bpf`; nil when the
    /// running binary cannot be identified (then nothing is cached).
    static func fileName(capabilities: Set<Capability>, kernel: KernelVersion) -> String? {
        var binary = stat()
        guard stat("/proc/self/exe", &binary) == 0 else { return nil }
        let changed = String(binary.st_ctim.tv_sec) + "." + String(binary.st_ctim.tv_nsec)
        return "default-\(binary.st_ino)-\(binary.st_size)-\(changed)-\(kernel.major).\(kernel.minor)-"
            + String(Capability.mask(capabilities), radix: 16) + ".bpf"
    }

    /// The program in `path`; nil unless it is a whole number of instructions, at least one and
    /// no more than the kernel takes.
    static func read(_ path: String) -> [BPFInstruction]? {
        guard let file = try? FileDescriptor.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) else { return nil }
        defer { file.close() }
        guard let bytes = try? file.readAll(path: path), !bytes.isEmpty, bytes.count % 8 == 0,
              bytes.count / 8 <= SeccompFilter.maximumLength else { return nil }
        return stride(from: 0, to: bytes.count, by: 8).map { offset in
            func little(_ at: Int, _ count: Int) -> UInt32 {
                (0..<count).reduce(0) { $0 | UInt32(bytes[offset + at + $1]) << (8 * UInt32($1)) }
            }
            return BPFInstruction(code: UInt16(little(0, 2)), jumpIfTrue: bytes[offset + 2],
                                  jumpIfFalse: bytes[offset + 3], k: little(4, 4))
        }
    }

    /// `program` as the kernel lays it out: code (16 bits), jt, jf, k (32 bits), little-endian.
    static func bytes(_ program: [BPFInstruction]) -> [UInt8] {
        program.flatMap { instruction -> [UInt8] in
            [UInt8(instruction.code & 0xff), UInt8(instruction.code >> 8), instruction.jumpIfTrue, instruction.jumpIfFalse,
             UInt8(instruction.k & 0xff), UInt8(instruction.k >> 8 & 0xff), UInt8(instruction.k >> 16 & 0xff), UInt8(instruction.k >> 24)]
        }
    }
}
