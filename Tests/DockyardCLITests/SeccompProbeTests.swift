import Foundation
import Testing
import TestSupport

/// Docker's default seccomp profile as the kernel enforces it: a static probe
/// (`Tests/Probes/seccomp.c`) makes raw system calls from inside real containers and prints what
/// the kernel answered, so each line is the filter's verdict, not the C library's.
@Suite("Seccomp profiles, from inside real containers", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct SeccompProbeTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "seccomp")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// The probe's answers as "call" -> "ok" or an errno's name.
    static func answers(_ output: String) -> [String: String] {
        var answers: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let space = line.lastIndex(of: " ") else { continue }
            answers[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        return answers
    }

    /// What Docker's default profile answers on this kernel (6.x: ptrace-family calls are allowed
    /// from 4.8 on, by the profile's minKernel entry).
    static let dockerDefaultAnswers: [String: String] = [
        "personality(ADDR_NO_RANDOMIZE)": "EPERM", "personality(0)": "ok", "personality(0xffffffff)": "ok",
        "fanotify_init": "EPERM", "process_vm_readv(self)": "ok", "socket(AF_VSOCK)": "EPERM", "socket(AF_ALG)": "EPERM",
        "socket(AF_INET)": "ok", "clone3": "ENOSYS", "unshare(CLONE_NEWUSER)": "EPERM", "keyctl": "EPERM",
        "syscall(1000)": "ENOSYS", "getpid": "ok",
    ]

    @Test("Docker's default profile: ASLR stays on, AF_VSOCK, fanotify, keyrings and new namespaces are refused, ordinary calls work")
    func defaultProfile() throws {
        let probe = try dockyard.run(["run", "--rm", "--network", "none"] + ProbeProgram.mountFlags("seccomp") + ["busybox", "/probe"])
        #expect(probe.status == 0, "\(probe.stderr)")
        #expect(Self.answers(probe.stdout) == Self.dockerDefaultAnswers, "\(probe.stdout)")
        let unconfined = try dockyard.run(["run", "--rm", "--network", "none", "--security-opt", "seccomp=unconfined"]
                                          + ProbeProgram.mountFlags("seccomp") + ["busybox", "/probe"])
        #expect(Self.answers(unconfined.stdout)["socket(AF_VSOCK)"] != "EPERM", "\(unconfined.stdout)")
        #expect(Self.answers(unconfined.stdout)["syscall(1000)"] == "ENOSYS")   // the kernel's own answer
        let explained = try dockyard.run(["run", "--rm", "--network", "none", "--explain", "busybox", "true"])
        #expect(explained.stderr.contains("; Docker's default profile: "), "\(explained.stderr)")
        #expect(explained.stderr.contains("every other call EPERM (ENOSYS past "), "\(explained.stderr)")
        #expect(explained.stderr.contains("personality: arg0 == 0x0 -> allowed, arg0 == 0x8 -> allowed"), "\(explained.stderr)")
        #expect(explained.stderr.contains("clone3: ENOSYS"), "\(explained.stderr)")
    }

    @Test("exec into a running container gets the same filter")
    func exec() throws {
        let started = try dockyard.run(["run", "-d", "--name", "filtered", "--network", "none"] + ProbeProgram.mountFlags("seccomp")
                                       + ["busybox", "sleep", "60"])
        #expect(started.status == 0, "\(started.stderr)")
        defer { _ = try? dockyard.run(["rm", "-f", "filtered"]) }
        let probe = try dockyard.run(["exec", "filtered", "/probe"])
        #expect(Self.answers(probe.stdout) == Self.dockerDefaultAnswers, "\(probe.stdout) \(probe.stderr)")
    }

    @Test("--security-opt seccomp=FILE.json: a profile of our own refuses mkdir, in run and in exec")
    func customProfile() throws {
        try directory.write("no-mkdir.json", """
            {"defaultAction": "SCMP_ACT_ALLOW",
             "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}
            """)
        let profile = ["--security-opt", "seccomp=" + directory.appending("no-mkdir.json")]
        let refused = try dockyard.run(["run", "--rm", "--network", "none"] + profile + ["busybox", "mkdir", "/made"])
        #expect(refused.status != 0 && refused.stderr.contains("Permission denied"), "\(refused.stderr)")
        let plain = try dockyard.run(["run", "--rm", "--network", "none", "busybox", "mkdir", "/made"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let started = try dockyard.run(["run", "-d", "--name", "nomkdir", "--network", "none"] + profile
                                       + ProbeProgram.mountFlags("seccomp") + ["busybox", "sleep", "60"])
        #expect(started.status == 0, "\(started.stderr)")
        defer { _ = try? dockyard.run(["rm", "-f", "nomkdir"]) }
        let probe = try dockyard.run(["exec", "nomkdir", "/probe", "/tmp/made"])
        #expect(probe.stdout == "mkdir EACCES\n", "\(probe.stdout) \(probe.stderr)")
        let explained = try dockyard.run(["run", "--rm", "--network", "none", "--explain"] + profile + ["busybox", "true"])
        #expect(explained.stderr.contains("a custom profile: "), "\(explained.stderr)")
    }

    @Test("a broken or missing profile file is refused with exit 125, naming the file and the fault")
    func brokenProfile() throws {
        try directory.write("broken.json", #"{"defaultAction": "SCMP_ACT_ALOW", "syscalls": []}"#)
        let broken = try dockyard.run(["run", "--rm", "--network", "none", "--security-opt",
                                       "seccomp=" + directory.appending("broken.json"), "busybox", "true"])
        #expect(broken.status == 125, "\(broken.stderr)")
        #expect(broken.stderr.contains("broken.json: defaultAction: unknown action \"SCMP_ACT_ALOW\""), "\(broken.stderr)")
        let missing = try dockyard.run(["run", "--rm", "--network", "none", "--security-opt", "seccomp=/nonexistent/p.json", "busybox", "true"])
        #expect(missing.status == 125 && missing.stderr.contains("opening seccomp profile (/nonexistent/p.json) failed"), "\(missing.stderr)")
        let left = try dockyard.run(["ps", "-a", "-q"])
        #expect(left.stdout.isEmpty, "nothing is left behind: \(left.stdout)")
    }
}
