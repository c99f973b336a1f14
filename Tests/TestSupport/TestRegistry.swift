import Foundation

/// A real image registry for one test: Debian's `docker-registry` (CNCF distribution 2.8, the
/// registry Docker Hub grew from) serving the OCI distribution API on 127.0.0.1 and a free port,
/// with its own storage in a temporary directory. Three ways to meet a client, as registries do:
///
/// - `.plain`: HTTP, no auth. Docker and containerd allow plain HTTP only to localhost.
/// - `.tls`, `.tlsWithBasicAuth`: HTTPS (HTTP/2) with a certificate from a CA made for the test
///   (`caCertificatePath`; `certificateDirectory` is that CA laid out as `certs.d/HOST:PORT/ca.crt`),
///   optionally behind htpasswd Basic auth (`credentials`).
/// - `.token(...)`: Docker Hub's scheme. `GET /v2/` answers 401 with
///   `WWW-Authenticate: Bearer realm=…,service=…`; the client asks the test's token service
///   (`scripts/registry-token-service`) for a JWT granting `repository:NAME:pull,push` and retries
///   with it. `credentials` may do anything; anonymous callers may only pull `publicRepositories`.
///   Every token request is logged (`tokenLog()`), so tests can check which scopes a client asked.
///
/// Everything stops and is removed by `stop()`, by `deinit`, at the end of `withTestRegistry { }`,
/// and (the processes) even when the test process dies: see `BackgroundServer`.
///
/// To run one by hand (a TLS registry with token auth, step by step with openssl, the token
/// service, `docker-registry serve`, curl and skopeo), see README "Registries in tests"; while a
/// test runs, its `workspacePath` holds the exact config.yml, certificates and logs it uses.
public final class TestRegistry: Sendable {
    /// How the registry is reached and who may use it.
    public struct Mode: Sendable, CustomStringConvertible {
        /// Who the registry lets in.
        public enum Authentication: Sendable {
            case none
            /// HTTP Basic against an htpasswd file (bcrypt, `htpasswd -Bbn`).
            case htpasswd
            /// Bearer tokens from the test token service; anonymous callers may pull these repositories.
            case token(publicRepositories: [String])
        }

        public var tls: Bool
        public var authentication: Authentication

        public init(tls: Bool, authentication: Authentication) {
            self.tls = tls
            self.authentication = authentication
        }

        public static let plain = Mode(tls: false, authentication: .none)
        public static let tls = Mode(tls: true, authentication: .none)
        public static let tlsWithBasicAuth = Mode(tls: true, authentication: .htpasswd)
        /// Token auth; over plain HTTP unless `tls` (then the token service is https too).
        public static func token(tls: Bool = false, publicRepositories: [String] = []) -> Mode {
            Mode(tls: tls, authentication: .token(publicRepositories: publicRepositories))
        }

        public var description: String {
            let auth: String
            switch authentication {
            case .none: auth = "no auth"
            case .htpasswd: auth = "htpasswd"
            case .token: auth = "token auth"
            }
            return (tls ? "TLS" : "plain HTTP") + ", " + auth
        }
    }

    public let mode: Mode
    /// `127.0.0.1:PORT`, as an image reference names the registry (`127.0.0.1:PORT/REPO:TAG`).
    public let host: String
    /// The CA that signed the registry's certificate (TLS modes), PEM.
    public let caCertificatePath: String?
    /// A directory holding that CA as `ca.crt`, named `HOST:PORT` inside a `certs.d` directory,
    /// as in `/etc/docker/certs.d/127.0.0.1:PORT/ca.crt` (skopeo's `--cert-dir` takes it too).
    public let certificateDirectory: String?
    /// The one user of a registry with auth (htpasswd or token), nil without auth.
    public let credentials: RegistryCredentials?
    /// The token service of `.token` mode.
    public let tokenService: RegistryTokenService?
    /// From creating the directory to the first answer of `GET /v2/`.
    public let startupDuration: Duration

    private let workspace: TemporaryDirectory
    private let registry: BackgroundServer

