import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The token service a token-auth test registry sends its clients to, as Docker Hub's registry
/// sends them to auth.docker.io: `scripts/registry-token-service` run with python3 on 127.0.0.1
/// and a port of its choosing. It signs RS256 tokens with its own self-signed key, whose
/// certificate the registry trusts (`auth.token.rootcertbundle`), and logs every request.
public final class RegistryTokenService: Sendable {
    /// `auth.token.service`: the token's audience, and the `service` a client sends back.
    public static let service = "dockyard-test-registry"
    /// `auth.token.issuer`: the token's `iss`.
    public static let issuer = "dockyard-test-token-service"

    /// `http(s)://127.0.0.1:PORT/token`: `auth.token.realm`, where clients ask for tokens.
    public let realm: String
    /// The RSA key that signs tokens and its certificate (the registry's root bundle).
    public let signingKey: TestCertificateAuthority.KeyPair
    /// One JSON line per token request (`TokenRequestRecord`).
    public let logPath: String
    private let server: BackgroundServer

    /// The script in this checkout.
    public static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/registry-token-service").path
    }

    /// Starts the service with its files in `directory`. `users` may ask for anything; anonymous
    /// callers get `pull` on `publicRepositories` only. With `tls`, it serves https with that
    /// certificate (a client then needs the CA for the realm as for the registry).
    public init(directory: String, users: [RegistryCredentials], publicRepositories: [String],
                tls: TestCertificateAuthority.KeyPair?) throws {
        guard let python = HostTools.executable("python3") else {
            throw TemporaryDirectoryError(message: "python3 is not installed (apt-get install python3)")
        }
        signingKey = try TestCertificateAuthority.selfSignedRSA(in: directory, name: "token-signing",
                                                                 subject: "Dockyard test token issuer")
        logPath = directory + "/token-requests.jsonl"
        let portFile = directory + "/token-service.port"
        var arguments = [Self.script, "--key", signingKey.keyPath, "--cert", signingKey.certificatePath,
                         "--service", Self.service, "--issuer", Self.issuer,
                         "--port", "0", "--port-file", portFile, "--log", logPath]
        arguments += users.flatMap { ["--user", $0.colonSeparated] }
        arguments += publicRepositories.flatMap { ["--public", $0] }
        if let tls { arguments += ["--tls-cert", tls.certificatePath, "--tls-key", tls.keyPath] }
        server = try BackgroundServer(python, arguments, logPath: directory + "/token-service.log")
        let port = try server.waitForPortFile(portFile, what: "the token service")
        realm = "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)/token"
    }

    /// Every token request so far, oldest first.
    public func requests() throws -> [TokenRequestRecord] {
        try TokenRequestRecord.read(from: logPath)
    }

    public func stop() {
        server.stop()
    }
}
