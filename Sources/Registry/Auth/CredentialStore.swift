/// Finds and files a user's registry credentials the way Docker does: a registry's own
/// `credHelpers` entry first, then the `credsStore` helper, then `auths` in config.json.
public struct CredentialStore: Sendable {
    public let configPath: String
    /// Where `docker-credential-*` programs are looked for: `$PATH` unless given.
    public let helperSearchPath: [String]?

    public init(configPath: String = DockerConfigFile.defaultPath, helperSearchPath: [String]? = nil) {
        self.configPath = configPath
        self.helperSearchPath = helperSearchPath
    }

    /// The credentials for a registry (`docker.io`, `localhost:5000`), or nil to go anonymous.
    public func credentials(for registry: String) throws(RegistryError) -> Credentials? {
        let config = try DockerConfigFile(path: configPath)
        if let helper = config.helper(for: registry) {
            return try CredentialHelper(name: helper, searchPath: helperSearchPath).get(DockerConfigFile.key(for: registry))
        }
        return config.storedCredentials(for: registry)
    }

    /// Keeps credentials after a successful login; returns where they went, for the message.
    @discardableResult
    public func store(_ credentials: Credentials, for registry: String) throws(RegistryError) -> String {
        var config = try DockerConfigFile(path: configPath)
        if let helper = config.helper(for: registry) {
            try CredentialHelper(name: helper, searchPath: helperSearchPath).store(credentials, for: DockerConfigFile.key(for: registry))
            config.markHelperEntry(for: registry)
            try config.save()
            return "the \(helper) credential helper"
        }
        config.store(credentials, for: registry)
        try config.save()
        return configPath
    }

    /// Forgets a registry's credentials; false when none were kept.
    public func remove(for registry: String) throws(RegistryError) -> Bool {
        var config = try DockerConfigFile(path: configPath)
        var removed = false
        if let helper = config.helper(for: registry) {
            try? CredentialHelper(name: helper, searchPath: helperSearchPath).erase(DockerConfigFile.key(for: registry))
            removed = true
        }
        if config.remove(registry: registry) {
            removed = true
            try config.save()
        }
        return removed
    }
}
