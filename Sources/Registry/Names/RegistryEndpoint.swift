import OCI
#if canImport(Glibc)
import Glibc
#endif

/// One registry as Dockyard reaches it: the host its API answers on, whether plain HTTP may be
/// tried, and which extra certificates to trust — Docker's rules, so the same names work.
///
/// - `docker.io` (the default registry) is served by `registry-1.docker.io`.
/// - Loopback registries (`localhost`, `127.0.0.0/8`, `[::1]`) are tried over HTTPS first and
///   fall back to plain HTTP when the server speaks only that, as Docker does; nothing leaves
///   the machine. Unlike Docker, HTTPS to them is still verified: a self-signed registry's CA
///   goes in `certs.d`, so the test with a private CA proves the CA is used.
/// - Any other host needs HTTPS unless it is listed in `insecure-registries`.
/// - `certs.d/HOST[:PORT]/` may hold `ca.crt` (trusted besides the system's roots) and
///   `client.cert` + `client.key`, in `/etc/docker/certs.d` and `$XDG_CONFIG_HOME/docker/certs.d`.
public struct RegistryEndpoint: Sendable, Equatable {
    /// The registry's name in references: `docker.io`, `localhost:5000`.
    public let name: String
    /// The host (and port) its API answers on.
    public let host: String
    /// Plain HTTP may be tried when HTTPS does not answer as TLS.
    public let allowsPlainHTTP: Bool
    /// Listed as insecure: HTTPS is tried without verifying the certificate, then plain HTTP.
    public let skipsVerification: Bool
    public let tls: HTTPClient.TLSFiles

    public init(registry: String, settings: RegistrySettings = RegistrySettings()) {
        name = registry
        host = registry == ImageReference.dockerHub ? "registry-1.docker.io" : registry
        let insecure = settings.insecureRegistries.contains(registry)
        allowsPlainHTTP = insecure || Self.isLoopback(registry)
        skipsVerification = insecure
        var tls = settings.tlsFiles(for: registry)
        tls.skipsVerification = insecure
        self.tls = tls
    }

    /// `https://HOST` or `http://HOST`.
    public func baseURL(plainHTTP: Bool) -> String {
        (plainHTTP ? "http://" : "https://") + host
    }

    /// `localhost`, `127.x.y.z` and `[::1]`, with or without a port.
    public static func isLoopback(_ registry: String) -> Bool {
        var host = Substring(registry)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            return host[host.index(after: host.startIndex)..<close] == "::1"
        }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        if host == "localhost" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
