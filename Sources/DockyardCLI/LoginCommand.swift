import ArgumentParser
import Explain
import HostSystem
import OCI
import Registry
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard login`: check credentials against a registry and keep them in Docker's config.json
/// (or the credential helper it names), where `docker login` keeps them too.
struct LoginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "Log in to a registry.",
        discussion: "If no server is specified, the default (Docker Hub) is used. Credentials are kept in $DOCKER_CONFIG/config.json (~/.docker/config.json) as Docker keeps them, or in the credential helper its credsStore or credHelpers names.")

    @Option(name: [.short, .long], help: "Username") var username: String?
    @Option(name: [.short, .long], help: "Password (prefer --password-stdin: a password on the command line is visible to every user's ps)")
    var password: String?
    @Flag(name: .long, help: "Take the password from stdin") var passwordStdin = false
    @Option(name: .long, help: ArgumentHelp("Show each HTTP exchange and token (text or json), on stderr.", valueName: "text|json"))
    var explain: ExplainMode?

    @Argument(help: "SERVER, e.g. localhost:5000 (default: Docker Hub)") var server: String?

    func validate() throws {
        if passwordStdin, password != nil { throw ValidationError("--password and --password-stdin are mutually exclusive") }
        if passwordStdin, username == nil { throw ValidationError("Must provide --username with --password-stdin") }
    }

    func run() throws {
        let registry = Self.registryName(server)
        do {
            guard let user = try username ?? prompt("Username: ", echo: true), !user.isEmpty else {
                throw RegistryError(.credentials, "Error: Non-null Username Required")
            }
            let secret: String
            if passwordStdin {
                secret = String(decoding: try FileDescriptor.standardInput.readAll(path: "stdin"), as: UTF8.self).trimmingTrailingNewlines()
            } else if let password {
                StandardError.line("WARNING! Using --password via the CLI is insecure. Use --password-stdin.")
                secret = password
            } else {
                guard let typed = try prompt("Password: ", echo: false), !typed.isEmpty else {
                    throw RegistryError(.credentials, "Error: Password Required")
                }
                secret = typed
            }
            let events = explain?.renderer ?? DiscardingSink()
            let client = RegistryClient(endpoint: RegistryEndpoint(registry: registry, settings: try RegistrySettings.load()),
                                        credentials: Credentials(username: user, password: secret), events: events)
            let checked = try client.login()
            let place = try CredentialStore().store(checked, for: registry)
            if !place.hasPrefix("the ") {
                print("WARNING! Your password will be stored unencrypted in \(place).")
                print("Configure a credential helper to remove this warning. See")
                print("https://docs.docker.com/engine/reference/commandline/login/#credentials-store")
                print("")
            }
            print("Login Succeeded")
        } catch {
            StandardError.line("Error response from daemon: \(error)")
            throw ExitCode(1)
        }
    }

    /// `docker.io` for no server or any spelling of Docker Hub; the host otherwise.
    static func registryName(_ server: String?) -> String {
        guard let server, !server.isEmpty else { return ImageReference.dockerHub }
        let host = DockerConfigFile.host(ofKey: server)
        return ["index.docker.io", "registry-1.docker.io", "docker.io"].contains(host) ? ImageReference.dockerHub : host
    }

    /// Asks on the terminal; nil when stdin is not one and the value is needed.
    private func prompt(_ text: String, echo: Bool) throws -> String? {
        guard isatty(0) != 0 else {
            throw RegistryError(.credentials, "Error: Cannot perform an interactive login from a non TTY device")
        }
        StandardError.write(text)
        var saved = termios()
        if !echo {
            tcgetattr(0, &saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSANOW, &quiet)
        }
        defer {
            if !echo {
                tcsetattr(0, TCSANOW, &saved)
                StandardError.write("\n")
            }
        }
        return readLine(strippingNewline: true)
    }
}

/// `dockyard logout`: forget a registry's credentials.
struct LogoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "Log out from a registry.",
        discussion: "If no server is specified, the default (Docker Hub) is used.")

    @Argument(help: "SERVER (default: Docker Hub)") var server: String?

    func run() throws {
        let registry = LoginCommand.registryName(server)
        do {
            if try CredentialStore().remove(for: registry) {
                print("Removing login credentials for \(DockerConfigFile.key(for: registry))")
            } else {
                print("Not logged in to \(DockerConfigFile.key(for: registry))")
            }
        } catch {
            StandardError.line("Error: \(error)")
            throw ExitCode(1)
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var scalars = Substring(self).unicodeScalars
        while let last = scalars.last, last == "\n" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
