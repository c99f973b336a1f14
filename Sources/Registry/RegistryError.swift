/// Why talking to a registry failed, with the words a user can act on.
///
/// The message is what `dockyard` prints after "Error response from daemon:" (Docker's wording
/// where Docker has one); the code lets callers decide (retry, fall back to plain HTTP, exit 125).
public struct RegistryError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The connection failed or broke (reset, timeout, refused); worth a retry.
        case transport
        /// An HTTPS request reached a server that speaks plain HTTP.
        case plainHTTPServer
        /// 401: no or wrong credentials.
        case unauthorized
        /// 403: the credentials do not allow this.
        case denied
        /// 404: no such repository, tag, manifest or blob.
        case notFound
        /// 429: the registry's rate limit.
        case tooManyRequests
        /// 5xx, or an answer that is not what the API promises.
        case server
        /// The bytes are not what their digest or size says: never kept.
        case verification
        /// A document over its size limit, or of a type Dockyard does not read.
        case unsupported
        /// The image has no manifest for the wanted platform.
        case platform
        /// A credential store, helper or config.json problem.
        case credentials
        /// A redirect Dockyard refuses to follow (to a non-HTTP(S) URL, or too many).
        case redirect
        /// The image store refused what was fetched, or could not give what is pushed.
        case store
        /// libcurl itself cannot be loaded.
        case library
    }

    public let code: Code
    public let message: String
    /// The registry's own error codes from the body (`MANIFEST_UNKNOWN`, `DENIED`, …), if any.
    public let registryCodes: [String]

    public init(_ code: Code, _ message: String, registryCodes: [String] = []) {
        self.code = code
        self.message = message
        self.registryCodes = registryCodes
    }

    public var description: String { message }

    /// Transport failures, 429 and the gateway errors are retried; nothing else is.
    public var isRetryable: Bool {
        code == .transport || code == .tooManyRequests || (code == .server && retryableStatus)
    }

    private var retryableStatus: Bool {
        registryCodes.contains("HTTP 502") || registryCodes.contains("HTTP 503") || registryCodes.contains("HTTP 504")
    }
}
