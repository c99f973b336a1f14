import Foundation

/// Image archives made by hand, the way `docker save` and OCI tools lay them out, so tests can
/// load them without Docker and tamper with any one field.
public enum ImageArchiveFixture {
    /// `sha256:<hex>` of some bytes (via the host's sha256sum: TestSupport has no crypto of its own).
    public static func digest(_ bytes: [UInt8]) throws -> String {
        let output = try HostProcess.run("/usr/bin/sha256sum", [], input: bytes).stdout
        return "sha256:" + String(decoding: output.prefix(64), as: UTF8.self)
    }

    /// A layer tar with the host's busybox as /bin/busybox and links for `applets`.
    public static func busyboxLayer(applets: [String] = ["sh", "echo", "cat", "true"]) throws -> [UInt8] {
        var tar = TarBytes()
        tar.add("bin/", .directory)
        tar.add("bin/busybox", .file(try TestFiles.read("/bin/busybox")), mode: 0o755)
        for applet in applets { tar.add("bin/" + applet, .symlink("busybox")) }
        tar.add("etc/", .directory)
        tar.add("etc/passwd", .file(Array("root:x:0:0:root:/root:/bin/sh\n".utf8)))
        tar.add("tmp/", .directory, mode: 0o1777)
        return tar.finished
    }

    /// A small layer with the given entries.
    public static func layer(_ build: (inout TarBytes) -> Void) -> [UInt8] {
        var tar = TarBytes()
        build(&tar)
        return tar.finished
    }

    /// An image config (the image ID is its digest) for layers with these diff_ids.
    public static func config(diffIDs: [String], cmd: [String] = ["sh"], created: String = "2024-01-02T03:04:05Z",
                              history: [(createdBy: String, emptyLayer: Bool)]? = nil) throws -> [UInt8] {
        var object: [String: Any] = [
            "architecture": hostArchitecture, "os": "linux", "created": created,
            "config": ["Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Cmd": cmd],
            "rootfs": ["type": "layers", "diff_ids": diffIDs],
        ]
        if let history {
            object["history"] = history.map { step -> [String: Any] in
                var entry: [String: Any] = ["created": created, "created_by": step.createdBy]
                if step.emptyLayer { entry["empty_layer"] = true }
                return entry
            }
        }
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// A docker-archive as Docker before 25 writes it: `<layer id>/layer.tar`, `<id>.json`,
    /// manifest.json and repositories. `configBytes` overrides the config made from the layers.
    public static func dockerArchive(layers: [[UInt8]], tags: [String], configBytes: [UInt8]? = nil) throws -> [UInt8] {
        var tar = TarBytes()
        var layerPaths: [String] = []
        var diffIDs: [String] = []
        for (index, layer) in layers.enumerated() {
            let diffID = try digest(layer)
            diffIDs.append(diffID)
            let id = String(diffID.dropFirst(7).prefix(60)) + String(format: "%04d", index)
            tar.add(id + "/", .directory)
            tar.add(id + "/VERSION", .file(Array("1.0".utf8)))
            tar.add(id + "/layer.tar", .file(layer))
            layerPaths.append(id + "/layer.tar")
        }
        let config = try configBytes ?? self.config(diffIDs: diffIDs)
        let configName = String(try digest(config).dropFirst(7)) + ".json"
        tar.add(configName, .file(config))
        let manifest: [[String: Any]] = [["Config": configName, "RepoTags": tags, "Layers": layerPaths]]
        tar.add("manifest.json", .file(Array(try JSONSerialization.data(withJSONObject: manifest))))
        return tar.finished
    }

    /// An OCI image layout tar with one image; `layers` are (bytes, compressed) pairs and
    /// `refName` goes in `org.opencontainers.image.ref.name`.
    public static func ociLayout(layers: [(bytes: [UInt8], gzip: Bool)], refName: String?, containerdName: String? = nil,
                                 tamper: (inout [String: [UInt8]]) -> Void = { _ in }) throws -> [UInt8] {
        var blobs: [String: [UInt8]] = [:]
        var layerDescriptors: [[String: Any]] = []
        var diffIDs: [String] = []
        for layer in layers {
            diffIDs.append(try digest(layer.bytes))
            let stored = layer.gzip ? try TarBytes.gzip(layer.bytes) : layer.bytes
            let digest = try digest(stored)
            blobs[digest] = stored
            layerDescriptors.append([
                "mediaType": layer.gzip ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar",
                "digest": digest, "size": stored.count,
            ])
        }
        let config = try self.config(diffIDs: diffIDs)
        let configDigest = try digest(config)
        blobs[configDigest] = config
        let manifest = Array(try JSONSerialization.data(withJSONObject: [
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": ["mediaType": "application/vnd.oci.image.config.v1+json", "digest": configDigest, "size": config.count],
            "layers": layerDescriptors,
        ] as [String: Any], options: [.sortedKeys]))
        let manifestDigest = try digest(manifest)
        blobs[manifestDigest] = manifest
        var annotations: [String: String] = [:]
        if let refName { annotations["org.opencontainers.image.ref.name"] = refName }
        if let containerdName { annotations["io.containerd.image.name"] = containerdName }
        var entry: [String: Any] = ["mediaType": "application/vnd.oci.image.manifest.v1+json",
                                    "digest": manifestDigest, "size": manifest.count]
        if !annotations.isEmpty { entry["annotations"] = annotations }
        let index = Array(try JSONSerialization.data(withJSONObject: ["schemaVersion": 2, "manifests": [entry]] as [String: Any]))
        tamper(&blobs)
        var tar = TarBytes()
        tar.add("oci-layout", .file(Array(#"{"imageLayoutVersion":"1.0.0"}"#.utf8)))
        tar.add("blobs/", .directory)
        tar.add("blobs/sha256/", .directory)
        for (digest, bytes) in blobs.sorted(by: { $0.key < $1.key }) {
            tar.add("blobs/sha256/" + digest.dropFirst(7), .file(bytes))
        }
        tar.add("index.json", .file(index))
        return tar.finished
    }

    /// GOARCH of this machine, as image configs spell it.
    public static var hostArchitecture: String {
        #if arch(x86_64)
        return "amd64"
        #elseif arch(arm64)
        return "arm64"
        #else
        return "unknown"
        #endif
    }

    /// Writes bytes to a file.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
