import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// What the runtime needs from an image: its unpacked layers and the defaults from its config
/// (the OCI image config's Env, Entrypoint, Cmd, WorkingDir, User).
public struct RunnableImage: Sendable {
    /// The name the user gave, e.g. "busybox".
    public var reference: String
    /// The image id (config digest, "sha256:…").
    public var id: String
    /// Unpacked layer directories, bottom first.
    public var lowerdirs: [String]
    public var environment: [String]
    public var entrypoint: [String]
    public var command: [String]
    public var workingDirectory: String
    public var user: String
    /// The config's ExposedPorts ("80/tcp"), which `-P` publishes.
    public var exposedPorts: [String]
    /// The config's StopSignal, as a number: what `stop` sends unless `run --stop-signal` says otherwise.
    public var stopSignal: Int32?
    /// The config's Labels, under which `run -l` adds its own (Docker's `Config.Labels`).
    public var labels: [String: String] = [:]

    public init(reference: String, id: String, lowerdirs: [String], environment: [String],
                entrypoint: [String], command: [String], workingDirectory: String, user: String,
                exposedPorts: [String] = [], stopSignal: Int32? = nil) {
        self.reference = reference
        self.id = id
        self.lowerdirs = lowerdirs
        self.environment = environment
        self.entrypoint = entrypoint
        self.command = command
        self.workingDirectory = workingDirectory
        self.user = user
        self.exposedPorts = exposedPorts
        self.stopSignal = stopSignal
    }

    /// A file's contents as the container would see it at start: the top-most layer that has it,
    /// resolved inside that layer (an image's `/etc -> /` must not make dockyard read the host's
    /// files). A whiteout in a higher layer shows as a character device, which is not a regular file.
    public func fileContents(_ path: String) -> String? {
        for layer in lowerdirs.reversed() {
            // Which layer has the file is decided inside the layer too, never by a host path.
            switch RootedPath.lookUpRegularFile(path, inside: layer) {
            case .missing: continue
            case .notRegular: return nil
            case let .contents(text): return text
            }
        }
        return nil
    }
}
