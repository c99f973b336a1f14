import FoundationEssentials
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Docker's client configuration, `$DOCKER_CONFIG/config.json` (`~/.docker/config.json`): where
/// `docker login` and `dockyard login` both keep credentials, so either one's login serves both.
///
///     {"auths": {"localhost:5000": {"auth": "dXNlcjpwYXNz"}},
///      "credsStore": "pass", "credHelpers": {"gcr.io": "gcloud"}}
///
/// `auths` holds base64 `user:password` (and an `identitytoken`) per registry; `credsStore` names
/// a `docker-credential-NAME` program that keeps them instead, for every registry; `credHelpers`
/// names one per registry. Docker Hub's key is `https://index.docker.io/v1/`, for history's sake.
public struct DockerConfigFile: Sendable {
    public let path: String
    private var document: JSONValue

    /// Docker Hub's key in `auths` and for credential helpers.
    public static let dockerHubKey = "https://index.docker.io/v1/"

    /// `$DOCKER_CONFIG/config.json`, else `$HOME/.docker/config.json`.
    public static var defaultPath: String {
        if let directory = getenv("DOCKER_CONFIG").map({ String(cString: $0) }), !directory.isEmpty {
            return directory + "/config.json"
        }
        let home = getenv("HOME").map { String(cString: $0) } ?? "/root"
        return home + "/.docker/config.json"
    }

    /// Reads the file; a missing file is an empty configuration.
    public init(path: String = DockerConfigFile.defaultPath) throws(RegistryError) {
        self.path = path
        guard access(path, F_OK) == 0 else {
            document = .object([:])
            return
        }
        do {
            let file = try FileDescriptor.open(path, O_RDONLY)
            defer { file.close() }
            let bytes = try file.readAll(path: path)
            document = bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D })
                ? .object([:]) : try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw RegistryError(.credentials, "cannot read \(path): \(error)")
        }
        guard document.object != nil else {
            throw RegistryError(.credentials, "\(path) is not a JSON object")
        }
    }

    /// The key a registry is filed under: Docker Hub's legacy URL, or the host as written.
    public static func key(for registry: String) -> String {
        registry == "docker.io" || registry == "index.docker.io" || registry == "registry-1.docker.io"
            ? dockerHubKey : registry
    }

    /// The helper program for this registry (`credHelpers`, then `credsStore`), if any.
    public func helper(for registry: String) -> String? {
        let key = Self.key(for: registry)
        if let name = document["credHelpers"]?[key]?.string ?? document["credHelpers"]?[registry]?.string, !name.isEmpty {
            return name
        }
        if let name = document["credsStore"]?.string, !name.isEmpty { return name }
        return nil
    }

    /// The credentials kept in `auths` itself; Docker also accepts keys written as URLs.
    public func storedCredentials(for registry: String) -> Credentials? {
        guard let auths = document["auths"]?.object else { return nil }
        let key = Self.key(for: registry)
        let entry = auths[key] ?? auths.first { Self.host(ofKey: $0.key) == registry }?.value
        guard let entry else { return nil }
        let identityToken = entry["identitytoken"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        if let auth = entry["auth"]?.string, !auth.isEmpty {
            return Credentials(encodedAuth: auth, identityToken: identityToken)
        }
        if let username = entry["username"]?.string, let password = entry["password"]?.string {
            return Credentials(username: username, password: password, identityToken: identityToken)
        }
        return nil
    }

    /// Files credentials in `auths` (what `docker login` does without a helper).
    public mutating func store(_ credentials: Credentials, for registry: String) {
        var auths = document["auths"]?.object ?? [:]
        var entry: [String: JSONValue] = ["auth": .string(credentials.encodedAuth)]
        if let token = credentials.identityToken {
            // Docker keeps no password next to an identity token: the token stands for it.
            entry = ["auth": .string(Credentials(username: credentials.username, password: "").encodedAuth),
                     "identitytoken": .string(token)]
        }
        auths[Self.key(for: registry)] = .object(entry)
        document["auths"] = .object(auths)
    }

    /// Marks a registry as kept by a helper: Docker leaves an empty entry in `auths`.
    public mutating func markHelperEntry(for registry: String) {
        var auths = document["auths"]?.object ?? [:]
        auths[Self.key(for: registry)] = .object([:])
        document["auths"] = .object(auths)
    }

    /// Forgets a registry's entry; false when there was none.
    @discardableResult
    public mutating func remove(registry: String) -> Bool {
        guard var auths = document["auths"]?.object else { return false }
        let key = Self.key(for: registry)
        guard auths.removeValue(forKey: key) != nil else { return false }
        document["auths"] = .object(auths)
        return true
    }

    /// Writes the file atomically with mode 0600 (it holds secrets), making its directory (0700).
    public func save() throws(RegistryError) {
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !directory.isEmpty, access(directory, F_OK) != 0, mkdir(directory, 0o700) != 0 {
            throw RegistryError(.credentials, "cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        let bytes: [UInt8]
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            bytes = Array(try encoder.encode(document)) + [0x0A]
        } catch {
            throw RegistryError(.credentials, "cannot encode \(path): \(error)")
        }
        do {
            try AtomicFile.replace(bytes, at: path, mode: 0o600, durable: true)
        } catch {
            throw RegistryError(.credentials, "cannot write \(path): \(error)")
        }
    }

    /// `https://index.docker.io/v1/` -> `index.docker.io`, `http://h:5000/` -> `h:5000`.
    public static func host(ofKey key: String) -> String {
        var text = Substring(key)
        if let scheme = key.firstRange(of: "://") { text = key[scheme.upperBound...] }
        if let slash = text.firstIndex(of: "/") { text = text[..<slash] }
        return String(text)
    }
}
