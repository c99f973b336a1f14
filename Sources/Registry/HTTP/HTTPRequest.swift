/// One HTTP request to a registry or a token service, before any credentials are added.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    /// Header lines in order; names are compared case-insensitively by the server.
    public var headers: [(name: String, value: String)]
    public var body: Body

    /// What the request sends after its headers.
    public enum Body: Sendable {
        case none
        case bytes([UInt8])
        /// A file's first `length` bytes, streamed (a layer being pushed).
        case file(path: String, length: Int64)
    }

    public init(_ method: String, _ url: String, headers: [(name: String, value: String)] = [], body: Body = .none) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The same request with one more header line.
    public func adding(_ name: String, _ value: String) -> HTTPRequest {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }

    /// The request without any `Authorization` line: what follows a redirect to another host.
    public func withoutAuthorization() -> HTTPRequest {
        var copy = self
        copy.headers.removeAll { $0.name.lowercased() == "authorization" }
        return copy
    }
}
