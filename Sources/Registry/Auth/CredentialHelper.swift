import FoundationEssentials
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// A `docker-credential-NAME` program: Docker's protocol for keeping secrets outside config.json
/// (in a keychain, `pass`, a cloud's token service).
///
///     get    stdin: the server URL           stdout: {"ServerURL":…, "Username":…, "Secret":…}
///     store  stdin: {"ServerURL","Username","Secret"}
///     erase  stdin: the server URL
///
/// A `Username` of `<token>` means `Secret` is an identity token, not a password.
public struct CredentialHelper: Sendable {
    public let name: String
    /// The directories searched for the program: `$PATH` unless given.
    public let searchPath: [String]

    public init(name: String, searchPath: [String]? = nil) {
        self.name = name
        self.searchPath = searchPath ?? (getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
    }

    public var program: String { "docker-credential-" + name }

    private struct Message: Codable {
        var ServerURL: String
        var Username: String
        var Secret: String
    }

    /// The stored credentials, or nil when the helper has none for this server.
    public func get(_ server: String) throws(RegistryError) -> Credentials? {
        let result = try run("get", input: Array(server.utf8))
        guard result.exit.code == 0 else {
            // Every helper says this one sentence when it simply has nothing for the server.
            if result.outputText.contains("credentials not found") || result.errorText.contains("credentials not found") {
                return nil
            }
            throw failure("get", result)
        }
        guard let message = try? JSONDecoder().decode(Message.self, from: Data(result.output)) else {
            throw RegistryError(.credentials, "\(program) get printed something that is not its JSON answer")
        }
        if message.Username == "<token>" {
            return Credentials(username: "", password: "", identityToken: message.Secret)
        }
        return Credentials(username: message.Username, password: message.Secret)
    }

    public func store(_ credentials: Credentials, for server: String) throws(RegistryError) {
        let message = credentials.identityToken.map { Message(ServerURL: server, Username: "<token>", Secret: $0) }
            ?? Message(ServerURL: server, Username: credentials.username, Secret: credentials.password)
        let input: [UInt8]
        do { input = Array(try JSONEncoder().encode(message)) } catch {
            throw RegistryError(.credentials, "cannot encode credentials for \(program): \(error)")
        }
        let result = try run("store", input: input)
        guard result.exit.code == 0 else { throw failure("store", result) }
    }

    public func erase(_ server: String) throws(RegistryError) {
        let result = try run("erase", input: Array(server.utf8))
        guard result.exit.code == 0 else { throw failure("erase", result) }
    }

    private func run(_ verb: String, input: [UInt8]) throws(RegistryError) -> HostProgram.Result {
        guard let executable = searchPath.map({ $0 + "/" + program }).first(where: { access($0, X_OK) == 0 }) else {
            throw RegistryError(.credentials, "\(program) (named in config.json) is not in \(searchPath.joined(separator: ":"))")
        }
        var helper = HostProgram(executable, [verb], input: input)
        helper.timeout = 60
        do {
            return try helper.run()
        } catch {
            throw RegistryError(.credentials, "cannot run \(program) (named in config.json): \(error)")
        }
    }

    private func failure(_ verb: String, _ result: HostProgram.Result) -> RegistryError {
        let said = (result.outputText + result.errorText).trimmed
        return RegistryError(.credentials, "\(program) \(verb) failed: \(said.isEmpty ? "exit status \(result.exit.shellStatus)" : said)")
    }
}
