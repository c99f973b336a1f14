import ArgumentParser
import GoTemplate
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard version`: the client's and the engine's versions in `docker version`'s Client/Server
/// shape. There is no daemon: the engine is this same binary, so both halves name it.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Show the Dockyard version information.")

    @Option(name: [.short, .long], help: "Format the output using a Go template, or 'json'.") var format: String?

    /// Docker's default `version` template, with the Server half as Dockyard has it.
    static let defaultTemplate = #"""
    Client:
     Version:           {{.Client.Version}}
     API version:       {{.Client.APIVersion}}
     Go version:        {{.Client.GoVersion}}
     OS/Arch:           {{.Client.Os}}/{{.Client.Arch}}
     Context:           {{.Client.Context}}

    Server: {{.Server.Platform.Name}}
     Engine:
      Version:          {{.Server.Version}}
      API version:      {{.Server.APIVersion}} (minimum version {{.Server.MinAPIVersion}})
      OS/Arch:          {{.Server.Os}}/{{.Server.Arch}}
      Kernel Version:   {{.Server.KernelVersion}}
    """#

    func run() throws {
        try InfoCommand.printFormatted(format ?? Self.defaultTemplate, Self.versionInfo())
    }

    /// Docker's `VersionInfo` as the template sees it: `Client` and `Server`.
    static func versionInfo() -> TemplateValue {
        let version = DockyardCommand.configuration.version
        let kernel = HostKernel.release()
        let arch = HostKernel.goArch()
        let client = TemplateObject([
            ("Platform", .object(TemplateObject([("Name", "Dockyard")]))), ("Version", .string(version)),
            ("APIVersion", "1.43"), ("DefaultAPIVersion", "1.43"), ("GitCommit", ""), ("GoVersion", "swift"),
            ("Os", "linux"), ("Arch", .string(arch)), ("BuildTime", ""), ("Context", "default"),
        ])
        let server = TemplateObject([
            ("Platform", .object(TemplateObject([("Name", "Dockyard Engine")]))), ("Version", .string(version)),
            ("APIVersion", "1.43"), ("MinAPIVersion", "1.12"), ("Os", "linux"), ("Arch", .string(arch)),
            ("KernelVersion", .string(kernel)), ("Experimental", false), ("BuildTime", ""),
        ])
        return .object(TemplateObject([("Client", .object(client)), ("Server", .object(server))]))
    }
}

/// uname(2): the running kernel's release and machine, as `version` and `info` print them.
enum HostKernel {
    static func release() -> String {
        var name = utsname()
        uname(&name)
        return withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
    }

    /// Go's GOARCH for the machine: amd64, arm64, or the kernel's own word.
    static func goArch() -> String {
        var name = utsname()
        uname(&name)
        let machine = withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        return ["x86_64": "amd64", "aarch64": "arm64"][machine] ?? machine
    }
}
