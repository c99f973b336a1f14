import Foundation
import Testing
import TestSupport

/// Pull and push through real registries on 127.0.0.1 (Debian's docker-registry), with the real
/// binary: an image built here travels to a registry and back into an empty store, runs, and
/// keeps its digests; skopeo reads what Dockyard pushed, Dockyard pulls what skopeo pushed.
@Suite("pull and push through a real registry",
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"),
       .enabled(if: TestRegistry.unavailableReason == nil, "\(TestRegistry.unavailableReason ?? "")"),
       .enabled(if: TestRegistry.skopeoUnavailableReason == nil, "\(TestRegistry.skopeoUnavailableReason ?? "")"))
struct RegistryTransferTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory(prefix: "registry-cli")
    }

    /// A store of its own, with Docker's config and certs.d in the test's directory.
    func dockyard(_ name: String, registry: TestRegistry? = nil) -> DockyardProcess {
        var environment = ["DOCKER_CONFIG": directory.appending("docker-config-" + name),
                           "XDG_CONFIG_HOME": directory.appending("xdg-" + name)]
        if let registry, let certificates = registry.certificateDirectory {
            // certs.d/HOST:PORT/ca.crt, where Docker (and Dockyard) look for a registry's CA.
            let target = directory.appending("xdg-" + name) + "/docker/certs.d/" + registry.host
            try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            try? FileManager.default.copyItem(atPath: certificates + "/ca.crt", toPath: target + "/ca.crt")
        }
        environment["HOME"] = directory.appending("home-" + name)
        return DockyardProcess(root: directory.appending("root-" + name), environment: environment)
    }

    /// Builds `tag` FROM busybox with a file, a deleted directory (a whiteout) and a CMD.
    func buildImage(_ dockyard: DockyardProcess, tag: String) throws {
        try directory.write("context/Dockerfile", """
            FROM busybox
            RUN echo travelled > /greeting && rm -rf /usr/sbin
            CMD ["cat", "/greeting"]
            """)
        let built = try dockyard.run(["build", "-q", "-t", tag, directory.appending("context")])
        #expect(built.status == 0, "\(built.stderr)")
    }

    @Test("An image built here is pushed, pulled by digest into an empty store, and runs with its whiteout")
    func roundTrip() throws {
        try withTestRegistry(.plain) { registry in
            let source = dockyard("source"), target = dockyard("target")
            let tag = "\(registry.host)/team/app:v1"
            try buildImage(source, tag: tag)

            let push = try source.run(["push", tag])
            #expect(push.status == 0, "\(push.stderr)")
            #expect(push.stdout.contains("The push refers to repository [\(registry.host)/team/app]"))
            #expect(push.stdout.contains(": Pushed"))
            let digest = try #require(push.stdout.split(separator: "\n").last { $0.hasPrefix("v1: digest: ") }?
                .split(separator: " ")[2]).description

            // skopeo reads what was pushed: gzip layers, the digest Dockyard printed.
            let inspected = try registry.skopeo(["inspect", "--raw"] + registry.skopeoFlags("", as: .anonymous) + ["docker://\(tag)"])
            #expect(inspected.status == 0, "\(inspected.stderr)")
            #expect(String(decoding: inspected.stdout, as: UTF8.self).contains("application/vnd.oci.image.layer.v1.tar+gzip"))

            // Pushing again sends nothing; pushing to another repository mounts.
            let again = try source.run(["push", tag])
            #expect(again.stdout.contains("Layer already exists") && !again.stdout.contains(": Pushed"), "\(again.stdout)")
            #expect(again.stdout.contains("v1: digest: \(digest)"))
            #expect(try source.run(["tag", tag, "\(registry.host)/team/copy:v1"]).status == 0)
            let mounted = try source.run(["push", "\(registry.host)/team/copy:v1"])
            #expect(mounted.stdout.contains("Mounted from team/app"), "\(mounted.stdout)")

            let pull = try target.run(["pull", "\(registry.host)/team/app@\(digest)"])
            #expect(pull.status == 0, "\(pull.stderr)")
            #expect(pull.stdout.contains("Digest: \(digest)"))
            #expect(pull.stdout.contains("Pull complete"))
            let run = try target.run(["run", "--rm", "\(registry.host)/team/app@\(digest)"])
            #expect(run.stdout == "travelled\n", "\(run.stderr)")
            let whiteout = try target.run(["run", "--rm", "\(registry.host)/team/app@\(digest)", "ls", "/usr/sbin"])
            #expect(whiteout.status != 0)

            let images = try target.run(["images", "--digests"])
            #expect(images.stdout.contains("\(registry.host)/team/app") && images.stdout.contains(digest), "\(images.stdout)")
            let inspect = try target.run(["image", "inspect", "\(registry.host)/team/app@\(digest)"])
            #expect(inspect.stdout.contains("\"\(registry.host)/team/app@\(digest)\""))
        }
    }

    @Test("An image skopeo pushed is pulled and run; pushed back unchanged, it keeps its manifest digest")
    func pulledImageKeepsDigests() throws {
        try withTestRegistry(.plain) { registry in
            let seeded = try registry.seed("seeded/hello:latest", content: "seeded by skopeo\n")
            let store = dockyard("store")
            let pull = try store.run(["pull", "\(registry.host)/seeded/hello"])
            #expect(pull.status == 0, "\(pull.stderr)")
            #expect(pull.stdout.hasPrefix("Using default tag: latest\nlatest: Pulling from seeded/hello\n"), "\(pull.stdout)")
            #expect(pull.stdout.hasSuffix("\(registry.host)/seeded/hello:latest\n"))
            let cat = try store.run(["run", "--rm", "\(registry.host)/seeded/hello", "cat", "/hello.txt"])
            #expect(cat.status != 0 || cat.stdout == "seeded by skopeo\n")   // no shell in this image: the file is what matters
            let again = try store.run(["pull", "\(registry.host)/seeded/hello"])
            #expect(again.stdout.contains("Status: Image is up to date for \(registry.host)/seeded/hello:latest"))

            #expect(try store.run(["tag", "\(registry.host)/seeded/hello", "\(registry.host)/other/hello:v2"]).status == 0)
            let push = try store.run(["push", "\(registry.host)/other/hello:v2"])
            #expect(push.status == 0, "\(push.stderr)")
            #expect(push.stdout.contains("v2: digest: \(seeded.manifestDigest)"), "\(push.stdout)")
        }
    }

    @Test("A zstd-compressed layer (OCI's tar+zstd) is pulled, its diff_id checked after decompression, and run",
          .enabled(if: HostTools.executable("zstd") != nil, "needs the zstd program (Debian's zstd) to make the layer"))
    func zstdLayer() throws {
        try withTestRegistry(.plain) { registry in
            let tar = try ImageArchiveFixture.busyboxLayer(applets: ["sh", "cat"])
            let compressed = try HostProcess.run(try #require(HostTools.executable("zstd")), ["-q", "-c"], input: tar)
            #expect(compressed.status == 0, "\(compressed.stderr)")
            let layout = try registry.makeScratchDirectory("zstd")
            var blobs: [String: [UInt8]] = [:]
            let layerDigest = try ImageArchiveFixture.digest(compressed.stdout)
            blobs[layerDigest] = compressed.stdout
            let config = try ImageArchiveFixture.config(diffIDs: [try ImageArchiveFixture.digest(tar)], cmd: ["cat", "/etc/os-release"])
            let configDigest = try ImageArchiveFixture.digest(config)
            blobs[configDigest] = config
            let manifest = Array(try JSONSerialization.data(withJSONObject: [
                "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": ["mediaType": "application/vnd.oci.image.config.v1+json", "digest": configDigest, "size": config.count],
                "layers": [["mediaType": "application/vnd.oci.image.layer.v1.tar+zstd", "digest": layerDigest, "size": compressed.stdout.count]],
            ] as [String: Any], options: [.sortedKeys]))
            let manifestDigest = try ImageArchiveFixture.digest(manifest)
            blobs[manifestDigest] = manifest
            try FileManager.default.createDirectory(atPath: layout + "/blobs/sha256", withIntermediateDirectories: true)
            for (digest, bytes) in blobs {
                try Data(bytes).write(to: URL(fileURLWithPath: layout + "/blobs/sha256/" + digest.dropFirst(7)))
            }
            try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: URL(fileURLWithPath: layout + "/oci-layout"))
            try Data(JSONSerialization.data(withJSONObject: ["schemaVersion": 2, "manifests": [[
                "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifestDigest, "size": manifest.count,
                "annotations": ["org.opencontainers.image.ref.name": "latest"]]]] as [String: Any]))
                .write(to: URL(fileURLWithPath: layout + "/index.json"))
            try registry.push(ociLayout: layout, to: "zstd/busybox:latest")

            let store = dockyard("zstd")
            let run = try store.run(["run", "--rm", "\(registry.host)/zstd/busybox", "sh", "-c", "echo zstd layer runs"])
            #expect(run.stdout == "zstd layer runs\n", "\(run.stderr)")
        }
    }

    @Test("pull -a takes every tag of a repository; a tag with -a is refused")
    func allTags() throws {
        try withTestRegistry(.plain) { registry in
            _ = try registry.seed("many/tags:one", content: "one\n")
            _ = try registry.seed("many/tags:two", content: "two\n")
            let store = dockyard("all-tags")
            let pull = try store.run(["pull", "-a", "\(registry.host)/many/tags"])
            #expect(pull.status == 0, "\(pull.stderr)")
            let images = try store.run(["images", "--format", "{{.Tag}}"])
            #expect(images.stdout.split(separator: "\n").sorted() == ["one", "two"], "\(images.stdout)")
            let refused = try store.run(["pull", "-a", "\(registry.host)/many/tags:one"])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("tag can't be used with --all-tags/-a"))
        }
    }

    @Test("A pulled uncompressed layer is pushed back as it came (not recompressed), so the digest stays")
    func pulledUncompressedLayerKeepsDigest() throws {
        try withTestRegistry(.plain) { registry in
            let layer = ImageArchiveFixture.layer { $0.add("plain.txt", .file(Array("never gzipped\n".utf8))) }
            let layout = try ImageArchiveFixture.ociLayoutDirectory(layers: [(layer, gzip: false)], refName: "latest",
                                                                    in: try registry.makeScratchDirectory("plain"))
            let digest = try registry.push(ociLayout: layout, to: "plain/layer:latest")
            let store = dockyard("plain-layer")
            #expect(try store.run(["pull", "\(registry.host)/plain/layer"]).status == 0)
            #expect(try store.run(["tag", "\(registry.host)/plain/layer", "\(registry.host)/plain/again:v1"]).status == 0)
            let push = try store.run(["push", "\(registry.host)/plain/again:v1"])
            #expect(push.status == 0, "\(push.stderr)")
            #expect(push.stdout.contains("v1: digest: \(digest)"), "\(push.stdout)")
        }
    }

    @Test("Errors in Docker's words: no such tag, no such repository, no such local image; --pull never")
    func errors() throws {
        try withTestRegistry(.plain) { registry in
            let store = dockyard("errors")
            let tag = try store.run(["pull", "\(registry.host)/nothing/here:v9"])
            #expect(tag.status == 1)
            #expect(tag.stderr.contains("Error response from daemon: manifest for \(registry.host)/nothing/here:v9 not found: manifest unknown"), "\(tag.stderr)")
            let run = try store.run(["run", "--rm", "\(registry.host)/nothing/here:v9"])
            #expect(run.status == 125)
            #expect(run.stderr.contains("Unable to find image '\(registry.host)/nothing/here:v9' locally"))
            let never = try store.run(["run", "--rm", "--pull", "never", "\(registry.host)/nothing/here:v9"])
            #expect(never.status == 125 && !never.stderr.contains("Pulling from"))
            let push = try store.run(["push", "\(registry.host)/not/built:v1"])
            #expect(push.status == 1)
            #expect(push.stderr.contains("An image does not exist locally with the tag: \(registry.host)/not/built"))
            let platform = try store.run(["pull", "--platform", "linux", "\(registry.host)/x"])
            #expect(platform.status == 1)
        }
    }

    @Test("TLS with the registry's CA in certs.d and htpasswd: refused without login, wrong password refused, login kept in config.json")
    func tlsAndBasicAuth() throws {
        try withTestRegistry(.tlsWithBasicAuth) { registry in
            let credentials = try #require(registry.credentials)
            _ = try registry.seed("private/app:latest")
            let noCA = dockyard("no-ca")
            let untrusted = try noCA.run(["pull", "\(registry.host)/private/app"])
            #expect(untrusted.status == 1)
            #expect(untrusted.stderr.contains("certs.d/\(registry.host)/ca.crt"), "\(untrusted.stderr)")

            let store = dockyard("tls", registry: registry)
            let anonymous = try store.run(["pull", "\(registry.host)/private/app"])
            #expect(anonymous.status == 1)
            #expect(anonymous.stderr.contains("pull access denied for \(registry.host)/private/app"), "\(anonymous.stderr)")

            let wrong = try store.run(["login", "-u", credentials.username, "-p", "not-" + credentials.password, registry.host])
            #expect(wrong.status == 1)
            #expect(wrong.stderr.contains("unauthorized"), "\(wrong.stderr)")
            let login = try store.run(["login", "-u", credentials.username, "-p", credentials.password, registry.host])
            #expect(login.status == 0, "\(login.stderr)")
            #expect(login.stdout.contains("Login Succeeded"))
            let config = try TestFiles.readText(directory.appending("docker-config-tls") + "/config.json")
            #expect(config.contains(Data("\(credentials.username):\(credentials.password)".utf8).base64EncodedString()))

            let pull = try store.run(["pull", "--explain", "\(registry.host)/private/app"])
            #expect(pull.status == 0, "\(pull.stderr)")
            #expect(pull.stderr.contains("GET https://\(registry.host)/v2/ -> 401"))
            #expect(pull.stderr.contains("(HTTP/2"))
            #expect(try store.run(["logout", registry.host]).stdout.contains("Removing login credentials for \(registry.host)"))
            #expect(try store.run(["pull", "\(registry.host)/private/app:other"]).status == 1)
        }
    }

    @Test("Token auth as Docker Hub does it: anonymous pulls of public repositories, scopes per verb, mount scope on push")
    func tokenAuth() throws {
        try withTestRegistry(.token(publicRepositories: ["library/demo"])) { registry in
            let credentials = try #require(registry.credentials)
            _ = try registry.seed("library/demo:latest")
            _ = try registry.seed("team/private:latest")
            let store = dockyard("token")

            let anonymous = try store.run(["pull", "--explain", "\(registry.host)/library/demo"])
            #expect(anonymous.status == 0, "\(anonymous.stderr)")
            #expect(anonymous.stderr.contains("granted a token for \(RegistryTokenService.service), scope repository:library/demo:pull"))
            let refused = try store.run(["pull", "\(registry.host)/team/private"])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("pull access denied for \(registry.host)/team/private"), "\(refused.stderr)")

            let login = try store.run(["login", "-u", credentials.username, "--password-stdin", registry.host], input: credentials.password + "\n")
            #expect(login.status == 0, "\(login.stderr)")
            // The login asked for an offline token: the refresh token is kept as Docker keeps it,
            // and later tokens come by the OAuth2 refresh grant, without the password.
            let config = try TestFiles.readText(directory.appending("docker-config-token") + "/config.json")
            #expect(config.contains("identitytoken"), "\(config)")
            #expect(!config.contains(Data("\(credentials.username):\(credentials.password)".utf8).base64EncodedString()))
            #expect(try store.run(["pull", "\(registry.host)/team/private"]).status == 0)
            #expect(try registry.tokenLog().contains { $0.grantType == "refresh_token" && $0.method == "POST" })
            #expect(try store.run(["tag", "\(registry.host)/team/private", "\(registry.host)/team/copy:v1"]).status == 0)
            let push = try store.run(["push", "\(registry.host)/team/copy:v1"])
            #expect(push.status == 0, "\(push.stderr)")
            #expect(push.stdout.contains("Mounted from team/private"), "\(push.stdout)")

            let scopes = try registry.tokenLog().map { $0.scopes.sorted() }
            #expect(scopes.contains(["repository:library/demo:pull"]))
            #expect(scopes.contains(["repository:team/private:pull"]))
            #expect(scopes.contains(["repository:team/copy:pull,push", "repository:team/private:pull"]), "\(scopes)")
            // Credentials went to the token service only with Basic over a loopback realm.
            #expect(try registry.tokenLog().contains { $0.user == credentials.username })
        }
    }
}
