import FoundationEssentials

/// What the image checks read: an image's ID in the store (the digest of its config, as
/// `dockyard image inspect` gives it), a manifest a registry serves, and the uid the host's
/// kernel gives a container's process.
extension LiveState {
    /// `sha256:…`, the image's ID in the store; nil when the store has no such image.
    func imageID(_ name: String) -> String? {
        inspect(name, "{{.Id}}", image: true).map(\.trimmed).flatMap { $0.hasPrefix("sha256:") ? $0 : nil }
    }

    /// What the registry on the loopback says about a tag: the config digest its manifest names,
    /// or the HTTP status it answered instead (404: no such tag), or nil when nothing answers.
    enum RegistryAnswer: Equatable {
        case config(String)
        case status(Int)
    }

    /// The media types a client accepts for a manifest, as `docker pull` sends them: without
    /// them a registry may convert a manifest to the old schema 1, which names no config.
    static let manifestTypes = ["application/vnd.oci.image.manifest.v1+json",
                                "application/vnd.docker.distribution.manifest.v2+json"].joined(separator: ", ")

    func registryManifest(_ tag: RegistryTag) -> RegistryAnswer? {
        guard let response = httpResponse(port: tag.port, path: tag.manifestPath, accept: Self.manifestTypes) else { return nil }
        guard response.status == 200 else { return .status(response.status) }
        struct Manifest: Decodable {
            struct Descriptor: Decodable { var digest: String }
            var config: Descriptor?
        }
        // What answers on the port is not trusted (a container may publish it): only a digest
        // of Docker's form reaches the learner's screen, never the escape sequences it might hold.
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(response.body.utf8)),
              let digest = manifest.config?.digest, Self.isDigest(digest) else { return .status(response.status) }
        return .config(digest)
    }

    /// `sha256:` and 64 lower-case hex digits.
    static func isDigest(_ text: String) -> Bool {
        let hex = text.dropFirst("sha256:".count)
        return text.hasPrefix("sha256:") && hex.count == 64 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// The effective uid of `pid` as the host's kernel numbers it (`Uid:` of `/proc/PID/status`,
    /// the second field), whatever user namespace the process is in.
    func hostUID(_ pid: Int32) -> UInt32? {
        guard let status = Self.read("/proc/\(pid)/status"),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }) else { return nil }
        return line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst(2).first.flatMap { UInt32($0) }
    }
}
