#if canImport(Glibc)
import Glibc
#endif
@testable import LinuxKernel
import Testing

/// Docker's default profile compiled once and read back: the cached program must be the very one
/// `SeccompFilter` compiles, and a damaged file must be compiled again, never loaded.
@Suite("The compiled default seccomp program, kept between starts")
struct SeccompProgramCacheTests {
    /// A fresh directory for one test's cache (tests run in parallel).
    static func cacheDirectory() -> String {
        var template = Array("/tmp/dockyard-seccomp-cache.XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) } + "/programs"
    }

    static func remove(_ directory: String) {
        let parent = String(directory.dropLast("/programs".count))
        if let name = SeccompProgramCache.fileName(capabilities: Capability.dockerDefault, kernel: .running) {
            unlink(directory + "/" + name)
        }
        rmdir(directory)
        rmdir(parent)
    }

    @Test("a miss removes the programs nobody wrote for a week, and half-written copies; recent ones stay")
    func staleProgramsGo() throws {
        let directory = Self.cacheDirectory()
        defer { Self.remove(directory) }
        mkdir(directory, 0o700)
        let old = directory + "/default-1-2-3.4-6.18-a8.bpf", recent = directory + "/default-5-6-7.8-6.18-a8.bpf"
        let torn = directory + "/default-9-9-9.9-6.18-a8.bpf.tmp-1-2", foreign = directory + "/notes"
        for path in [old, recent, torn, foreign] { close(open(path, O_WRONLY | O_CREAT, 0o600)) }
        let weekAndADay = timespec(tv_sec: time(nil) - 8 * 86_400, tv_nsec: 0)
        for path in [old, torn, foreign] {
            var times = [weekAndADay, weekAndADay]
            utimensat(AT_FDCWD, path, &times, 0)
        }
        _ = SeccompProgramCache(directory: directory).dockerDefaultProgram(capabilities: Capability.dockerDefault)
        #expect(access(old, F_OK) != 0)
        #expect(access(torn, F_OK) != 0)
        #expect(access(recent, F_OK) == 0)
        #expect(access(foreign, F_OK) == 0)   // not a program of ours
        let name = try #require(SeccompProgramCache.fileName(capabilities: Capability.dockerDefault, kernel: .running))
        #expect(access(directory + "/" + name, F_OK) == 0)
        unlink(recent)
        unlink(foreign)
    }

    @Test("the program read back is byte for byte the one compiled, and its rules are resolved again")
    func roundTrip() throws {
        let directory = Self.cacheDirectory()
        defer { Self.remove(directory) }
        let cache = SeccompProgramCache(directory: directory)
        let compiled = SeccompFilter(.dockerDefault, capabilities: Capability.dockerDefault)
        let first = cache.dockerDefaultProgram(capabilities: Capability.dockerDefault)
        let name = try #require(SeccompProgramCache.fileName(capabilities: Capability.dockerDefault, kernel: .running))
        #expect(access(directory + "/" + name, F_OK) == 0)
        let second = cache.dockerDefaultProgram(capabilities: Capability.dockerDefault)
        #expect(first.program == compiled.program)
        #expect(second.program == compiled.program)
        #expect(second.rules == compiled.rules)
        #expect(SeccompProgramCache.read(directory + "/" + name) == compiled.program)
    }

    @Test("each capability set has a file of its own")
    func capabilitiesInTheName() {
        let kernel = KernelVersion(major: 6, minor: 1)
        let plain = SeccompProgramCache.fileName(capabilities: Capability.dockerDefault, kernel: kernel)
        let admin = SeccompProgramCache.fileName(capabilities: Capability.dockerDefault.union([.sysAdmin]), kernel: kernel)
        let newer = SeccompProgramCache.fileName(capabilities: Capability.dockerDefault, kernel: KernelVersion(major: 6, minor: 2))
        #expect(plain != nil && plain != admin && plain != newer)
        #expect(plain?.hasSuffix("-6.1-a80425fb.bpf") == true)
    }

    @Test("a truncated, empty or oversized file is compiled again and rewritten", arguments: [5, 0, 8 * 4097])
    func damagedFile(size: Int) throws {
        let directory = Self.cacheDirectory()
        defer { Self.remove(directory) }
        mkdir(directory, 0o700)
        let name = try #require(SeccompProgramCache.fileName(capabilities: Capability.dockerDefault, kernel: .running))
        let path = directory + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        #expect(write(fd, [UInt8](repeating: 0x06, count: size), size) == size)
        close(fd)
        #expect(SeccompProgramCache.read(path) == nil)
        let compiled = SeccompFilter(.dockerDefault, capabilities: Capability.dockerDefault)
        let filter = SeccompProgramCache(directory: directory).dockerDefaultProgram(capabilities: Capability.dockerDefault)
        #expect(filter.program == compiled.program)
        #expect(SeccompProgramCache.read(path) == compiled.program)
    }
}
