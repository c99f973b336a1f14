import Foundation
import Testing
import TestSupport
@testable import Lessons

/// Lesson 13's `in-registry` check against a real registry (Debian's docker-registry on
/// 127.0.0.1) and scripts/registry-fault-proxy in front of it: busybox pushed through the proxy
/// passes only when every byte the registry serves hashes to its digest and the manifest is the
/// one the push recorded. A corrupted layer, a manifest whose bytes are not the digest the
/// registry names or not the pushed one, and a missing blob each fail, naming the object, in
/// English and in Korean.
@Suite("in-registry proves the manifest and every blob, not the registry's word",
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox to run real containers"),
       .enabled(if: TestRegistry.unavailableReason == nil, "\(TestRegistry.unavailableReason ?? "")"))
struct InRegistryProofTests {
    /// What the registry really holds for the pushed tag, read from it with curl.
    struct Served {
        var manifest: String
        var config: String
        var layer: String
    }

    /// The check's verdict after busybox was pushed as `lesson-base:v1` through a proxy with
    /// `faults` (or straight to the registry, the proxy only answering the check, when
    /// `pushedElsewhere`), in English and in Korean, with what the registry holds.
    static func verdict(faults: [String], pushedElsewhere: Bool = false) throws -> (en: CheckResult, ko: CheckResult, served: Served) {
        try withTestRegistry(.plain) { registry in
            let world = try ExerciseWorld()
            defer { world.removeAll() }
            let proxy = try RegistryFaultProxy(for: registry, faults: faults)
            let runner = ProcessRunner()
            let environment = world.context.stepEnvironment
            func dockyard(_ arguments: [String]) throws {
                let output = runner.run([world.context.dockyard] + arguments, environment: environment)
                try #require(output.status == 0, "dockyard \(arguments.joined(separator: " ")): \(output.stderr)")
            }
            // busybox is made on its first use.
            try dockyard(["run", "--rm", "--network", "none", "busybox", "true"])
            let pushTo = (pushedElsewhere ? registry.host : proxy.host) + "/lesson-base:v1"
            try dockyard(["tag", "busybox", pushTo])
            try dockyard(["push", pushTo])

            let served = try Self.served(registry)
            let tag = try #require(RegistryTag("\(proxy.host)/lesson-base:v1"))
            let english = ExerciseChecker(context: world.context, text: UIText(language: "en")).judge([.inRegistry(tag, image: "busybox")], answer: nil)
            let korean = ExerciseChecker(context: world.context, text: UIText(language: "ko")).judge([.inRegistry(tag, image: "busybox")], answer: nil)
            return (try #require(english.first), try #require(korean.first), served)
        }
    }

    /// The manifest digest, config and first layer of `lesson-base:v1` as the registry stores them.
    static func served(_ registry: TestRegistry) throws -> Served {
        let accept = "Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json"
        let response = try HTTPProbe.get(registry.baseURL + "/v2/lesson-base/manifests/v1", headers: [accept])
        try #require(response.status == 200, "GET manifest: \(response.status) \(response.body)")
        struct Manifest: Decodable {
            struct Descriptor: Decodable { var digest: String }
            var config: Descriptor
            var layers: [Descriptor]
        }
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(response.body.utf8))
        return Served(manifest: try #require(response.headers["docker-content-digest"]), config: manifest.config.digest,
                      layer: try #require(manifest.layers.first?.digest))
    }

    @Test("a good push passes: the manifest the push recorded, busybox's config and its layer, each hashed")
    func goodPush() throws {
        let (english, korean, served) = try Self.verdict(faults: [])
        #expect(english.verdict == .passed, "\(english.message)")
        #expect(english.message.contains(UIText.shortID(served.manifest)) && english.message.contains("hashed"), "\(english.message)")
        #expect(korean.verdict == .passed)
        #expect(korean.message.contains("해시로 확인했습니다"), "\(korean.message)")
    }

    @Test("a layer whose bytes do not match its digest fails, naming that layer")
    func corruptedLayer() throws {
        let (english, korean, served) = try Self.verdict(faults: ["corrupt-blob:10"])
        #expect(english.verdict == .failed)
        #expect(english.message.contains("layer \(served.layer)") && english.message.contains("do not match its digest"), "\(english.message)")
        #expect(korean.verdict == .failed)
        #expect(korean.message.contains("레이어 \(served.layer) 바이트가 그 다이제스트나 크기와 맞지 않습니다"), "\(korean.message)")
    }

    @Test("a manifest whose bytes do not hash to the digest the registry names fails, naming the manifest")
    func lyingManifest() throws {
        let (english, korean, _) = try Self.verdict(faults: ["wrong-digest:10"])
        #expect(english.verdict == .failed)
        #expect(english.message.contains("the bytes of lesson-base:v1's manifest do not hash to the digest the registry names"), "\(english.message)")
        #expect(korean.verdict == .failed)
        #expect(korean.message.contains("manifest 바이트가 레지스트리가 밝힌 다이제스트와 맞지 않습니다"), "\(korean.message)")
    }

    @Test("a manifest with other bytes than the push recorded fails, from a registry that names no digest")
    func changedManifest() throws {
        let (english, korean, served) = try Self.verdict(faults: ["changed-manifest:10"])
        #expect(english.verdict == .failed)
        #expect(english.message.contains("not the one busybox's push recorded (\(UIText.shortID(served.manifest)))"), "\(english.message)")
        #expect(korean.verdict == .failed)
        #expect(korean.message.contains("push할 때 기록된 manifest(\(UIText.shortID(served.manifest)))가 아닙니다"), "\(korean.message)")
    }

    @Test("a blob the registry does not have fails, naming that blob")
    func missingBlob() throws {
        // The config is the first blob fetched: the 404 lands on it.
        let (english, korean, served) = try Self.verdict(faults: ["status-blob:404:10"])
        #expect(english.verdict == .failed)
        #expect(english.message.contains("not the config \(served.config) it names"), "\(english.message)")
        #expect(korean.verdict == .failed)
        #expect(korean.message.contains("config \(served.config)은(는) 없습니다"), "\(korean.message)")
    }

    @Test("a registry serving the right image fails when busybox has no record of a push there")
    func notPushedByTheLearner() throws {
        let (english, korean, _) = try Self.verdict(faults: [], pushedElsewhere: true)
        #expect(english.verdict == .failed)
        #expect(english.message.contains("has no record of a push to"), "\(english.message)")
        #expect(korean.verdict == .failed)
        #expect(korean.message.contains("push한 기록이 없습니다"), "\(korean.message)")
    }

    /// The review's case: a "registry" in a container that answers the manifest with busybox's
    /// config digest and serves no blob. The check used to read the digest and pass.
    @Test("a fake registry in a container that names busybox's config but serves no blob fails, naming the config")
    func fakeRegistryInAContainer() throws {
        let world = try ExerciseWorld()
        defer { world.removeAll() }
        let runner = ProcessRunner()
        let environment = world.context.stepEnvironment
        #expect(runner.run([world.context.dockyard, "run", "--rm", "--network", "none", "busybox", "true"], environment: environment).status == 0)
        let id = runner.run([world.context.dockyard, "image", "inspect", "-f", "{{.Id}}", "busybox"], environment: environment).stdout.trimmed
        let manifest = #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","#
            + #""config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\#(id)","size":600},"#
            + #""layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:\#(String(repeating: "ab", count: 32))","size":1000}]}"#
        let port = try LoopbackPort.free()
        let started = runner.run([world.context.dockyard, "run", "-d", "--name", "lesson-fake", "-p", "\(port):80", "busybox", "sh", "-c",
                                  "mkdir -p /www/v2/lesson-fake/manifests && echo {} > /www/v2/index.html && "
                                  + "printf '%s' \"$0\" > /www/v2/lesson-fake/manifests/v1 && exec httpd -f -p 80 -h /www", manifest],
                                 environment: environment)
        #expect(started.status == 0, "\(started.stderr)")
        let tag = try #require(RegistryTag("127.0.0.1:\(port)/lesson-fake:v1"))
        let checker = ExerciseChecker(context: world.context, text: UIText(language: "en"))
        var result = checker.judge([.inRegistry(tag, image: "busybox")], answer: nil).first
        let deadline = ContinuousClock.now + .seconds(5)
        while result?.message.contains("no registry answers") == true, ContinuousClock.now < deadline {
            usleep(200_000)
            result = checker.judge([.inRegistry(tag, image: "busybox")], answer: nil).first
        }
        #expect(result?.verdict == .failed)
        #expect(result?.message.contains("not the config \(id) it names") == true, "\(result?.message ?? "")")
    }
}

/// What a registry says is not trusted: its error text reaches the learner's terminal only in
/// visible form, and a digest that is not Docker's form is not shown at all.
@Suite("in-registry verdicts show a registry's words safely")
struct InRegistryVerdictTextTests {
    @Test("escape sequences in the registry's error text and a forged digest are not printed as they came")
    func hostileDetail() throws {
        let tag = try #require(RegistryTag("127.0.0.1:5013/lesson-base:v1"))
        let failure = RegistryProof.Failure(object: .layer, digest: "sha256:\u{1B}[2J", reason: .mismatch,
                                            detail: "blob \u{1B}]52;c;cm0gLXJmIC8=\u{07} hashes to something else")
        for language in ["en", "ko"] {
            let message = UIText(language: language).registryFailed(tag, failure)
            #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(message)")
            #expect(message.contains("^[]52;c;"), "\(message)")
            #expect(message.contains(language == "en" ? "layer ?" : "레이어 ?"), "\(message)")
        }
    }
}
