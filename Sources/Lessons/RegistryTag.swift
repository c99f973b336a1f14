/// A tag in a registry on this machine's loopback, as an exercise's `in-registry` check names it:
/// `127.0.0.1:5013/lesson-base:v1` is the repository `lesson-base`, tag `v1`, of the registry
/// listening on port 5013. Docker reads a first component with a `:` as a registry's host; the
/// check only ever asks 127.0.0.1, so a lesson cannot aim it at another machine.
public struct RegistryTag: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var repository: String
    public var tag: String

    /// Reads `HOST:PORT/REPO:TAG` with HOST `127.0.0.1` or `localhost`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let address = parts[0].split(separator: ":").map(String.init)
        guard address.count == 2, ["127.0.0.1", "localhost"].contains(address[0]),
              let port = Int(address[1]), (1...65535).contains(port),
              let colon = parts[1].lastIndex(of: ":") else { return nil }
        let repository = String(parts[1][..<colon])
        let tag = String(parts[1][parts[1].index(after: colon)...])
        // Docker's grammar: a repository is lower-case path components, a tag adds upper case.
        let repositoryCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789._-/")
        let tagCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
        guard !repository.isEmpty, !tag.isEmpty, repository.allSatisfy(repositoryCharacters.contains),
              tag.allSatisfy(tagCharacters.contains) else { return nil }
        (self.host, self.port, self.repository, self.tag) = (address[0], port, repository, tag)
    }

    /// The manifest's path in the registry API: `/v2/REPO/manifests/TAG`.
    var manifestPath: String { "/v2/\(repository)/manifests/\(tag)" }

    public var description: String { "\(host):\(port)/\(repository):\(tag)" }
}
