import Foundation
import HostSystem

/// A Docker engine of a test's own: Debian's dockerd with its data, exec root and API socket in
/// the test's directory, no iptables rules and no bridge, in a mount namespace of its own with a
/// fresh /run (so its containerd's sockets never meet the machine's), with extra OCI runtimes
/// (`--add-runtime NAME=PATH`). Stopped, with everything it started, by `stop()`.
public final class PrivateDockerd: Sendable {
    public let socketPath: String
    private let server: BackgroundServer
    private let directory: String

    public var log: String { server.log }

    public init(directory: TemporaryDirectory, runtimes: [String: String]) throws {
        guard let dockerd = HostTools.executable("dockerd"), let unshare = HostTools.executable("unshare") else {
            throw TemporaryDirectoryError(message: "dockerd is not installed (apt-get install docker.io)")
        }
        self.directory = directory.path
        socketPath = directory.appending("docker.sock")
        let flags = ["--data-root", directory.appending("docker-data"), "--exec-root", directory.appending("docker-exec"),
                     "-H", "unix://" + socketPath, "--pidfile", directory.appending("docker.pid"),
                     "--iptables=false", "--ip-masq=false", "--bridge=none"]
            + runtimes.sorted { $0.key < $1.key }.flatMap { ["--add-runtime", "\($0.key)=\($0.value)"] }
        let script = "mount -t tmpfs -o mode=0755 tmpfs /run && exec \"$0\" \"$@\""
        server = try BackgroundServer(unshare, ["--mount", "--propagation", "private", "/bin/sh", "-c", script, dockerd] + flags,
                                      logPath: directory.appending("dockerd.log"))
        let answered = Polling.until(seconds: 30) { (try? self.docker(["version", "--format", "{{.Server.Version}}"]))?.status == 0 }
        guard answered else {
            server.stop()
            throw TemporaryDirectoryError(message: "dockerd did not start: \(server.log)")
        }
    }

    /// Debian's own client (/usr/bin/docker, the engine's version) against this engine's socket.
    public func docker(_ arguments: [String]) throws -> Result {
        let client = FileManager.default.isExecutableFile(atPath: "/usr/bin/docker") ? "/usr/bin/docker" : (HostTools.executable("docker") ?? "docker")
        var program = HostProgram(client, ["-H", "unix://" + socketPath] + arguments)
        program.timeout = 120
        let result = try program.run()
        return Result(status: result.exit.shellStatus, stdout: result.outputText, stderr: result.errorText)
    }

    /// What one `docker` call did.
    public struct Result: Sendable, CustomStringConvertible {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var description: String { "status \(status): \(stderr)\(stdout)" }
    }

    /// Stops dockerd (its containerd and shims with it), then unmounts what may be left under the directory.
    public func stop() {
        server.stop(grace: .seconds(10))
        let points = RootlessSession.mounts(under: directory, in: "/proc/self/mountinfo")
            .compactMap { $0.split(separator: " ").dropFirst(4).first.map(String.init) }
        for point in points.sorted(by: { $0.count > $1.count }) { umount2(point, Int32(MNT_DETACH)) }
    }
}
