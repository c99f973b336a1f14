import FoundationEssentials
import ImageStore
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `--device HOST[:CONTAINER[:PERMISSIONS]]`: one of the host's device nodes made inside the
/// container, and let through its devices cgroup. A device node is only a (type, major, minor)
/// name for a driver, so the container gets a new node with the host node's numbers (made with
/// mknod, or bind-mounted under `--userns remap`) and a rule allowing exactly that device with
/// PERMISSIONS (`rwm` by default: read, write, mknod).
public struct DeviceMapping: Sendable, Codable, Equatable {
    public var hostPath: String
    public var containerPath: String
    public var access: DeviceAccess
    /// What the host's node is, read when the container is created; nil until then.
    public var node: Node?

    /// A device node as stat(2) sees it.
    public struct Node: Sendable, Codable, Equatable {
        public var kind: DeviceRule.Kind
        public var major: UInt32
        public var minor: UInt32
        /// Its permission bits, given to the container's node too.
        public var permissions: UInt32

        public init(kind: DeviceRule.Kind, major: UInt32, minor: UInt32, permissions: UInt32) {
            self.kind = kind
            self.major = major
            self.minor = minor
            self.permissions = permissions
        }
    }

    public init(hostPath: String, containerPath: String, access: DeviceAccess = .all, node: Node? = nil) {
        self.hostPath = hostPath
        self.containerPath = containerPath
        self.access = access
        self.node = node
    }

    /// Docker's reading of a `--device` value: the part after HOST is a container path unless it
    /// is made only of r, w and m; CONTAINER defaults to HOST. Throws naming what is wrong.
    public static func parse(_ text: String) throws -> DeviceMapping {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var mapping = DeviceMapping(hostPath: parts[0], containerPath: parts[0])
        switch parts.count {
        case 1:
            break
        case 2:
            if let access = DeviceAccess(letters: parts[1]) { mapping.access = access } else { mapping.containerPath = parts[1] }
        case 3:
            guard let access = DeviceAccess(letters: parts[2]) else { throw RuntimeError("bad mode specified: \(parts[2])") }
            mapping.containerPath = parts[1]
            mapping.access = access
        default:
            throw RuntimeError("bad format for path: \(text)")
        }
        for path in [mapping.hostPath, mapping.containerPath] where !path.hasPrefix("/") {
            throw RuntimeError(path.isEmpty ? "bad format for path: \(text)" : "\(path) is not an absolute path")
        }
        return mapping
    }

    /// The mapping with its host node read (symbolic links followed, as Docker does). Throws
    /// Docker's message when the host path is missing or is not a character or block device.
    public func resolvingHostNode() throws -> DeviceMapping {
        var info = stat()
        guard stat(hostPath, &info) == 0 else {
            throw RuntimeError("error gathering device information while adding custom device \"\(hostPath)\": \(KernelError.message(for: errno))")
        }
        let kind: DeviceRule.Kind
        switch info.st_mode & S_IFMT {
        case S_IFCHR: kind = .character
        case S_IFBLK: kind = .block
        default:
            throw RuntimeError("error gathering device information while adding custom device \"\(hostPath)\": not a device node")
        }
        var resolved = self
        let device = UInt64(info.st_rdev)
        resolved.node = Node(kind: kind, major: Device.major(device), minor: Device.minor(device),
                             permissions: UInt32(info.st_mode & 0o777))
        return resolved
    }

    /// The devices cgroup rule that lets the container use this device, once resolved.
    public var rule: DeviceRule? {
        node.map { DeviceRule($0.kind, $0.major, $0.minor, access) }
    }
}
