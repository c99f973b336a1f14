import FoundationEssentials
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// `build -` and `build -f - DIR`: the Dockerfile arrives on standard input. It is written to a
/// private directory under the store, whose empty subdirectory serves as the context of `build -`
/// (Docker sends no context then: COPY and ADD have nothing to read).
struct StdinDockerfile {
    let directory: String
    var path: String { directory + "/Dockerfile" }
    var emptyContext: String { directory + "/context" }

    init(in root: String) throws {
        directory = root + "/tmp/build-stdin-\(getpid())"
        try FileManager.default.createDirectory(atPath: emptyContext, withIntermediateDirectories: true)
        let bytes = try FileDescriptor.standardInput.readAll(path: "standard input")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
