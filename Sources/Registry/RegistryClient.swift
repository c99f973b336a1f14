import Explain
import OCI
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A conversation with one registry over the OCI distribution API: the `/v2/` ping that tells
/// which scheme and which auth the registry wants, then requests that carry the right
/// credentials (a bearer token per scope, or Basic), retried when the network or the registry
/// says "try again", and told to `--explain` as they happen.
///
/// Safe to share between the threads that fetch layers side by side: tokens are cached under a
/// lock, and each request makes its own connection.
public final class RegistryClient: Sendable {
    public let endpoint: RegistryEndpoint
    let credentials: Credentials?
    let http: HTTPClient
    let events: any EventSink
    /// How many times a request is tried when the failure is worth retrying.
    let attempts: Int

    struct State {
        /// Decided by the first ping: plain HTTP (a loopback or insecure registry) or HTTPS.
        var plainHTTP: Bool?
        /// The ping's challenge: how this registry wants to be asked.
        var challenge: AuthChallenge?
        /// Tokens by the scopes they were granted for, joined by spaces.
        var tokens: [String: BearerToken] = [:]
    }
    let state = Mutex(State())

    public init(endpoint: RegistryEndpoint, credentials: Credentials?, events: any EventSink,
                http: HTTPClient = HTTPClient(userAgent: "dockyard"), attempts: Int = 5) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.events = events
        self.http = http
        self.attempts = attempts
    }

    /// `GET /v2/`: learns the scheme and the challenge. Loopback and insecure registries that do
    /// not answer TLS are spoken to in plain HTTP from then on.
    public func ping() throws(RegistryError) {
        if state.withLock({ $0.plainHTTP }) != nil { return }
        var plain = false
        var response: HTTPResponse
        do {
            response = try exchange(HTTPRequest("GET", endpoint.baseURL(plainHTTP: false) + "/v2/"))
        } catch where error.code == .transport {
            guard endpoint.allowsPlainHTTP, Self.isPlainHTTPAnswer(error) || endpoint.skipsVerification else {
                throw Self.explainTLSFailure(error, endpoint: endpoint)
            }
            plain = true
            response = try exchange(HTTPRequest("GET", endpoint.baseURL(plainHTTP: true) + "/v2/"))
        }
        guard response.isSuccess || response.status == 401 else {
            throw RegistryError(.server, "\(endpoint.name) does not answer as a registry: GET /v2/ gave HTTP \(response.status)")
        }
        let challenge = AuthChallenge.parse(response.headers(named: "WWW-Authenticate")).first
        state.withLock {
            $0.plainHTTP = plain
            $0.challenge = response.status == 401 ? challenge : nil
        }
    }

    /// The URL of a path under the API root (`/v2/library/busybox/manifests/latest`).
    func url(_ path: String) throws(RegistryError) -> String {
        try ping()
        return endpoint.baseURL(plainHTTP: state.withLock { $0.plainHTTP } ?? false) + path
    }

    /// Sends a request with credentials for `scopes` (e.g. `repository:library/busybox:pull`),
    /// answering one 401 by asking for a token again (it may have expired or the scope widened),
    /// following redirects without credentials, and retrying transient failures with backoff.
    public func send(_ request: HTTPRequest, scopes: [String], resumeFrom: Int64 = 0,
                     body destination: HTTPClient.BodyDestination = .memory(limit: 4 << 20),
                     retrying: Bool = true, uploadProgress: ((Int64) -> Void)? = nil) throws(RegistryError) -> HTTPResponse {
        var attempt = 0
        while true {
            attempt += 1
            do {
                var response = try authorizedExchange(request, scopes: scopes, resumeFrom: resumeFrom, body: destination,
                                                     uploadProgress: uploadProgress)
                if response.status == 401 {
                    // The token may have lapsed, or the registry wants another scope: ask once more.
                    let challenges = AuthChallenge.parse(response.headers(named: "WWW-Authenticate"))
                    state.withLock {
                        $0.tokens = [:]
                        if let challenge = challenges.first { $0.challenge = challenge }
                    }
                    response = try authorizedExchange(request, scopes: scopes, resumeFrom: resumeFrom, body: destination,
                                                      uploadProgress: uploadProgress)
                }
                if retrying, attempt < attempts, Self.retryableStatuses.contains(response.status) {
                    pause(attempt: attempt, retryAfter: response.header("Retry-After"))
                    continue
                }
                return response
            } catch where retrying && error.isRetryable && attempt < attempts {
                pause(attempt: attempt, retryAfter: nil)
            }
        }
    }

    /// One request with the Authorization this registry wants, redirects followed.
    private func authorizedExchange(_ request: HTTPRequest, scopes: [String], resumeFrom: Int64,
                                    body destination: HTTPClient.BodyDestination,
                                    uploadProgress: ((Int64) -> Void)?) throws(RegistryError) -> HTTPResponse {
        var current = request
        // Credentials go only to the registry's own origin: an upload Location or a tag list's
        // Link that names another host (which a hostile registry may send) gets none.
        if URLText.origin(of: request.url) == URLText.origin(of: try url("/")), let authorization = try authorization(for: scopes) {
            current = current.adding("Authorization", authorization)
        }
        for _ in 0..<6 {
            let response = try exchange(current, resumeFrom: resumeFrom, body: destination, uploadProgress: uploadProgress)
            guard response.isRedirect, let location = response.header("Location") else { return response }
            let next = URLText.resolve(location, against: current.url)
            guard let scheme = URLText.scheme(of: next), scheme == "https" || scheme == "http" else {
                throw RegistryError(.redirect, "\(endpoint.name) redirected \(request.method) \(request.url) to \(next), which is not HTTP(S); refused")
            }
            // Credentials are for the registry alone: never carried to another origin.
            let sameOrigin = URLText.origin(of: next) == URLText.origin(of: current.url)
            current = HTTPRequest(current.method == "HEAD" ? "HEAD" : "GET", next,
                                  headers: sameOrigin ? current.headers : current.withoutAuthorization().headers)
        }
        throw RegistryError(.redirect, "\(endpoint.name) redirected \(request.method) \(request.url) more than 5 times")
    }

    /// One HTTP exchange, told as an event.
    func exchange(_ request: HTTPRequest, resumeFrom: Int64 = 0,
                  body destination: HTTPClient.BodyDestination = .memory(limit: 4 << 20),
                  uploadProgress: ((Int64) -> Void)? = nil) throws(RegistryError) -> HTTPResponse {
        let response = try http.send(request, tls: endpoint.tls, resumeFrom: resumeFrom, body: destination,
                                     uploadProgress: uploadProgress)
        var detail = ["HTTP/\(response.httpVersion)"]
        if let digest = response.header("Docker-Content-Digest") { detail.append("Docker-Content-Digest: \(digest)") }
        if let type = response.header("Content-Type"), response.isSuccess, type.contains("vnd.") { detail.append(type) }
        if resumeFrom > 0 { detail.append("resumed at byte \(resumeFrom)") }
        events.emit(Event(.httpExchange(method: request.method, url: request.url, status: response.status,
                                        detail: detail.joined(separator: ", "))))
        return response
    }

    /// Answers worth asking again: the rate limit and the gateway errors.
    static let retryableStatuses: Set<Int> = [429, 502, 503, 504]

    /// Exponential backoff capped at 10 s, or the registry's own `Retry-After` (capped at 60 s).
    func pause(attempt: Int, retryAfter: String?) {
        var seconds = min(10.0, 0.25 * Double(1 << min(attempt, 6)))
        if let retryAfter, let wanted = Double(retryAfter.trimmingLineEnd()) { seconds = min(60, max(0, wanted)) }
        usleep(UInt32(seconds * 1_000_000))
    }

    /// OpenSSL's words when the server answered a TLS hello in plain HTTP.
    static func isPlainHTTPAnswer(_ error: RegistryError) -> Bool {
        let text = error.message
        return text.contains("wrong version number") || text.contains("packet length too long") || text.contains("record layer failure")
    }

    /// A TLS failure to a registry that must be HTTPS, in words that say what to configure.
    static func explainTLSFailure(_ error: RegistryError, endpoint: RegistryEndpoint) -> RegistryError {
        let text = error.message
        if isPlainHTTPAnswer(error) {
            return RegistryError(.plainHTTPServer, "\(text): http: server gave HTTP response to HTTPS client. "
                + "\(endpoint.name) speaks plain HTTP; to allow it, add \"\(endpoint.name)\" to \"insecure-registries\" in "
                + RegistrySettings.settingsFiles.joined(separator: " or "))
        }
        if text.contains("certificate") {
            return RegistryError(.transport, "\(text). To trust a private CA for \(endpoint.name), put it in "
                + "/etc/docker/certs.d/\(endpoint.name)/ca.crt (or $XDG_CONFIG_HOME/docker/certs.d/\(endpoint.name)/ca.crt)")
        }
        return error
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
