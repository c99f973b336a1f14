import LinuxKernel

/// A failure of the container engine itself (Docker's exit status 125): a code callers can act on,
/// the message users see — naming what went wrong and, where possible, what to do about it — and
/// the kernel call that failed underneath, if one did (its errno, operation and path).
/// Callers decide by `code` or by `cause?.errno`, never by the words of the message.
public struct RuntimeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of failure, in Docker's terms (its API maps these to HTTP 400/404/409/500).
    /// A struct over a private enum, so codes can be added without breaking a caller's `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case unknown, invalidArgument, notFound, conflict, notRunning, system
        }
        private let value: Value

        /// Not classified (yet).
        public static let unknown = Code(value: .unknown)
        /// The request itself is wrong: a bad flag value, name or path.
        public static let invalidArgument = Code(value: .invalidArgument)
        /// No such container, volume, network or file.
        public static let notFound = Code(value: .notFound)
        /// It exists already, or is in use: a taken name, a port already bound.
        public static let conflict = Code(value: .conflict)
        /// The container must be running for this (kill, pause, exec).
        public static let notRunning = Code(value: .notRunning)
        /// The host refused: a system call failed (see `cause`).
        public static let system = Code(value: .system)

        public var description: String { value.rawValue }
    }

    public let code: Code
    public let message: String
    /// The system call that failed, with its errno and path.
    public let cause: KernelError?

    public init(code: Code, _ message: String, cause: KernelError? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public init(_ message: String) {
        self.init(code: .unknown, message)
    }

    public var description: String { message }
}
