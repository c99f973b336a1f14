import ArgumentParser
import ContainerRuntime
import FoundationEssentials
import LinuxKernel

/// `run`'s confinement flags, as Docker spells them: `--privileged`, `--cap-add`, `--cap-drop`,
/// `--security-opt seccomp=unconfined|no-new-privileges`; and `--userns remap`, which Docker sets
/// for the whole daemon (`userns-remap`) and Dockyard per container.
struct SecurityFlags: ParsableArguments {
    @Flag(name: .long, help: "Give the container every capability, no seccomp filter and unmasked /proc and /sys.")
    var privileged = false
    @Option(name: .customLong("cap-add"), help: ArgumentHelp("Add a Linux capability (or ALL).", valueName: "CAP"))
    var capAdd: [String] = []
    @Option(name: .customLong("cap-drop"), help: ArgumentHelp("Drop a Linux capability (or ALL).", valueName: "CAP"))
    var capDrop: [String] = []
    @Option(name: .customLong("security-opt"),
            help: ArgumentHelp("seccomp=unconfined, seccomp=PROFILE.json or no-new-privileges.", valueName: "OPTION"))
    var securityOpt: [String] = []
    @Option(name: .long, help: ArgumentHelp("host (the default), or remap: a user namespace of its own, where root is uid 100000 on the host.",
                                            valueName: "host|remap"))
    var userns = "host"

    func validate() throws {
        // The flags' words only: a profile file is read once, by `parsed()` when the run starts.
        _ = try parsed(readingProfiles: false)
        guard ["host", "remap"].contains(userns) else {
            throw ValidationError("invalid --userns: \"\(userns)\" (use host or remap)")
        }
    }

    /// The options, or Docker's errors naming the value it refuses; a `seccomp=FILE` profile is
    /// read and checked against the kernel's length limit unless `readingProfiles` is false.
    func parsed(readingProfiles: Bool = true) throws -> SecurityOptions {
        var options = SecurityOptions()
        options.privileged = privileged
        options.capAdd = try capAdd.map { try Self.capability($0, flag: "CapAdd") }
        options.capDrop = try capDrop.map { try Self.capability($0, flag: "CapDrop") }
        for option in securityOpt {
            switch option {
            case "seccomp=unconfined", "seccomp:unconfined": options.seccompUnconfined = true
            case let profile where profile.hasPrefix("seccomp=") || profile.hasPrefix("seccomp:"):
                guard readingProfiles else { continue }
                options.seccompProfile = try Self.seccompProfile(path: String(profile.dropFirst("seccomp=".count)))
            case "no-new-privileges", "no-new-privileges=true", "no-new-privileges:true": options.noNewPrivileges = true
            case "no-new-privileges=false", "no-new-privileges:false": options.noNewPrivileges = false
            default:
                throw ValidationError("invalid --security-opt: \"\(option)\" (Dockyard knows seccomp=unconfined, seccomp=PROFILE.json and no-new-privileges)")
            }
        }
        if options.seccompProfile != nil, let filter = options.processSecurity.seccompFilter(),
           filter.program.count > SeccompFilter.maximumLength {
            throw ValidationError("seccomp profile compiles to \(filter.program.count) BPF instructions; the kernel takes at most \(SeccompFilter.maximumLength)")
        }
        return options
    }

    /// A profile in Docker's JSON format, read on the client as Docker does; errors name the file.
    static func seccompProfile(path: String) throws -> SeccompProfile {
        let text: String
        do {
            text = try FileBytes.text(ofFile: path)
        } catch {
            throw ValidationError("opening seccomp profile (\(path)) failed: \(error.reason)")
        }
        do {
            return try SeccompProfile(json: text, source: path)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    static func capability(_ text: String, flag: String) throws -> String {
        guard let name = SecurityOptions.normalizedCapability(text) else {
            throw ValidationError("invalid \(flag): unknown capability: \"\(text)\"")
        }
        return name
    }
}
