import Testing
@testable import ContainerRuntime

/// runc's command line as containerd's shim and dockerd write it, read by `dockyard-runtime`.
struct OCICommandLineTests {
    @Test("the shim's create: global flags before the command, --bundle and --pid-file after it")
    func shimCreate() throws {
        let line = try OCICommandLine(parsing: ["--root", "/run/containerd/runc/default", "--log", "/b/log.json",
                                                "--log-format", "json", "create", "--bundle", "/b", "--pid-file", "/b/init.pid", "web"])
        #expect(line.global.root == "/run/containerd/runc/default")
        #expect(line.global.log == "/b/log.json")
        #expect(line.global.logFormat == "json")
        #expect(line.command == .create(bundle: "/b", pidFile: "/b/init.pid", consoleSocket: nil, id: "web"))
    }

    @Test("flags also come as --flag=value and Go's single-dash -flag; the bundle defaults to the current directory")
    func flagSpellings() throws {
        let line = try OCICommandLine(parsing: ["-root=/tmp/r", "create", "-console-socket=/tmp/s", "c1"])
        #expect(line.global.root == "/tmp/r")
        #expect(line.command == .create(bundle: ".", pidFile: nil, consoleSocket: "/tmp/s", id: "c1"))
    }

    @Test("kill takes a signal by name, with or without SIG, or by number; SIGTERM by default")
    func killSignals() throws {
        #expect(try OCICommandLine(parsing: ["kill", "c", "KILL"]).command == .kill(id: "c", signal: 9, all: false))
        #expect(try OCICommandLine(parsing: ["kill", "--all", "c", "SIGUSR1"]).command == .kill(id: "c", signal: 10, all: true))
        #expect(try OCICommandLine(parsing: ["kill", "c", "2"]).command == .kill(id: "c", signal: 2, all: false))
        #expect(try OCICommandLine(parsing: ["kill", "c"]).command == .kill(id: "c", signal: 15, all: false))
        #expect(throws: OCICommandLine.UsageError.self) { try OCICommandLine(parsing: ["kill", "c", "SIGNOPE"]) }
    }

    @Test("exec's two forms: --process FILE as the shim writes it, and ID CMD… whose flags stay the command's")
    func execForms() throws {
        guard case let .exec(shim) = try OCICommandLine(parsing: ["exec", "--process", "/t/p.json", "--detach", "--pid-file", "/t/p.pid", "c"]).command
        else { Issue.record("not exec"); return }
        #expect(shim.processFile == "/t/p.json" && shim.detach && shim.pidFile == "/t/p.pid" && shim.id == "c" && shim.argv.isEmpty)
        guard case let .exec(direct) = try OCICommandLine(parsing: ["exec", "-t", "--console-socket", "/s", "c", "ls", "-l", "/"]).command
        else { Issue.record("not exec"); return }
        #expect(direct.tty && direct.consoleSocket == "/s" && direct.id == "c" && direct.argv == ["ls", "-l", "/"])
        #expect(throws: OCICommandLine.UsageError.self) { try OCICommandLine(parsing: ["exec", "c"]) }
    }

    @Test("delete --force, ps --format json, and the errors that name the bad value")
    func otherCommands() throws {
        #expect(try OCICommandLine(parsing: ["delete", "--force", "c"]).command == .delete(id: "c", force: true))
        #expect(try OCICommandLine(parsing: ["ps", "--format", "json", "c"]).command == .ps(id: "c", json: true))
        #expect(try OCICommandLine(parsing: ["--systemd-cgroup", "state", "c"]).global.systemdCgroup)
        #expect(throws: OCICommandLine.UsageError("invalid format option: yaml")) { try OCICommandLine(parsing: ["ps", "-f", "yaml", "c"]) }
        #expect(throws: OCICommandLine.UsageError("invalid log format: xml")) { try OCICommandLine(parsing: ["--log-format", "xml", "state", "c"]) }
        #expect(throws: OCICommandLine.UsageError("start: a container id is required")) { try OCICommandLine(parsing: ["start"]) }
    }
}
