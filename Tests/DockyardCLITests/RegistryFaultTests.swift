import Foundation
import Testing
import TestSupport

/// A registry that misbehaves (scripts/registry-fault-proxy in front of a real one): a pull
/// resumes a broken download, waits out 429 and 503, follows a redirect without credentials, and
/// refuses — keeping nothing — a corrupted blob, an oversized or misnamed manifest and a layer
/// that climbs out of its directory. A pull killed midway leaves no image.
@Suite("pull from a registry that misbehaves",
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"),
       .enabled(if: TestRegistry.unavailableReason == nil, "\(TestRegistry.unavailableReason ?? "")"),
       .enabled(if: TestRegistry.skopeoUnavailableReason == nil, "\(TestRegistry.skopeoUnavailableReason ?? "")"))
struct RegistryFaultTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory(prefix: "registry-faults")
    }

    func dockyard(_ name: String) -> DockyardProcess {
        DockyardProcess(root: directory.appending("root-" + name),
                        environment: ["DOCKER_CONFIG": directory.appending("docker-config"),
                                      "XDG_CONFIG_HOME": directory.appending("xdg")])
    }

    /// An image whose one layer is 3 MB of random bytes (gzip cannot shrink it), pushed by skopeo.
    func seedLarge(_ registry: TestRegistry, _ repository: String) throws {
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<(3 << 20)).map { _ in UInt8.random(in: 0...255, using: &random) }
        let layer = ImageArchiveFixture.layer { $0.add("data.bin", .file(bytes)) }
        let layout = try ImageArchiveFixture.ociLayoutDirectory(layers: [(layer, gzip: true)], refName: "latest",
                                                                in: try registry.makeScratchDirectory("large"))
        try registry.push(ociLayout: layout, to: repository + ":latest")
    }

    /// Nothing of a refused pull is left: no tag, no layer directory, no temporary file.
    func expectNothingKept(_ store: DockyardProcess) throws {
        #expect(try store.run(["images", "-q"]).stdout.isEmpty)
        let blobs = (try? FileManager.default.contentsOfDirectory(atPath: store.root + "/image/blobs/sha256")) ?? []
        #expect(blobs.isEmpty, "blobs left: \(blobs)")
        let layers = (try? FileManager.default.contentsOfDirectory(atPath: store.root + "/layers")) ?? []
        #expect(layers.isEmpty, "layers left: \(layers)")
    }

    @Test("A download cut twice resumes with Range; 429 and 503 are waited out; the image is whole")
    func resumeAndRetry() throws {
        try withTestRegistry(.plain) { registry in
            try seedLarge(registry, "big/data")
            let proxy = try RegistryFaultProxy(for: registry, faults: ["cut-blob:2", "status-blob:429", "status-blob:503"])
            let store = dockyard("resume")
            let pull = try store.run(["pull", "\(proxy.host)/big/data"])
            #expect(pull.status == 0, "\(pull.stderr)")
            let requests = try proxy.requests()
            #expect(requests.contains { $0.range?.hasPrefix("bytes=") == true && $0.status == 206 }, "no resumed request")
            #expect(requests.contains { $0.status == 429 } && requests.contains { $0.status == 503 })
            // The image has no shell, only its data: the unpacked layer directory has all of it.
            let layers = try FileManager.default.contentsOfDirectory(atPath: store.root + "/layers").filter { !$0.hasPrefix(".") }
            #expect(layers.count == 1)
            let attributes = try FileManager.default.attributesOfItem(atPath: store.root + "/layers/" + layers[0] + "/data.bin")
            #expect((attributes[.size] as? NSNumber)?.intValue == 3 << 20)
        }
    }

    @Test("A redirect to another host is followed without the registry's Authorization")
    func redirectDropsCredentials() throws {
        try withTestRegistry(.token(publicRepositories: ["public/data"])) { registry in
            try seedLarge(registry, "public/data")
            let proxy = try RegistryFaultProxy(for: registry, faults: ["redirect-blob:3"])
            let store = dockyard("redirect")
            let pull = try store.run(["pull", "\(proxy.host)/public/data"])
            #expect(pull.status == 0, "\(pull.stderr)")
            let requests = try proxy.requests()
            let redirected = requests.filter { $0.redirected == true }
            #expect(!redirected.isEmpty)
            #expect(redirected.allSatisfy { !$0.authorization }, "credentials crossed a redirect")
            #expect(requests.contains { $0.status == 307 && $0.authorization })
        }
    }

    @Test("An upload Location on another host gets the blob but not the registry's credentials")
    func uploadElsewhereGetsNoCredentials() throws {
        try withTestRegistry(.token()) { registry in
            let credentials = try #require(registry.credentials)
            let proxy = try RegistryFaultProxy(for: registry, faults: ["upload-elsewhere:10"])
            let store = dockyard("upload-elsewhere")
            let login = try store.run(["login", "-u", credentials.username, "--password-stdin", proxy.host], input: credentials.password)
            #expect(login.status == 0, "\(login.stderr)")
            #expect(try store.run(["run", "--rm", "busybox", "true"]).status == 0)
            #expect(try store.run(["tag", "busybox", "\(proxy.host)/team/tools:v1"]).status == 0)
            let push = try store.run(["push", "\(proxy.host)/team/tools:v1"])
            #expect(push.status == 0, "\(push.stderr)")
            let moved = try proxy.requests().filter { $0.redirected == true }
            #expect(!moved.isEmpty, "no upload went to the other host")
            #expect(moved.allSatisfy { !$0.authorization }, "credentials went with an upload to another host")
        }
    }

    @Test("http_proxy is honoured (libcurl reads it), and NO_PROXY bypasses it")
    func proxyEnvironment() throws {
        try withTestRegistry(.plain) { registry in
            _ = try registry.seed("via/proxy:latest")
            let proxy = try RegistryFaultProxy(for: registry, faults: [])
            var store = dockyard("proxy")
            store.environment["http_proxy"] = "http://\(proxy.host)"
            store.environment["NO_PROXY"] = ""
            store.environment["no_proxy"] = ""
            let pulled = try store.run(["pull", "\(registry.host)/via/proxy"])
            #expect(pulled.status == 0, "\(pulled.stderr)")
            #expect(try proxy.requests().contains { $0.proxied == true && $0.path.hasSuffix("/manifests/latest") })

            let before = try proxy.requests().count
            store.environment["NO_PROXY"] = "127.0.0.1"
            #expect(try store.run(["pull", "\(registry.host)/via/proxy"]).status == 0)
            #expect(try proxy.requests().count == before, "NO_PROXY was not honoured")
        }
    }

    @Test("Refused and nothing kept: a corrupted layer, a 5 MiB manifest, a manifest whose digest header lies",
          arguments: [("corrupt-blob", "hashes to"), ("huge-manifest", "too large"), ("wrong-digest", "but the registry says")])
    func refusals(fault: String, message: String) throws {
        try withTestRegistry(.plain) { registry in
            try seedLarge(registry, "big/data")
            let proxy = try RegistryFaultProxy(for: registry, faults: [fault])
            let store = dockyard(fault)
            let pull = try store.run(["pull", "\(proxy.host)/big/data"])
            #expect(pull.status == 1)
            #expect(pull.stderr.contains(message), "\(pull.stderr)")
            try expectNothingKept(store)
        }
    }

    @Test("A layer with ../ in a path is refused by load's validator, and nothing is kept")
    func unsafeLayer() throws {
        try withTestRegistry(.plain) { registry in
            let layer = ImageArchiveFixture.layer { $0.add("../escaped", .file(Array("out\n".utf8))) }
            let layout = try ImageArchiveFixture.ociLayoutDirectory(layers: [(layer, gzip: true)], refName: "latest",
                                                                    in: try registry.makeScratchDirectory("unsafe"))
            try registry.push(ociLayout: layout, to: "evil/escape:latest")
            let store = dockyard("unsafe")
            let pull = try store.run(["pull", "\(registry.host)/evil/escape"])
            #expect(pull.status == 1)
            #expect(pull.stderr.contains(".."), "\(pull.stderr)")
            try expectNothingKept(store)
            #expect(!FileManager.default.fileExists(atPath: store.root + "/escaped"))
            #expect(!FileManager.default.fileExists(atPath: store.root + "/layers/escaped"))
        }
    }

    @Test("A pull killed midway (SIGKILL) leaves no image; the next pull completes and cleans up")
    func killedPull() throws {
        try withTestRegistry(.plain) { registry in
            try seedLarge(registry, "big/data")
            let proxy = try RegistryFaultProxy(for: registry, faults: ["slow-blob"])
            let store = dockyard("killed")
            let process = try store.start(["pull", "\(proxy.host)/big/data"])
            // Kill it once the layer is on its way (the slow blob takes ~5 s).
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, try !proxy.requests().contains(where: { $0.path.contains("/blobs/") && $0.status == 200 && $0.method == "GET" }) {
                usleep(50_000)
            }
            usleep(300_000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(try store.run(["images", "-q"]).stdout.isEmpty)

            let again = try store.run(["pull", "\(proxy.host)/big/data"])
            #expect(again.status == 0, "\(again.stderr)")
            let temporaries = (try FileManager.default.contentsOfDirectory(atPath: store.root + "/image/blobs/sha256"))
                .filter { $0.hasPrefix(".tmp-") }
            #expect(temporaries.isEmpty, "left behind: \(temporaries)")
        }
    }
}
