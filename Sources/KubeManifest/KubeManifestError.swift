/// Why a manifest cannot be played: a field Dockyard does not support, a value it cannot use, or
/// YAML it cannot read. `path` is the field's path as kubectl's validation spells it
/// (`spec.containers[0].livenessProbe`), so the message points at the line to change.
public struct KubeManifestError: Error, CustomStringConvertible, Equatable, Sendable {
    public let path: String
    public let reason: String

    public init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    /// A field Dockyard does not implement: refused, never ignored.
    public static func unsupported(_ path: String) -> KubeManifestError {
        KubeManifestError(path, "not supported")
    }

    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
}
