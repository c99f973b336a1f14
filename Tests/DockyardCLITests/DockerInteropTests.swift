import Foundation
import Testing
import TestSupport

/// Dockyard and a real Docker engine exchange images: what `dockyard save` writes, `docker load`
/// loads and runs, and what `docker save` writes, Dockyard loads and runs. Skipped (with the
/// reason) where no engine runs; CI never depends on one.
@Suite("Images to and from a Docker engine", .serialized,
       .enabled(if: DockerEngine.isAvailable && Privileges.canRunContainers,
                "needs a running Docker engine (docker info fails, and no dockerd is installed to start), root and /bin/busybox"))
struct DockerInteropTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "docker-interop")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    @Test("dockyard save (docker format) loads into Docker, and the image runs there with the same result")
    func dockerLoadsOurArchive() throws {
        let archive = directory.appending("busybox.tar")
        #expect(try dockyard.run(["run", "--rm", "busybox", "true"]).status == 0)
        #expect(try dockyard.run(["tag", "busybox", "dockyard-interop/busybox:test"]).status == 0)
        #expect(try dockyard.run(["save", "-o", archive, "dockyard-interop/busybox:test"]).status == 0)
        defer { _ = try? DockerEngine.run(["rmi", "-f", "dockyard-interop/busybox:test"]) }
        let loaded = try DockerEngine.run(["load", "-i", archive])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(String(decoding: loaded.stdout, as: UTF8.self).contains("Loaded image: dockyard-interop/busybox:test"))
        let ran = try DockerEngine.run(["run", "--rm", "--network", "none", "dockyard-interop/busybox:test", "echo", "hi"])
        #expect(String(decoding: ran.stdout, as: UTF8.self) == "hi\n", "\(ran.stderr)")
        let ours = try dockyard.run(["run", "--rm", "dockyard-interop/busybox:test", "echo", "hi"])
        #expect(ours.stdout == "hi\n")
    }

    @Test("an image saved by docker save loads into Dockyard and runs")
    func weLoadDockerArchive() throws {
        let images = String(decoding: try DockerEngine.run(["images", "-q", "busybox:latest"]).stdout, as: UTF8.self)
        let available = try !images.isEmpty || DockerEngine.run(["pull", "busybox:latest"]).status == 0
        try #require(available, "busybox:latest is not in the engine and cannot be pulled (offline?)")
        let archive = directory.appending("docker-busybox.tar")
        #expect(try DockerEngine.run(["save", "-o", archive, "busybox:latest"]).status == 0)
        let loaded = try dockyard.run(["load", "-i", archive])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout.contains("Loaded image: busybox:latest"))
        let run = try dockyard.run(["run", "--rm", "busybox", "echo", "hi"])
        #expect(run.stdout == "hi\n", "\(run.stderr)")
    }
}

/// Docker's own client against what Dockyard pushes, and Dockyard against what Docker pushes,
/// through a registry on 127.0.0.1 (which Docker treats as insecure by default). Skipped, saying
/// so, where no Docker engine answers (there is none on the project's CI machines).
@Suite("Docker pulls what Dockyard pushes, and the other way",
       .enabled(if: DockerEngine.isAvailable && Privileges.canRunContainers, "needs a Docker engine (docker info) and root"),
       .enabled(if: TestRegistry.unavailableReason == nil, "\(TestRegistry.unavailableReason ?? "")"))
struct DockerRegistryInteropTests {
    @Test("dockyard push → docker pull → docker run; docker push → dockyard pull → dockyard run")
    func bothWays() throws {
        try withTestRegistry(.plain) { registry in
            let directory = try TemporaryDirectory(prefix: "docker-registry-interop")
            let dockyard = DockyardProcess(root: directory.appending("root"))
            try directory.write("context/Dockerfile", "FROM busybox\nRUN echo from dockyard > /origin\nCMD [\"cat\", \"/origin\"]\n")
            let tag = "\(registry.host)/interop/from-dockyard:v1"
            #expect(try dockyard.run(["build", "-q", "-t", tag, directory.appending("context")]).status == 0)
            #expect(try dockyard.run(["push", tag]).status == 0)
            #expect(try DockerEngine.run(["pull", tag]).status == 0)
            let ran = try DockerEngine.run(["run", "--rm", tag])
            #expect(String(decoding: ran.stdout, as: UTF8.self) == "from dockyard\n", "\(ran.stderr)")

            let back = "\(registry.host)/interop/from-docker:v1"
            #expect(try DockerEngine.run(["tag", tag, back]).status == 0)
            #expect(try DockerEngine.run(["push", back]).status == 0)
            _ = try? DockerEngine.run(["rmi", tag, back])
            let pulled = try DockyardProcess(root: directory.appending("other")).run(["run", "--rm", back])
            #expect(pulled.stdout == "from dockyard\n", "\(pulled.stderr)")
        }
    }
}
