import Foundation
import Testing
import TestSupport

/// What `run` does after the container's first process exits, with the real kernel: a `--rm`
/// container's writable layer is volatile (nothing to flush at exit), and its removal leaves
/// nothing behind, even when runs follow one another with the same name.
@Suite("dockyard run, teardown", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct RunTeardownTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "teardown")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// The container's root mount as its own /proc/self/mountinfo shows it (the kernel's options).
    func rootMount(_ arguments: [String]) throws -> String {
        let result = try dockyard.run(["run"] + arguments + ["--network", "none", "busybox", "cat", "/proc/self/mountinfo"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").first { $0.split(separator: " ").dropFirst(4).first == "/" }.map(String.init) ?? ""
    }

    @Test("a --rm container's overlay is volatile, a kept container's is not")
    func volatileOnlyWithRm() throws {
        // The kernel shows it as `volatile`, or since Linux 6.x as `fsync=volatile`.
        let removed = try rootMount(["--rm"])
        #expect(removed.contains(" - overlay overlay ") && removed.contains("volatile"), "\(removed)")
        let kept = try rootMount([])
        #expect(kept.contains(" - overlay overlay ") && !kept.contains("volatile"), "\(kept)")
    }

    @Test("mount points come from the image's mount-point layer: the writable layer holds only what the container wrote, and rmi takes the layer away")
    func mountPointLayer() throws {
        let run = try dockyard.run(["run", "--name", "writer", "--hostname", "box", "--network", "none", "busybox", "sh", "-c",
                                    "echo x > /etc/written && cat /etc/hostname"])
        #expect(run.status == 0 && run.stdout == "box\n", "\(run.stderr)")
        let id = try dockyard.run(["inspect", "--format", "{{.Id}}", "writer"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let upper = directory.appending("root/containers/\(id)/upper")
        #expect(try FileManager.default.contentsOfDirectory(atPath: upper) == ["etc"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: upper + "/etc") == ["written"])
        #expect(try dockyard.run(["diff", "writer"]).stdout == "C /etc\nA /etc/written\n")
        let layers = directory.appending("root/mount-points")
        #expect(try FileManager.default.contentsOfDirectory(atPath: layers).count == 1)
        // While a container was made from it, removing the image keeps the layer (`cp` reads it).
        #expect(try dockyard.run(["rmi", "-f", "busybox"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: layers).count == 1)
        #expect(try dockyard.run(["rm", "writer"]).status == 0)
        #expect(try dockyard.run(["image", "prune", "-a", "-f"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: layers).isEmpty)
    }

    /// The v1 (or v2) cgroup directories a container of this id would have, that exist now.
    func cgroupDirectories(of id: String) -> [String] {
        let controllers = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/fs/cgroup")) ?? []
        return (controllers.map { "/sys/fs/cgroup/\($0)/dockyard/\(id)" } + ["/sys/fs/cgroup/dockyard/\(id)"])
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// What is still being removed: the entries of `<root>/removing`.
    var beingRemoved: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: dockyard.root + "/removing")) ?? []
    }

    func containerID(in cidfile: String) throws -> String {
        try String(contentsOfFile: cidfile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("run --rm --name twice in a row: the name is free at once, and the first's cgroups and files go in the background")
    func sameNameTwice() throws {
        var ids: [String] = []
        for attempt in 0..<3 {
            let cidfile = directory.appending("cid\(attempt)")
            let result = try dockyard.run(["run", "--rm", "--name", "same", "--cidfile", cidfile, "--network", "none",
                                           "busybox", "sh", "-c", "mkdir -p /x/y/z && echo hi > /x/y/z/f && ln -s /etc /x/l && rm /bin/vi"])
            #expect(result.status == 0, "attempt \(attempt): \(result.stderr)")
            // As soon as run has exited, the container is gone from the store.
            #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty)
            ids.append(try containerID(in: cidfile))
        }
        #expect(Polling.until(seconds: 10) { beingRemoved.isEmpty && ids.allSatisfy { cgroupDirectories(of: $0).isEmpty } },
                "left: \(beingRemoved) \(ids.flatMap(cgroupDirectories(of:)))")
        let containers = try FileManager.default.contentsOfDirectory(atPath: dockyard.root + "/containers")
        #expect(containers.isEmpty, "\(containers)")
    }

    @Test("a --rm container whose background removal was killed is finished by the next command")
    func killedRemovalIsFinished() throws {
        // The state a killed remover leaves: the directory moved aside, its cgroups still there.
        let cidfile = directory.appending("cid")
        let created = try dockyard.run(["create", "--rm", "--cidfile", cidfile, "--network", "none", "busybox", "true"])
        #expect(created.status == 0, "\(created.stderr)")
        let id = try containerID(in: cidfile)
        let record = try String(contentsOfFile: dockyard.root + "/containers/\(id)/config.json", encoding: .utf8)
        let recorded = try #require(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
        let cgroups = try #require(recorded["cgroupPaths"] as? [String])
        #expect(!cgroups.isEmpty)
        for cgroup in cgroups { try FileManager.default.createDirectory(atPath: cgroup, withIntermediateDirectories: true) }
        try FileManager.default.createDirectory(atPath: dockyard.root + "/containers/\(id)/upper/deep/er", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dockyard.root + "/removing", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: dockyard.root + "/containers/\(id)", toPath: dockyard.root + "/removing/\(id)")
        #expect(cgroupDirectories(of: id).count == cgroups.count)

        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty)
        #expect(beingRemoved.isEmpty, "\(beingRemoved)")
        #expect(cgroupDirectories(of: id).isEmpty, "\(cgroupDirectories(of: id))")
    }

    @Test("with --explain, the removal is told as it happens, before run exits")
    func explainedRemovalStaysInline() throws {
        let result = try dockyard.run(["run", "--rm", "--explain", "--network", "none", "busybox", "true"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("cgroup     rmdir") && result.stderr.contains("remove     container (--rm)"), "\(result.stderr)")
        #expect(beingRemoved.isEmpty)
    }
}

