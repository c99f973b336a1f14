import FoundationEssentials

/// What the image checks read: an image's ID in the store (the digest of its config, as
/// `dockyard image inspect` gives it) and the manifest digests its pushes recorded, what a
/// registry proves to serve, and the uid the host's kernel gives a container's process.
extension LiveState {
    /// `sha256:…`, the image's ID in the store; nil when the store has no such image.
    func imageID(_ name: String) -> String? {
        inspect(name, "{{.Id}}", image: true).map(\.trimmed).flatMap { $0.hasPrefix("sha256:") ? $0 : nil }
    }

    /// What the registry on the loopback proves about a tag, from `dockyard lessons prove`
    /// (Registry's client: the manifest and every blob fetched and hashed, nothing kept); nil
    /// when it did not finish within `proofTime` (a registry that dribbles its answer).
    func registryProof(_ tag: RegistryTag) -> RegistryProof? {
        var runner = self.runner
        runner.timeout = Self.proofTime
        let output = runner.run([context.dockyard, "lessons", "prove", tag.description],
                                environment: context.stepEnvironment, directory: context.workDirectory)
        guard !output.timedOut else { return nil }
        let line = output.stdout.split(separator: "\n").last.map(String.init) ?? ""
        if let proof = try? JSONDecoder().decode(RegistryProof.self, from: Data(line.utf8)) { return proof }
        // No proof printed: dockyard itself failed (its own words, on stderr).
        return RegistryProof(failure: .init(object: .registry, digest: nil, reason: .refused, detail: output.stderr.trimmed))
    }

    /// Seconds the proof may take: the lesson's image is a few megabytes from this machine.
    static let proofTime: Int32 = 10

    /// The manifest digests `dockyard push` recorded for `image` (Docker's `RepoDigests`,
    /// `127.0.0.1:5013/lesson-base@sha256:…`) in `tag`'s repository of `tag`'s registry, under
    /// either name of the loopback.
    func pushedDigests(_ image: String, to tag: RegistryTag) -> [String] {
        guard let list = inspect(image, "{{json .RepoDigests}}", image: true),
              let names = try? JSONDecoder().decode([String].self, from: Data(list.utf8)) else { return [] }
        let repositories = ["127.0.0.1", "localhost"].map { "\($0):\(tag.port)/\(tag.repository)@" }
        return names.compactMap { name in
            repositories.first(where: name.hasPrefix).map { String(name.dropFirst($0.count)) }
        }
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
