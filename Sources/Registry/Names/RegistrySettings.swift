import FoundationEssentials
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// The registry settings a user or an administrator gives Dockyard, in Docker's own names:
/// `insecure-registries` (as in Docker's `daemon.json`) from `/etc/dockyard/registries.json` and
/// `$XDG_CONFIG_HOME/dockyard/registries.json`, and the `certs.d` directories Docker reads.
public struct RegistrySettings: Sendable {
    public var insecureRegistries: Set<String>
    /// Searched in order for `HOST[:PORT]/ca.crt`, `client.cert`, `client.key`.
    public var certificateDirectories: [String]

    public init(insecureRegistries: Set<String> = [], certificateDirectories: [String] = []) {
        self.insecureRegistries = insecureRegistries
        self.certificateDirectories = certificateDirectories
    }

    /// The per-user configuration directory: `$XDG_CONFIG_HOME`, else `~/.config`.
    static var userConfigDirectory: String {
        if let value = getenv("XDG_CONFIG_HOME").map({ String(cString: $0) }), !value.isEmpty { return value }
        return (getenv("HOME").map { String(cString: $0) } ?? "/root") + "/.config"
    }

    /// The files where the settings live, system-wide first.
    public static var settingsFiles: [String] {
        ["/etc/dockyard/registries.json", userConfigDirectory + "/dockyard/registries.json"]
    }

    /// Reads both settings files (a missing one is fine; a malformed one is an error naming it).
    public static func load() throws(RegistryError) -> RegistrySettings {
        var settings = RegistrySettings(certificateDirectories: [
            userConfigDirectory + "/docker/certs.d", "/etc/docker/certs.d",
        ])
        for path in settingsFiles where access(path, F_OK) == 0 {
            struct File: Decodable {
                var insecureRegistries: [String]?
                enum CodingKeys: String, CodingKey { case insecureRegistries = "insecure-registries" }
            }
            do {
                let file = try FileDescriptor.open(path, O_RDONLY)
                defer { file.close() }
                let decoded = try JSONDecoder().decode(File.self, from: Data(try file.readAll(path: path)))
                settings.insecureRegistries.formUnion(decoded.insecureRegistries ?? [])
            } catch {
                throw RegistryError(.credentials, "cannot read \(path): \(error) (expected {\"insecure-registries\": [\"host:port\"]})")
            }
        }
        return settings
    }

    /// The `certs.d` files for one registry, the first directory that has them winning.
    public func tlsFiles(for registry: String) -> HTTPClient.TLSFiles {
        var files = HTTPClient.TLSFiles()
        for directory in certificateDirectories {
            let base = directory + "/" + registry
            if files.caFile == nil, access(base + "/ca.crt", R_OK) == 0 { files.caFile = base + "/ca.crt" }
            if files.clientCertificate == nil, access(base + "/client.cert", R_OK) == 0, access(base + "/client.key", R_OK) == 0 {
                files.clientCertificate = base + "/client.cert"
                files.clientKey = base + "/client.key"
            }
        }
        return files
    }
}
