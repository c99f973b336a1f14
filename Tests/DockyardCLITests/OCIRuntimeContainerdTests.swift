import Foundation
import Testing
import TestSupport

/// Real clients drive `dockyard-runtime`: a private containerd (`TestContainerd`) told to use it
/// with `ctr run --runc-binary`, and a private dockerd with `--add-runtime`. The image is
/// Dockyard's own offline busybox, handed over as a `dockyard save` archive (`ctr images import`,
/// `docker load`). Each test checks that the runtime's state, the containers' cgroups and their
/// mounts are gone afterwards.
@Suite("containerd and dockerd run their containers through dockyard-runtime",
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static): containerd and the runtime make real containers"),
       .enabled(if: TestContainerd.unavailableReason == nil, "\(TestContainerd.unavailableReason ?? "")"))
struct OCIRuntimeContainerdTests {
    static let image = "docker.io/library/busybox:latest"
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory(prefix: "oci-clients")
    }

    /// Dockyard's busybox as a docker-archive, made by `dockyard save`.
    func busyboxArchive() throws -> String {
        let dockyard = DockyardProcess(root: directory.appending("root"))
        let made = try dockyard.run(["run", "--rm", "--network", "none", "busybox", "true"])
        try #require(made.status == 0, "\(made.stderr)")
        let archive = directory.appending("busybox.tar")
        let saved = try dockyard.run(["save", "-o", archive, "busybox"])
        try #require(saved.status == 0, "\(saved.stderr)")
        return archive
    }

    func importBusybox(_ containerd: TestContainerd) throws {
        let imported = try containerd.ctr(["images", "import", try busyboxArchive()])
        try #require(imported.status == 0, "\(imported)")
    }

    /// `ctr run` with the runtime and the workspace's fifo and state directories.
    func runArguments(_ containerd: TestContainerd) -> [String] {
        ["run", "--snapshotter", "overlayfs", "--fifo-dir", containerd.workspacePath + "/fifo",
         "--runc-root", containerd.workspacePath + "/runc", "--runc-binary", OCIBundle.runtime]
    }

    /// Nothing of the runtime's is left: no state directory, no cgroup, no mount.
    func expectNothingLeft(_ containerd: TestContainerd, _ ids: [String]) {
        let state = containerd.workspacePath + "/runc/" + containerd.namespace
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []).filter { ids.contains($0) }
        #expect(left.isEmpty, "runtime state left: \(left)")
        let cgroups = containerd.cgroupDirectories().flatMap { directory in
            ids.map { directory + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
        }
        #expect(cgroups.isEmpty, "cgroups left: \(cgroups)")
        #expect(containerd.mountsUnderWorkspace().isEmpty)
    }

    func pid(of task: String, _ containerd: TestContainerd) throws -> String? {
        let listed = try containerd.ctr(["tasks", "ls"])
        return listed.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
            .first { $0.first.map(String.init) == task }.map { String($0[1]) }
    }

    @Test("ctr run --rm runs busybox's echo to completion through dockyard-runtime")
    func runToCompletion() throws {
        try withTestContainerd { containerd in
            try importBusybox(containerd)
            let run = try containerd.ctr(runArguments(containerd) + ["--rm", Self.image, "oci-echo", "echo", "hi"])
            #expect(run.status == 0 && run.stdout == "hi\n", "\(run)\n\(containerd.log)")
            let failing = try containerd.ctr(runArguments(containerd) + ["--rm", Self.image, "oci-exit", "sh", "-c", "exit 3"])
            #expect(failing.status == 3, "\(failing)")
            expectNothingLeft(containerd, ["oci-echo", "oci-exit"])
        }
    }

    @Test("ctr run -d, then task exec, pause, kill and delete, each through dockyard-runtime")
    func detachedTask() throws {
        try withTestContainerd { containerd in
            try importBusybox(containerd)
            let started = try containerd.ctr(runArguments(containerd) + ["-d", Self.image, "oci-task", "sleep", "60"])
            try #require(started.status == 0, "\(started)\n\(containerd.log)")
            let exec = try containerd.ctr(["tasks", "exec", "--fifo-dir", containerd.workspacePath + "/fifo", "--exec-id", "probe",
                                           "oci-task", "sh", "-c", "cat /proc/1/comm; exit 5"])
            #expect(exec.status == 5 && exec.stdout == "sleep\n", "\(exec)")
            #expect(try containerd.ctr(["tasks", "pause", "oci-task"]).status == 0)
            #expect(try containerd.ctr(["tasks", "ls"]).stdout.contains("PAUSED"))
            #expect(try containerd.ctr(["tasks", "resume", "oci-task"]).status == 0)
            #expect(try containerd.ctr(["tasks", "kill", "--signal", "SIGKILL", "oci-task"]).status == 0)
            #expect(Polling.until(seconds: 10) { (try? containerd.ctr(["tasks", "ls"]))?.stdout.contains("STOPPED") == true })
            #expect(try containerd.ctr(["tasks", "delete", "oci-task"]).status == 0)
            #expect(try containerd.ctr(["containers", "rm", "oci-task"]).status == 0)
            expectNothingLeft(containerd, ["oci-task"])
        }
    }

    @Test("a pod made by hand: ctr run --with-ns network: joins the first container's namespace and reaches it on localhost")
    func podByHand() throws {
        try withTestContainerd { containerd in
            try importBusybox(containerd)
            let server = try containerd.ctr(runArguments(containerd) + ["-d", Self.image, "oci-pod-a", "sh", "-c", "nc -l -p 7000 > /tmp/got; sleep 60"])
            try #require(server.status == 0, "\(server)")
            let pid = try #require(try pid(of: "oci-pod-a", containerd))
            let hostView = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/net")
            let client = try containerd.ctr(runArguments(containerd) + ["--rm", "--with-ns", "network:/proc/\(pid)/ns/net", Self.image, "oci-pod-b",
                                                                        "sh", "-c", "echo over-localhost | nc 127.0.0.1 7000; readlink /proc/self/ns/net"])
            #expect(client.status == 0 && client.stdout == hostView + "\n", "\(client)")
            let got = try containerd.ctr(["tasks", "exec", "--fifo-dir", containerd.workspacePath + "/fifo", "--exec-id", "read", "oci-pod-a", "cat", "/tmp/got"])
            #expect(got.stdout == "over-localhost\n", "\(got)")
            _ = try containerd.ctr(["tasks", "kill", "--signal", "SIGKILL", "oci-pod-a"])
            #expect(Polling.until(seconds: 10) { (try? containerd.ctr(["tasks", "delete", "oci-pod-a"]))?.status == 0 })
            #expect(try containerd.ctr(["containers", "rm", "oci-pod-a"]).status == 0)
            expectNothingLeft(containerd, ["oci-pod-a", "oci-pod-b"])
        }
    }

    @Test("a private dockerd with --add-runtime runs docker run --runtime dockyard to completion",
          .enabled(if: HostTools.executable("dockerd") != nil, "needs Debian's docker.io (dockerd) for a private engine"))
    func dockerRun() throws {
        let engine = try PrivateDockerd(directory: directory, runtimes: ["dockyard": OCIBundle.runtime])
        defer { engine.stop() }
        let loaded = try engine.docker(["load", "-i", try busyboxArchive()])
        try #require(loaded.status == 0, "\(loaded)")
        let run = try engine.docker(["run", "--rm", "--runtime", "dockyard", "--network", "none", "busybox", "sh", "-c", "echo hi; grep CapEff /proc/self/status"])
        #expect(run.status == 0 && run.stdout == "hi\nCapEff:\t00000000a80425fb\n", "\(run)\n\(engine.log)")
        let state = directory.appending("docker-exec/runtime-runc/moby")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []).isEmpty)
    }
}
