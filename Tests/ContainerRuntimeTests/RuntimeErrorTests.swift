import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Engine errors carry a code and the kernel call underneath, so callers decide on those and
/// never on the words of a message; the words stay Docker's.
@Suite("Engine errors: codes and causes")
struct RuntimeErrorTests {
    /// A lifecycle over a storage root holding the previous version's exited `fixture` container.
    func lifecycle() throws -> (ContainerLifecycle, TemporaryDirectory) {
        let directory = try TemporaryDirectory(prefix: "errors")
        let store = ContainerStore(root: directory.path)
        let id = RecordCompatibilityTests.id
        try FileManager.default.createDirectory(atPath: store.paths(for: id).directory, withIntermediateDirectories: true)
        try FileWriting.write(RecordCompatibilityTests.exited, to: store.paths(for: id).record)
        return (ContainerLifecycle(runner: ContainerRunner(store: store, kernel: LiveKernel(events: DiscardingSink()))), directory)
    }

    @Test("an unknown container is notFound, with Docker's words")
    func notFound() throws {
        let (lifecycle, directory) = try lifecycle()
        _ = directory
        let error = try #require(throws: RuntimeError.self) { try lifecycle.stop("nosuch") }
        #expect(error.code == .notFound)
        #expect(error.message == "No such container: nosuch")
    }

    @Test("kill, pause and unpause of an exited container are notRunning, with Docker's words")
    func notRunning() throws {
        let (lifecycle, directory) = try lifecycle()
        _ = directory
        let id = RecordCompatibilityTests.id.full
        let kill = try #require(throws: RuntimeError.self) { try lifecycle.kill("fixture", signal: SIGKILL) }
        #expect(kill.code == .notRunning)
        #expect(kill.message == "Cannot kill container: fixture: Container \(id) is not running")
        let pause = try #require(throws: RuntimeError.self) { try lifecycle.pause("fixture") }
        #expect(pause.code == .notRunning && pause.message == "Container \(id) is not running")
        #expect(throws: pause) { try lifecycle.unpause("fixture") }
    }

    @Test("a record that cannot be saved says why, with the rename's errno as its cause")
    func saveCause() throws {
        let (lifecycle, directory) = try lifecycle()
        _ = directory
        let record = try lifecycle.find("fixture")
        let store = lifecycle.runner.store
        // A directory where the record should be: rename(2) refuses with EISDIR.
        try FileManager.default.removeItem(atPath: store.paths(for: record.id).record)
        try FileManager.default.createDirectory(atPath: store.paths(for: record.id).record + "/x", withIntermediateDirectories: true)
        let error = try #require(throws: RuntimeError.self) { try store.save(record) }
        #expect(error.code == .system)
        #expect(error.cause?.operation == "rename")
        #expect(error.cause?.errno == EISDIR || error.cause?.errno == ENOTEMPTY, "\(String(describing: error.cause))")
    }

    @Test("nft's refusal of a duplicate element is read back as EEXIST, and other failures as what they are")
    func netfilterErrno() {
        #expect(NetfilterError(commands: [], message: "Error: Could not process rule: File exists").errno == EEXIST)
        #expect(NetfilterError(commands: [], message: "Error: Could not process rule: No such file or directory").errno == ENOENT)
        #expect(NetfilterError(commands: [], message: "Error: syntax error, unexpected newline").errno == nil)
    }

    @Test("an unknown --network on disk is a decoding error, never network none")
    func unknownNetwork() {
        let json = Data("\"no such network!\"".utf8)
        #expect(throws: DecodingError.self) { _ = try JSONDecoder().decode(RunRequest.Network.self, from: json) }
        #expect((try? JSONDecoder().decode(RunRequest.Network.self, from: Data("\"host\"".utf8))) == .host)
    }
}

@Suite("Rootless overlay needs Linux 5.11")
struct RootlessOverlayKernelTests {
    @Test("an older kernel is refused in rootless mode, naming the missing userxattr and the version; root and 5.11 pass")
    func olderKernelRefused() throws {
        #expect(throws: RuntimeError.self) {
            try ContainerRunner.checkRootlessOverlay(isRootless: true, kernel: KernelVersion(major: 5, minor: 10))
        }
        do {
            try ContainerRunner.checkRootlessOverlay(isRootless: true, kernel: KernelVersion(major: 5, minor: 4))
        } catch {
            #expect("\(error)".contains("userxattr") && "\(error)".contains("5.4"))
        }
        try ContainerRunner.checkRootlessOverlay(isRootless: true, kernel: KernelVersion(major: 5, minor: 11))
        try ContainerRunner.checkRootlessOverlay(isRootless: false, kernel: KernelVersion(major: 4, minor: 19))
    }
}
