import ArgumentParser
import ContainerRuntime
import Explain
import FoundationEssentials
import ImageStore

/// `run`'s mount flags, as Docker spells them: `-v`, `--tmpfs`, `--read-only`.
struct VolumeOptions: ParsableArguments {
    @Option(name: [.customShort("v"), .customLong("volume")],
            help: ArgumentHelp("Bind-mount a host path or mount a named volume.", valueName: "HOSTPATH|NAME:PATH[:ro]"))
    var volume: [String] = []
    @Option(name: .long, help: ArgumentHelp("Mount a tmpfs.", valueName: "PATH[:OPTIONS]")) var tmpfs: [String] = []
    @Flag(name: .customLong("read-only"), help: "Mount the container's root filesystem read-only.") var readOnly = false
    @Option(name: .long, help: ArgumentHelp("Attach a filesystem mount: bind, volume or tmpfs.",
                                            valueName: "type=…,source=…,target=…[,readonly]"))
    var mount: [String] = []

    func validate() throws {
        do { _ = try parsed() } catch let error as RuntimeError { throw ValidationError(error.message) }
    }

    func parsed() throws -> [VolumeMount] {
        try volume.map(VolumeMount.parse(volume:)) + tmpfs.map(VolumeMount.parse(tmpfs:)) + mount.map(Self.parse(mount:))
    }

    /// `--mount`, whose bind source must exist (unlike `-v`'s, which is made): Docker's rule.
    static func parse(mount spec: String) throws -> VolumeMount {
        let mount = try VolumeMount.parse(mount: spec)
        if mount.kind == .bind, !FileManager.default.fileExists(atPath: mount.source) {
            throw RuntimeError(code: .invalidArgument, "invalid mount config for type \"bind\": bind source path does not exist: \(mount.source)")
        }
        return mount
    }

    /// Adds the mounts to the request. Named volumes are created now by the host, as `docker run`
    /// does, and a new (empty) one is filled from what the image has at its path.
    func apply(to request: inout RunRequest, root: String, host: any ContainerRuntime.Host, events: any EventSink) throws {
        request.readOnlyRootfs = readOnly
        let image = LayerStack(layers: request.image.lowerdirs)
        request.mounts = try host.prepareVolumes(try parsed(), in: VolumeStore(root: root), events: events) { path, directory in
            try image.copyContents(of: path, into: directory)
        }
    }
}
