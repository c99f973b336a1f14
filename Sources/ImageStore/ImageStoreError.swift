import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Why the image store could not do what was asked: a missing image, a corrupt blob, an unsafe
/// layer, or a failed system call. `message` names the operation and the path or digest involved.
public struct ImageStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for code that reacts to it (the CLI maps `imageNotFound` to exit 125).
    /// A struct over a private enum, so codes can be added without breaking a `switch`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String {
            case imageNotFound, blobNotFound, corruptBlob, unsafeLayer, invalidImage, busyboxMissing, system
            case conflict, invalidArchive
        }
        private let value: Value

        /// No image by that name: the message is Docker's `Unable to find image 'x:latest' locally`.
        public static let imageNotFound = Code(value: .imageNotFound)
        /// A manifest points to a blob the store does not have.
        public static let blobNotFound = Code(value: .blobNotFound)
        /// A blob's bytes no longer hash to its digest.
        public static let corruptBlob = Code(value: .corruptBlob)
        /// A layer tries to write outside its directory (`..`, absolute paths, links, bad whiteouts).
        public static let unsafeLayer = Code(value: .unsafeLayer)
        /// A manifest or config that does not describe a runnable image.
        public static let invalidImage = Code(value: .invalidImage)
        /// Debian's busybox-static is not installed, so the busybox base cannot be made.
        public static let busyboxMissing = Code(value: .busyboxMissing)
        /// A system call failed; the message names the call and the path.
        public static let system = Code(value: .system)
        /// An image cannot be removed: a container uses it, or it has several tags (Docker's `conflict:`).
        public static let conflict = Code(value: .conflict)
        /// An archive given to `load` is neither a docker-archive nor an OCI layout, or breaks its rules.
        public static let invalidArchive = Code(value: .invalidArchive)

        public var description: String { value.rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The same failure, reported by HostSystem's helpers: `read(/path): Input/output error`.
    init(_ error: SystemCallError) {
        self = .system(error.call, error.path, errno: error.errno)
    }

    /// A failed system call, e.g. `open(/var/lib/dockyard/image/index.json): No such file or directory`.
    static func system(_ call: String, _ path: String, errno code: Int32 = errno) -> ImageStoreError {
        ImageStoreError(.system, "\(call)(\(path)): \(String(cString: strerror(code)))")
    }
}
