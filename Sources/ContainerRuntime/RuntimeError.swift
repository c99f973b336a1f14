/// A failure of the container engine itself (Docker's exit status 125), with a message that
/// names what went wrong and, where possible, what to do about it.
public struct RuntimeError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
