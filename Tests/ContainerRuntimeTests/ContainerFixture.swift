import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway storage root with a busybox layer, a runner over the live kernel that records
/// every event, and a way to run a container and read what it printed.
final class ContainerFixture {
    let root: String
    let layer: String
    let events = EventRecorder()
    let store: ContainerStore

    init() throws {
        var template = Array("/tmp/dockyard-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw RuntimeError("mkdtemp failed") }
        root = String(cString: made)
        layer = root + "/layer"
        try TinyRootfs.make(at: layer)
        store = ContainerStore(root: root)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    var image: RunnableImage {
        RunnableImage(reference: "tiny", id: "sha256:" + String(repeating: "0", count: 64), lowerdirs: [layer],
                      environment: ["PATH=/bin"], entrypoint: [], command: ["sh"], workingDirectory: "", user: "")
    }

    var runner: ContainerRunner {
        ContainerRunner(store: store, kernel: LiveKernel(events: events))
    }

    /// Runs `command` in a container and returns its outcome and everything it wrote to stdout and stderr.
    func run(_ command: [String], configure: (inout RunRequest) -> Void = { _ in }) throws -> (ContainerRunner.Outcome, String) {
        let outputPath = root + "/output-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(outputPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer { close(fd) }
        var request = RunRequest(image: image, command: command, standardOutput: fd, standardError: fd)
        configure(&request)
        let outcome = try runner.run(request)
        let output = FileManager.default.contents(atPath: outputPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (outcome, output)
    }
}