    /// The temporary directory holding the config, storage, certificates and logs.
    public var workspacePath: String { workspace.path }
    /// `http://HOST` or `https://HOST`.
    public var baseURL: String { (mode.tls ? "https://" : "http://") + host }
    /// The registry's log (its access log included), for failure messages.
    public var registryLog: String { registry.log }
    /// The token service's log file, one JSON line per request (`.token` mode).
    public var tokenLogPath: String? { tokenService?.logPath }

    /// Every token request so far, oldest first (empty outside `.token` mode).
    public func tokenLog() throws -> [TokenRequestRecord] {
        try tokenService?.requests() ?? []
    }

    /// Starts a registry and returns once it answers `GET /v2/`.
    public init(_ mode: Mode) throws {
        let started = ContinuousClock.now
        self.mode = mode
        workspace = try TemporaryDirectory(prefix: "registry")
        let directory = workspace.path
        let authority = mode.tls ? try TestCertificateAuthority(in: directory) : nil
        let serverCertificate = try authority?.issueServerCertificate(in: directory)
        let hasAuth: Bool
        if case .none = mode.authentication { hasAuth = false } else { hasAuth = true }
        let credentials = hasAuth ? RegistryCredentials(username: "dockyard-tester",
                                                        password: "pw-" + String(UInt64.random(in: 1...UInt64.max), radix: 36)) : nil
        self.credentials = credentials
        var auth = Configuration.Auth.none
        var tokenService: RegistryTokenService?
        switch mode.authentication {
        case .none: break
        case .htpasswd:
            auth = .htpasswd(path: try Self.writeHtpasswd(credentials, in: directory))
        case let .token(publicRepositories):
            let service = try RegistryTokenService(directory: directory, users: credentials.map { [$0] } ?? [],
                                                   publicRepositories: publicRepositories, tls: serverCertificate)
            tokenService = service
            auth = .token(realm: service.realm, rootCertificateBundle: service.signingKey.certificatePath)
        }
        self.tokenService = tokenService
        caCertificatePath = authority?.root.certificatePath
        let (registry, port) = try Self.serve(in: directory, tls: serverCertificate, auth: auth,
                                              caCertificatePath: authority?.root.certificatePath)
        self.registry = registry
        host = "127.0.0.1:\(port)"
        certificateDirectory = try authority.map { try Self.certsDirectory(for: "127.0.0.1:\(port)", ca: $0, in: directory) }
        startupDuration = ContinuousClock.now - started
    }

    deinit { stop() }

    /// Stops the registry and its token service and removes their files. Calling it again does nothing.
    public func stop() {
        registry.stop()
        tokenService?.stop()
        try? FileManager.default.removeItem(atPath: workspace.path)
    }

    /// Why registry tests cannot run here, or nil when every program they need is installed.
    public static var unavailableReason: String? {
        let needed = [("docker-registry", "docker-registry"), ("openssl", "openssl"), ("htpasswd", "apache2-utils"),
                      ("python3", "python3"), ("curl", "curl")]
        let missing = needed.filter { HostTools.executable($0.0) == nil }
        guard !missing.isEmpty else { return nil }
        return "needs \(missing.map(\.0).joined(separator: ", ")) for a test registry "
            + "(apt-get install \(missing.map(\.1).joined(separator: " ")), or scripts/install-deps)"
    }
}

/// Runs `body` with a registry in `mode`, stopped and removed when `body` returns or throws.
public func withTestRegistry<T>(_ mode: TestRegistry.Mode, _ body: (TestRegistry) throws -> T) throws -> T {
    let registry = try TestRegistry(mode)
    defer { registry.stop() }
    return try body(registry)
}

/// Runs `body` with a registry in `mode`, stopped and removed when `body` returns or throws.
public func withTestRegistry<T>(_ mode: TestRegistry.Mode, isolation: isolated (any Actor)? = #isolation,
                                _ body: (TestRegistry) async throws -> T) async throws -> T {
    let registry = try TestRegistry(mode)
    defer { registry.stop() }
    return try await body(registry)
}
