/// One mount a user asked for with `-v` or `--tmpfs`, as kept in the container's record:
/// a bind mount of a host path, a named volume (a directory Dockyard owns, bind-mounted the same
/// way), or a tmpfs (a filesystem in memory that vanishes with the container).
public struct VolumeMount: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case bind, volume, tmpfs
    }

    public var kind: Kind
    /// The host path (bind), the volume's name (volume), or "tmpfs".
    public var source: String
    /// Where it appears inside the container.
    public var destination: String
    public var readOnly: Bool
    /// tmpfs options such as `size=64m,mode=1777`.
    public var options: String?
    /// Asked for with `--mount` rather than `-v`/`--tmpfs`: Docker lists those apart in
    /// `inspect` (`HostConfig.Mounts`, not `Binds` or `Tmpfs`). Nil as false.
    public var fromMountFlag: Bool?

    public init(kind: Kind, source: String, destination: String, readOnly: Bool = false, options: String? = nil) {
        self.kind = kind
        self.source = source
        self.destination = destination
        self.readOnly = readOnly
        self.options = options
    }

    /// Docker's `-v SOURCE:DESTINATION[:ro|rw]` (or `-v DESTINATION` for an anonymous volume):
    /// a SOURCE starting with `/` is a host path, anything else a volume's name.
    public static func parse(volume spec: String) throws -> VolumeMount {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), !parts.contains(where: \.isEmpty) else {
            throw RuntimeError(code: .invalidArgument, "invalid volume specification: '\(spec)'")
        }
        if parts.count == 1 {
            return try VolumeMount(kind: .volume, source: "", destination: checked(parts[0], spec))
        }
        let destination = try checked(parts[1], spec)
        var readOnly = false
        if parts.count == 3 {
            for option in parts[2].split(separator: ",") {
                switch option {
                case "ro": readOnly = true
                case "rw", "z", "Z", "rprivate", "private": break
                default: throw RuntimeError(code: .invalidArgument, "invalid mode: \(option) in volume specification '\(spec)'")
                }
            }
        }
        if parts[0].hasPrefix("/") {
            return VolumeMount(kind: .bind, source: parts[0], destination: destination, readOnly: readOnly)
        }
        guard VolumeStore.isValidName(parts[0]) else {
            throw RuntimeError(code: .invalidArgument, "\"\(parts[0])\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path")
        }
        return VolumeMount(kind: .volume, source: parts[0], destination: destination, readOnly: readOnly)
    }

    /// Docker's `--tmpfs PATH[:OPTIONS]`; `ro` and the usual tmpfs data (`size=`, `mode=`) are kept.
    public static func parse(tmpfs spec: String) throws -> VolumeMount {
        let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let destination = try checked(parts[0], spec)
        var readOnly = false
        var data: [String] = []
        for option in (parts.count > 1 ? parts[1] : "").split(separator: ",").map(String.init) {
            switch option {
            case "ro": readOnly = true
            case "rw", "noexec", "nosuid", "nodev", "exec": break
            default: data.append(option)
            }
        }
        return VolumeMount(kind: .tmpfs, source: "tmpfs", destination: destination, readOnly: readOnly,
                           options: data.isEmpty ? nil : data.joined(separator: ","))
    }

    private static func checked(_ destination: String, _ spec: String) throws -> String {
        guard destination.hasPrefix("/") else {
            throw RuntimeError(code: .invalidArgument, "invalid mount config: the mount destination '\(destination)' in '\(spec)' is not an absolute path")
        }
        guard destination != "/" else {
            throw RuntimeError(code: .invalidArgument, "invalid specification: destination can't be '/' in '\(spec)'")
        }
        return destination
    }
}
