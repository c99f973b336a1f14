/// Where a reference's repository lives, by Docker's rules: a first path component is a
/// registry host only when it has a `.` or a `:` or is `localhost`; every other name is on
/// Docker Hub (`docker.io`), where one-component names are in the `library/` namespace.
extension ImageReference {
    /// Docker Hub's name in references and in `config.json`'s keys (`https://index.docker.io/v1/`).
    public static let dockerHub = "docker.io"

    /// `localhost:5000` for `localhost:5000/app`, `docker.io` for `busybox` and `team/app`.
    public var registry: String {
        let components = name.split(separator: "/", maxSplits: 1).map(String.init)
        if components.count == 2, Self.looksLikeDomain(components[0]) { return components[0] }
        return Self.dockerHub
    }

    /// The repository path inside its registry: `library/busybox`, `team/app`, `app`.
    public var repository: String {
        let components = name.split(separator: "/", maxSplits: 1).map(String.init)
        if components.count == 2, Self.looksLikeDomain(components[0]) { return components[1] }
        return components.count == 1 ? "library/" + name : name
    }

    /// The fully qualified name Docker shows in `docker inspect`'s RepoTags of pulled images and
    /// containerd stores: `docker.io/library/busybox`.
    public var fullyQualifiedName: String { registry + "/" + repository }

    /// The same repository pinned to a manifest digest (for `RepoDigests`: `busybox@sha256:…`).
    public func pinned(to digest: Digest) -> ImageReference {
        ImageReference(name: name, tag: nil, digest: digest)
    }

    private init(name: String, tag: String?, digest: Digest?) {
        self.name = name
        self.tag = tag
        self.digest = digest
    }
}
