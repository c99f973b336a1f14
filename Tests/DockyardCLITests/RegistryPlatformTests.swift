import Foundation
import Testing
import TestSupport

/// A multi-platform image (an OCI index with linux/amd64, linux/arm64 and a BuildKit-style
/// attestation entry, `unknown/unknown`), pushed by skopeo `--all`: `pull` takes the host's
/// manifest, `--platform` another, and a platform the index lacks is an error listing the others.
@Suite("pull from a multi-platform index",
       .enabled(if: Privileges.isRoot, "needs root: the store's layers are unpacked with their owners"),
       .enabled(if: TestRegistry.unavailableReason == nil, "\(TestRegistry.unavailableReason ?? "")"),
       .enabled(if: TestRegistry.skopeoUnavailableReason == nil, "\(TestRegistry.skopeoUnavailableReason ?? "")"))
struct RegistryPlatformTests {
    /// Writes an OCI layout directory whose one tag is an index of one image per architecture.
    static func multiPlatformLayout(in directory: String, architectures: [String]) throws {
        var blobs: [String: [UInt8]] = [:]
        var entries: [[String: Any]] = []
        func add(_ bytes: [UInt8]) throws -> String {
            let digest = try ImageArchiveFixture.digest(bytes)
            blobs[digest] = bytes
            return digest
        }
        for architecture in architectures + ["unknown"] {
            let layer = ImageArchiveFixture.layer { $0.add("arch.txt", .file(Array("\(architecture)\n".utf8))) }
            let layerDigest = try add(layer)
            let config = Array(try JSONSerialization.data(withJSONObject: [
                "architecture": architecture, "os": architecture == "unknown" ? "unknown" : "linux",
                "config": ["Cmd": ["cat", "/arch.txt"]],
                "rootfs": ["type": "layers", "diff_ids": [layerDigest]],
            ] as [String: Any], options: [.sortedKeys]))
            let configDigest = try add(config)
            let manifest = Array(try JSONSerialization.data(withJSONObject: [
                "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": ["mediaType": "application/vnd.oci.image.config.v1+json", "digest": configDigest, "size": config.count],
                "layers": [["mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layerDigest, "size": layer.count]],
            ] as [String: Any], options: [.sortedKeys]))
            entries.append(["mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": try add(manifest),
                            "size": manifest.count,
                            "platform": ["architecture": architecture, "os": architecture == "unknown" ? "unknown" : "linux"]])
        }
        let index = Array(try JSONSerialization.data(withJSONObject: [
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": entries,
        ] as [String: Any], options: [.sortedKeys]))
        let indexDigest = try add(index)
        let top = Array(try JSONSerialization.data(withJSONObject: [
            "schemaVersion": 2, "manifests": [["mediaType": "application/vnd.oci.image.index.v1+json", "digest": indexDigest,
                                               "size": index.count,
                                               "annotations": ["org.opencontainers.image.ref.name": "latest"]]],
        ] as [String: Any], options: [.sortedKeys]))
        try FileManager.default.createDirectory(atPath: directory + "/blobs/sha256", withIntermediateDirectories: true)
        for (digest, bytes) in blobs {
            try Data(bytes).write(to: URL(fileURLWithPath: directory + "/blobs/sha256/" + digest.dropFirst(7)))
        }
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: URL(fileURLWithPath: directory + "/oci-layout"))
        try Data(top).write(to: URL(fileURLWithPath: directory + "/index.json"))
    }

    @Test("The host's platform by default, --platform for another, and a clear error for a missing one")
    func platforms() throws {
        try withTestRegistry(.plain) { registry in
            let layout = try registry.makeScratchDirectory("multi")
            try Self.multiPlatformLayout(in: layout, architectures: ["amd64", "arm64"])
            let copied = try registry.skopeo(["copy", "--all", "--quiet", "--preserve-digests", "--dest-tls-verify=false",
                                              "oci:\(layout):latest", "docker://\(registry.host)/multi/arch:latest"])
            #expect(copied.status == 0, "\(copied.stderr)")

            let directory = try TemporaryDirectory(prefix: "platforms")
            let host = try DockyardProcess(root: directory.appending("host")).run(["pull", "\(registry.host)/multi/arch"])
            #expect(host.status == 0, "\(host.stderr)")
            let hostArchitecture = ImageArchiveFixture.hostArchitecture
            let hostImage = try DockyardProcess(root: directory.appending("host")).run(["image", "inspect", "\(registry.host)/multi/arch"])
            #expect(hostImage.stdout.contains("\"Architecture\" : \"\(hostArchitecture)\""), "\(hostImage.stdout)")

            let other = hostArchitecture == "arm64" ? "amd64" : "arm64"
            let pulled = try DockyardProcess(root: directory.appending("other")).run(["pull", "--platform", "linux/\(other)", "\(registry.host)/multi/arch"])
            #expect(pulled.status == 0, "\(pulled.stderr)")
            let otherImage = try DockyardProcess(root: directory.appending("other")).run(["image", "inspect", "\(registry.host)/multi/arch"])
            #expect(otherImage.stdout.contains("\"Architecture\" : \"\(other)\""))

            let missing = try DockyardProcess(root: directory.appending("missing")).run(["pull", "--platform", "linux/s390x", "\(registry.host)/multi/arch"])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no matching manifest for linux/s390x"), "\(missing.stderr)")
            #expect(missing.stderr.contains("linux/amd64, linux/arm64") && !missing.stderr.contains("unknown/unknown"))
        }
    }

    @Test("The index is kept: its digest is the repo digest; pushed on after --all-platforms, the index and every platform go, byte for byte; without, this platform's manifest alone")
    func indexTravelsOn() throws {
        try withTestRegistry(.plain) { registry in
            let layout = try registry.makeScratchDirectory("multi")
            try Self.multiPlatformLayout(in: layout, architectures: ["amd64", "arm64"])
            let copied = try registry.skopeo(["copy", "--all", "--quiet", "--preserve-digests", "--dest-tls-verify=false",
                                              "oci:\(layout):latest", "docker://\(registry.host)/multi/arch:latest"])
            try #require(copied.status == 0, "\(copied.stderr)")
            let original = try registry.rawManifest("multi/arch:latest")
            try #require(original.contains("\"manifests\""), "the registry holds an index: \(original)")
            let indexDigest = try ImageArchiveFixture.digest(Array(original.utf8))
            let directory = try TemporaryDirectory(prefix: "index-travels")

            let all = DockyardProcess(root: directory.appending("all"))
            let pulled = try all.run(["pull", "--all-platforms", "\(registry.host)/multi/arch"])
            #expect(pulled.status == 0, "\(pulled.stderr)")
            #expect(pulled.stdout.contains("Digest: \(indexDigest)"), "the repo digest is the index's, as Docker prints it: \(pulled.stdout)")
            #expect(try all.run(["images", "--digests"]).stdout.contains(indexDigest))
            #expect(try all.run(["tag", "\(registry.host)/multi/arch", "\(registry.host)/copy/arch:v1"]).status == 0)
            let pushed = try all.run(["push", "\(registry.host)/copy/arch:v1"])
            #expect(pushed.status == 0, "\(pushed.stderr)")
            #expect(pushed.stdout.contains("v1: digest: \(indexDigest)"), "\(pushed.stdout)")
            #expect(try registry.rawManifest("copy/arch:v1") == original)
            let other = ImageArchiveFixture.hostArchitecture == "arm64" ? "amd64" : "arm64"
            let otherPlatform = try registry.skopeo(["inspect", "--raw", "--tls-verify=false", "--override-arch", other,
                                                      "docker://\(registry.host)/copy/arch:v1"])
            #expect(otherPlatform.status == 0, "\(otherPlatform.stderr)")

            // save writes the index as it came, with every platform: skopeo reads both from the archive.
            let archive = directory.appending("multi.tar")
            #expect(try all.run(["save", "--format", "oci", "-o", archive, "\(registry.host)/copy/arch:v1"]).status == 0)
            let unpacked = directory.appending("saved")
            try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
            #expect(try HostProcess.run(try #require(HostTools.executable("tar")), ["-x", "-C", unpacked, "-f", archive]).status == 0)
            let savedIndex = try registry.skopeo(["inspect", "--raw", "oci:\(unpacked):\(registry.host)/copy/arch:v1"])
            #expect(String(decoding: savedIndex.stdout, as: UTF8.self) == original, "\(savedIndex.stderr)")
            let savedOther = try registry.skopeo(["inspect", "--override-arch", other, "oci:\(unpacked):\(registry.host)/copy/arch:v1"])
            #expect(savedOther.status == 0, "\(savedOther.stderr)")

            let one = DockyardProcess(root: directory.appending("one"))
            #expect(try one.run(["pull", "\(registry.host)/multi/arch"]).status == 0)
            #expect(try one.run(["tag", "\(registry.host)/multi/arch", "\(registry.host)/single/arch:v1"]).status == 0)
            let single = try one.run(["push", "\(registry.host)/single/arch:v1"])
            #expect(single.status == 0, "\(single.stderr)")
            let singleManifest = try registry.rawManifest("single/arch:v1")
            #expect(singleManifest.contains("\"layers\""), "\(singleManifest)")
            #expect(!(try registry.rawManifest("single/arch:v1").contains("\"manifests\"")))

            // rmi removes the kept index and the other platforms' blobs with the tag.
            #expect(try all.run(["rmi", "\(registry.host)/multi/arch", "\(registry.host)/copy/arch:v1"]).status == 0)
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.appending("all") + "/image/blobs/sha256")
            #expect(left.isEmpty, "blobs left after rmi: \(left)")
        }
    }
}
