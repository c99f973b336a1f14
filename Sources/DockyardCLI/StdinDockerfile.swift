import ContainerRuntime
import FoundationEssentials
import HostSystem

/// `build -` and `build -f - DIR`: the Dockerfile arrives on standard input. It is written to a
/// private staging directory under the store, whose empty subdirectory serves as the context of
/// `build -` (Docker sends no context then: COPY and ADD have nothing to read).
struct StdinDockerfile {
    let staging: StagingDirectory
    var path: String { staging.path + "/Dockerfile" }
    var emptyContext: String { staging.path + "/context" }

    init(in root: String) throws {
        staging = try StagingDirectory(in: root, for: "build-stdin")
        do {
            try FileManager.default.createDirectory(atPath: emptyContext, withIntermediateDirectories: true)
            let bytes = try FileDescriptor.standardInput.readAll(path: "standard input")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            staging.remove()
            throw error
        }
    }

    func remove() {
        staging.remove()
    }
}
