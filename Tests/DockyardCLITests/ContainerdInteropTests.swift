import Foundation
import Testing
import TestSupport

/// Images travel between Dockyard and containerd through a real registry, each direction:
/// containerd pulls what Dockyard pushed (checking every digest, and each layer's diff_id as it
/// unpacks) and runs it with runc; Dockyard pulls what containerd pushed and runs it. Both sides
/// are real programs: Dockyard's binary, Debian's containerd 1.6 run privately (`TestContainerd`),
/// Debian's docker-registry (`TestRegistry`).
@Suite("images travel between Dockyard and containerd",
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static): containerd and Dockyard run real containers"),
       .enabled(if: TestRegistry.unavailableReason == nil, "\(TestRegistry.unavailableReason ?? "")"),
       .enabled(if: TestContainerd.unavailableReason == nil, "\(TestContainerd.unavailableReason ?? "")"))
struct ContainerdInteropTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory(prefix: "containerd-cli")
    }

    /// A store of its own, with Docker's config in the test's directory.
    func dockyard(_ name: String) -> DockyardProcess {
        DockyardProcess(root: directory.appending("root-" + name),
                        environment: ["DOCKER_CONFIG": directory.appending("docker-config-" + name),
                                      "XDG_CONFIG_HOME": directory.appending("xdg-" + name),
                                      "HOME": directory.appending("home-" + name)])
    }

    /// Builds `tag` FROM busybox: a RUN that writes a file, and a CMD that prints it.
    func buildImage(_ dockyard: DockyardProcess, tag: String, line: String) throws {
        try directory.write("context/Dockerfile", """
            FROM busybox
            RUN echo \(line) > /greeting
            CMD ["sh", "-c", "cat /greeting; sleep 0.3"]
            """)
        // The pause after printing: ctr can lose the output of a task that exits right after
        // writing it, before containerd's copy from the task's FIFO has run (seen under load;
        // containerd/containerd#770).
        let built = try dockyard.run(["build", "-q", "-t", tag, directory.appending("context")])
        try #require(built.status == 0, "\(built.stderr)")
    }

    /// Runs `body`, printing how long it took under `label` (the suite's timings in the test log).
    func timed<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let started = ContinuousClock.now
        defer { print("containerd interop: \(label) took \(ContinuousClock.now - started)") }
        return try body()
    }

    @Test("containerd pulls an image Dockyard built and pushed, verifies it while unpacking, and runs its CMD")
    func containerdPullsWhatDockyardPushed() throws {
        try withTestRegistry(.plain) { registry in
            try withTestContainerd { containerd in
                let source = dockyard("source")
                let tag = "\(registry.host)/interop/built:v1"
                try timed("dockyard build") { try buildImage(source, tag: tag, line: "built-by-dockyard") }
                let push = try timed("dockyard push") { try source.run(["push", tag]) }
                try #require(push.status == 0, "\(push.stderr)")

                let pull = try timed("ctr images pull") { try containerd.ctr(["images", "pull", "--plain-http", tag]) }
                try #require(pull.status == 0, "\(pull)\n\(registry.registryLog)")
                // ctr names what it unpacked: the platform and the manifest Dockyard printed.
                let digest = try #require(push.stdout.split(separator: "\n").last { $0.hasPrefix("v1: digest: ") }?
                    .split(separator: " ")[2]).description
                #expect(pull.stdout.contains("unpacking linux/amd64 \(digest)") || pull.stdout.contains(digest), "\(pull.stdout)")
                let check = try containerd.ctr(["images", "check"])
                #expect(check.stdout.contains(tag) && check.stdout.contains("complete"), "\(check.stdout)")

                let run = try timed("ctr run") { try containerd.run(tag, id: "from-dockyard") }
                #expect(run.status == 0 && run.stdout == "built-by-dockyard\n", "\(run)\n\(containerd.log)")
                let command = try containerd.run(tag, id: "from-dockyard-sh", ["sh", "-c", "echo $PATH; id -u"])
                #expect(command.stdout.hasSuffix("\n0\n") && command.stdout.contains("/bin"), "\(command)")
            }
        }
    }

    @Test("containerd unpacks Dockyard's layers to the same tree Dockyard runs: whiteouts, an opaque directory, setuid, hard and symbolic links")
    func sameTreeOnBothSides() throws {
        try withTestRegistry(.plain) { registry in
            try withTestContainerd { containerd in
                let source = dockyard("source")
                let tag = "\(registry.host)/interop/tree:v1"
                try directory.write("tree/Dockerfile", """
                    FROM busybox
                    RUN mkdir -p /d/sub && echo a > /d/a && echo b > /d/sub/b && ln -s /d/a /link && ln /d/a /hard
                    RUN rm -rf /usr/sbin /d && mkdir /d && echo new > /d/n && chmod 4755 /d/n
                    """)
                let built = try source.run(["build", "-q", "-t", tag, directory.appending("tree")])
                try #require(built.status == 0, "\(built.stderr)")
                try #require(try source.run(["push", tag]).status == 0)
                try #require(try containerd.ctr(["images", "pull", "--plain-http", tag]).status == 0)

                let listing = ["sh", "-c", "ls /usr/sbin 2>&1; ls -ln /d /hard; readlink /link; cat /hard; find /d | sort"]
                let inContainerd = try containerd.run(tag, id: "tree", listing)
                let inDockyard = try source.run(["run", "--rm", tag] + listing)
                #expect(inContainerd.status == 0 && inDockyard.status == 0, "\(inContainerd)\n\(inDockyard.stderr)")
                #expect(inContainerd.stdout == inDockyard.stdout)
                #expect(inContainerd.stdout.contains("/usr/sbin: No such file or directory"))
                #expect(inContainerd.stdout.contains("-rwsr-xr-x") && !inContainerd.stdout.contains("/d/sub"), "\(inContainerd.stdout)")
            }
        }
    }

    @Test("Dockyard pulls an image containerd pushed (imported from `dockyard save`), and runs it")
    func dockyardPullsWhatContainerdPushed() throws {
        try withTestRegistry(.plain) { registry in
            try withTestContainerd { containerd in
                let source = dockyard("source"), target = dockyard("target")
                let local = "interop/saved:v1"
                try buildImage(source, tag: local, line: "pushed-by-containerd")
                let archive = directory.appending("saved.tar")
                let save = try source.run(["save", "-o", archive, local])
                try #require(save.status == 0, "\(save.stderr)")

                let imported = try timed("ctr images import") { try containerd.ctr(["images", "import", archive]) }
                try #require(imported.status == 0, "\(imported)")
                let images = try containerd.ctr(["images", "ls", "-q"])
                let name = try #require(images.stdout.split(separator: "\n").first { $0.hasSuffix(local) }.map(String.init),
                                        "ctr imported \(images.stdout)")
                let remote = "\(registry.host)/interop/from-containerd:v2"
                try #require(try containerd.ctr(["images", "tag", name, remote]).status == 0)
                let push = try timed("ctr images push") { try containerd.ctr(["images", "push", "--plain-http", remote]) }
                try #require(push.status == 0, "\(push)")

                let pull = try timed("dockyard pull") { try target.run(["pull", remote]) }
                try #require(pull.status == 0, "\(pull.stderr)")
                #expect(pull.stdout.contains("Pull complete"), "\(pull.stdout)")
                let run = try timed("dockyard run") { try target.run(["run", "--rm", remote]) }
                #expect(run.status == 0 && run.stdout == "pushed-by-containerd\n", "\(run.stderr)")
            }
        }
    }

    /// The pushed manifest's media type, its config's and its layers', as the registry serves them.
    func mediaTypes(_ registry: TestRegistry, _ reference: String) throws -> (manifest: String, config: String, layers: [String]) {
        let raw = try registry.rawManifest(reference, as: .anonymous)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any])
        let config = try #require(json["config"] as? [String: Any])
        let layers = try #require(json["layers"] as? [[String: Any]])
        return (json["mediaType"] as? String ?? "", config["mediaType"] as? String ?? "", layers.compactMap { $0["mediaType"] as? String })
    }

    /// `skopeo copy` of `HOST/REFERENCE` into an OCI layout, then `umoci unpack` (strict about media
    /// types and diff_ids); returns the unpacked /greeting.
    func greetingUnpackedByUmoci(_ registry: TestRegistry, _ reference: String) throws -> String {
        let layout = directory.appending("oci-" + reference.replacingOccurrences(of: "/", with: "-"))
        let copy = try registry.skopeo(["copy", "--quiet"] + registry.skopeoFlags("src-", as: .anonymous)
                                       + ["docker://\(registry.host)/\(reference)", "oci:\(layout):v1"])
        try #require(copy.status == 0, "\(copy.stderr)")
        let umoci = try #require(HostTools.executable("umoci"))
        let unpack = try HostProcess.run(umoci, ["unpack", "--image", "\(layout):v1", layout + "-bundle"])
        try #require(unpack.status == 0, "umoci unpack \(reference): \(unpack.stderr)")
        return try TestFiles.readText(layout + "-bundle/rootfs/greeting")
    }

    @Test("An image containerd pushed in Docker's types, pushed on by Dockyard as it is and then as a FROM base, names config and layers in one family; umoci unpacks and containerd runs both",
          .enabled(if: TestRegistry.skopeoUnavailableReason == nil, "\(TestRegistry.skopeoUnavailableReason ?? "")"),
          .enabled(if: HostTools.executable("umoci") != nil, "needs umoci (apt-get install umoci, or scripts/install-deps)"))
    func dockerTypedImagesPushedOnStayInOneFamily() throws {
        try withTestRegistry(.plain) { registry in
            try withTestContainerd { containerd in
                let source = dockyard("source"), store = dockyard("store")
                // containerd imports a `dockyard save` tar as Docker schema 2 with uncompressed layers.
                try buildImage(source, tag: "interop/saved:v1", line: "hi")
                let archive = directory.appending("saved.tar")
                try #require(try source.run(["save", "-o", archive, "interop/saved:v1"]).status == 0)
                try #require(try containerd.ctr(["images", "import", archive]).status == 0)
                let base = "\(registry.host)/interop/docker-typed:v1"
                try #require(try containerd.ctr(["images", "tag", "docker.io/interop/saved:v1", base]).status == 0)
                let pushed = try containerd.ctr(["images", "push", "--plain-http", base])
                try #require(pushed.status == 0, "\(pushed)")
                let served = try mediaTypes(registry, "interop/docker-typed:v1")
                #expect(served.manifest == "application/vnd.docker.distribution.manifest.v2+json")
                #expect(served.layers.allSatisfy { $0 == "application/vnd.docker.image.rootfs.diff.tar" }, "\(served.layers)")

                // Pushed on as it is: a registry's blobs go back as they came (uncompressed here), so
                // it stays Docker schema 2 with the very manifest containerd pushed.
                try #require(try store.run(["pull", "-q", base]).status == 0)
                try #require(try store.run(["tag", base, "\(registry.host)/interop/repushed:v1"]).status == 0)
                let repush = try store.run(["push", "\(registry.host)/interop/repushed:v1"])
                try #require(repush.status == 0, "\(repush.stderr)")
                let repushed = try mediaTypes(registry, "interop/repushed:v1")
                #expect(repushed.manifest == "application/vnd.docker.distribution.manifest.v2+json")
                #expect(repushed.config == "application/vnd.docker.container.image.v1+json")
                #expect(repushed.layers.allSatisfy { $0 == "application/vnd.docker.image.rootfs.diff.tar" }, "\(repushed.layers)")
                #expect(try registry.rawManifest("interop/repushed:v1") == registry.rawManifest("interop/docker-typed:v1"))

                // Built FROM that (its pulled layers kept as they are, the RUN's layer gzip-compressed):
                // an OCI manifest, every blob in OCI's types.
                try directory.write("derived/Dockerfile", "FROM \(registry.host)/interop/repushed:v1\nRUN echo more >> /greeting\n")
                let derived = "\(registry.host)/interop/derived:v1"
                let build = try store.run(["build", "-q", "-t", derived, directory.appending("derived")])
                try #require(build.status == 0, "\(build.stderr)")
                let push = try store.run(["push", derived])
                try #require(push.status == 0, "\(push.stderr)")
                let built = try mediaTypes(registry, "interop/derived:v1")
                #expect(built.manifest == "application/vnd.oci.image.manifest.v1+json")
                #expect(built.config == "application/vnd.oci.image.config.v1+json")
                #expect(built.layers.allSatisfy { $0.hasPrefix("application/vnd.oci.image.layer.v1.tar") }, "\(built.layers)")
                #expect(built.layers.last == "application/vnd.oci.image.layer.v1.tar+gzip", "\(built.layers)")

                #expect(try greetingUnpackedByUmoci(registry, "interop/repushed:v1") == "hi\n")
                #expect(try greetingUnpackedByUmoci(registry, "interop/derived:v1") == "hi\nmore\n")
                for (id, reference, expected) in [("repushed", "interop/repushed:v1", "hi\n"), ("derived", "interop/derived:v1", "hi\nmore\n")] {
                    let tag = "\(registry.host)/\(reference)"
                    let pull = try containerd.ctr(["images", "pull", "--plain-http", tag])
                    try #require(pull.status == 0, "\(pull)")
                    let run = try containerd.run(tag, id: id, ["cat", "/greeting"])
                    #expect(run.stdout == expected, "\(run)")
                }
            }
        }
    }

    @Test("The fixture leaves nothing: no shim, no cgroup, no mount, nothing in /run/containerd or /var/lib/containerd")
    func containerdLeavesNothing() throws {
        let hostPaths = ["/run/containerd", "/var/lib/containerd", "/opt/containerd"]
        let existedBefore = hostPaths.filter { FileManager.default.fileExists(atPath: $0) }
        try withTestRegistry(.plain) { registry in
            let source = dockyard("source")
            let tag = "\(registry.host)/interop/sleeper:v1"
            try buildImage(source, tag: tag, line: "sleeping")
            try #require(try source.run(["push", tag]).status == 0)
            let containerd = try TestContainerd()
            print("containerd interop: containerd started in \(containerd.startupDuration)")
            try #require(try containerd.ctr(["images", "pull", "--plain-http", tag]).status == 0)
            // A task left running: stop() must kill it, and remove its shim, cgroups and mounts.
            let detached = try containerd.ctr(["run", "--detach", "--null-io", "--snapshotter", "overlayfs",
                                               "--fifo-dir", containerd.workspacePath + "/fifo",
                                               "--runc-root", containerd.workspacePath + "/runc",
                                               tag, "left-running", "sleep", "600"])
            try #require(detached.status == 0, "\(detached)")
            #expect(containerd.shimProcesses().count == 1)
            #expect(!containerd.cgroupDirectories().isEmpty)
            let workspace = containerd.workspacePath
            let stopped = ContinuousClock.now
            containerd.stop()
            print("containerd interop: stop with a running task took \(ContinuousClock.now - stopped)")
            #expect(containerd.shimProcesses().isEmpty)
            #expect(containerd.cgroupDirectories().isEmpty, "\(containerd.cgroupDirectories())")
            #expect(containerd.mountsUnderWorkspace().isEmpty)
            #expect(!FileManager.default.fileExists(atPath: workspace))
        }
        let existsAfter = hostPaths.filter { FileManager.default.fileExists(atPath: $0) }
        #expect(existsAfter == existedBefore, "containerd touched the host's default paths")
    }
}
