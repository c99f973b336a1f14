import Explain
import FoundationEssentials
import HostSystem
import LinuxKernel
import OCI
#if canImport(Glibc)
import Glibc
#endif

extension OCIRuntime {
    /// The whole of `dockyard-runtime`: parse runc's command line, run the command, and on
    /// failure say why on stderr and in `--log` (containerd reads the last `"level":"error"` line
    /// of its json log to report a failed create). Returns the exit status.
    public static func main(_ arguments: [String]) -> Int32 {
        let commandLine: OCICommandLine
        do { commandLine = try OCICommandLine(parsing: arguments) } catch {
            report(error.description, log: nil, json: false)
            return 2
        }
        let log = commandLine.global.log
        let json = commandLine.global.logFormat == "json"
        if commandLine.global.systemdCgroup {
            report("--systemd-cgroup is not supported: dockyard-runtime manages cgroupfs paths (linux.cgroupsPath) itself", log: log, json: json)
            return 1
        }
        do {
            return try run(commandLine.command, runtime: OCIRuntime(root: commandLine.global.root))
        } catch {
            report("\(error)", log: log, json: json)
            return 1
        }
    }

    static func run(_ command: OCICommandLine.Command, runtime: OCIRuntime) throws -> Int32 {
        switch command {
        case let .create(bundle, pidFile, consoleSocket, id):
            try runtime.create(OCICreateRequest(id: id, bundle: bundle, pidFile: pidFile, consoleSocket: consoleSocket))
        case let .start(id): try runtime.start(id)
        case let .state(id): print(try runtime.state(id))
        case let .kill(id, signal, all): try runtime.kill(id, signal: signal, all: all)
        case let .delete(id, force): try runtime.delete(id, force: force)
        case let .pause(id): try runtime.setPaused(id, true)
        case let .resume(id): try runtime.setPaused(id, false)
        case let .ps(id, json):
            let pids = try runtime.processes(id)
            print(json ? "[" + pids.map(String.init).joined(separator: ",") + "]" : (["PID"] + pids.map(String.init)).joined(separator: "\n"))
        case let .exec(exec): return try runtime.exec(try execRequest(exec, runtime: runtime))
        case .features: print(features)
        case .version: print("dockyard-runtime version 0.1.0\nspec: 1.2.0")
        }
        return 0
    }

    static func execRequest(_ exec: OCICommandLine.Exec, runtime: OCIRuntime) throws -> OCIExecRequest {
        let process: RuntimeSpec.Process
        if let file = exec.processFile {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw RuntimeError(code: .notFound, "open \(file): no such file or directory")
            }
            do { process = try JSONDecoder().decode(RuntimeSpec.Process.self, from: data) } catch {
                throw RuntimeError(code: .invalidArgument, "\(file): \(error)")
            }
        } else {
            let user = try exec.user.map { text -> (UInt32, UInt32) in
                let parts = text.split(separator: ":").map { UInt32($0) }
                guard let uid = parts.first ?? nil else { throw RuntimeError(code: .invalidArgument, "invalid --user \(text): a uid[:gid] is needed") }
                return (uid, parts.count > 1 ? parts[1] ?? 0 : 0)
            }
            process = try runtime.execProcess(for: exec.id, argv: exec.argv, tty: exec.tty, cwd: exec.cwd, env: exec.env, user: user)
        }
        return OCIExecRequest(id: exec.id, process: process, detach: exec.detach, pidFile: exec.pidFile, consoleSocket: exec.consoleSocket)
    }

    /// The error on stderr and, with `--log`, as runc logs it (logrus text or JSON).
    static func report(_ message: String, log: String?, json: Bool) {
        try? FileDescriptor.standardError.writeAll("dockyard-runtime: \(message)\n")
        guard let log else { return }
        let time = OCIContainerState.now()
        let line = json ? "{\"level\":\"error\",\"msg\":\(JSONText.quoted(message)),\"time\":\"\(time)\"}\n"
                        : "time=\"\(time)\" level=error msg=\(JSONText.quoted(message))\n"
        guard let file = try? FileDescriptor.open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, permissions: 0o644) else { return }
        try? file.writeAll(line)
        file.close()
    }

    /// runtime-spec's features.md document: what this runtime implements.
    static var features: String {
        """
    {
      "ociVersionMin": "1.0.0",
      "ociVersionMax": "1.2.0",
      "hooks": ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"],
      "mountOptions": ["bind", "rbind", "ro", "rw", "nosuid", "suid", "nodev", "dev", "noexec", "exec", "strictatime", "noatime", "private", "rprivate"],
      "linux": {
        "namespaces": ["cgroup", "ipc", "mount", "network", "pid", "uts"],
        "capabilities": \("[" + Capability.allCases.map { "\"CAP_\($0.name)\"" }.joined(separator: ", ") + "]"),
        "cgroup": {"v1": true, "v2": true, "systemd": false, "systemdUser": false},
        "seccomp": {"enabled": true, "actions": \("[" + SeccompAction.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + "]")},
        "apparmor": {"enabled": false},
        "selinux": {"enabled": false}
      },
      "annotations": {"org.dockyard.explain": "a file to which create writes the kernel objects it makes"}
    }
    """
    }
}
