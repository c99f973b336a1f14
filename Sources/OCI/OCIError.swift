/// Why an image-spec value could not be read: a malformed digest, reference or document.
///
/// One error type for the OCI module; `code` says what kind of value was wrong and `message`
/// names the value, so a learner sees exactly which string was refused.
public struct OCIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of value was refused. A struct over a private enum so codes can be added later.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String { case invalidDigest, invalidReference, invalidDocument }
        private let value: Value

        /// A digest that is not `sha256:` followed by 64 lowercase hex digits.
        public static let invalidDigest = Code(value: .invalidDigest)
        /// An image reference that does not follow `name[:tag][@digest]`.
        public static let invalidReference = Code(value: .invalidReference)
        /// A JSON document (manifest, index, config) that could not be decoded.
        public static let invalidDocument = Code(value: .invalidDocument)

        public var description: String { value.rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
