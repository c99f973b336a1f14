import HostSystem
/// An image reference as a user types it: `name[:tag][@digest]`, e.g. `busybox`, `busybox:1.36`,
/// `localhost:5000/team/app:v2`, `busybox@sha256:…`.
///
/// The name is a repository path of lowercase components, optionally after a registry host; the
/// tag picks a version (default `latest`); a digest pins one exact manifest. Names on Docker Hub are
/// kept in their short familiar form (`docker.io/library/busybox` is `busybox`), as Docker shows them.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The repository, in familiar form: `busybox`, `team/app`, `localhost:5000/app`.
    public let name: String
    /// The tag; `latest` when the text had neither a tag nor a digest.
    public let tag: String?
    /// The manifest digest, when the text pinned one.
    public let digest: Digest?

    public static let defaultTag = "latest"

    /// A reference from a validated name and tag, e.g. for `dockyard build -t`.
    public init(name: String, tag: String = ImageReference.defaultTag) throws(OCIError) {
        try self.init(parsing: name + ":" + tag)
    }

    /// Parses `name[:tag][@digest]`, refusing invalid text with an error that names it.
    public init(parsing text: String) throws(OCIError) {
        func invalid(_ why: String) -> OCIError {
            OCIError(.invalidReference, "invalid reference format: \"\(text)\": \(why)")
        }
        guard !text.isEmpty else { throw invalid("empty image name") }
        var rest = Substring(text)
        var digest: Digest?
        if let at = rest.firstIndex(of: "@") {
            do {
                digest = try Digest(parsing: String(rest[rest.index(after: at)...]))
            } catch {
                throw invalid(error.message)
            }
            rest = rest[..<at]
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let candidate = String(rest[rest.index(after: colon)...])
            guard Self.isValidTag(candidate) else {
                throw invalid("tag \"\(candidate)\" must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'")
            }
            tag = candidate
            rest = rest[..<colon]
        }
        let name = String(rest)
        guard !name.isEmpty else { throw invalid("empty image name") }
        guard name.utf8.count <= 255 else { throw invalid("repository name is longer than 255 characters") }
        var components = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if components.count > 1, Self.looksLikeDomain(components[0]) {
            guard Self.isValidDomain(components[0]) else {
                throw invalid("registry host \"\(components[0])\" is not a valid host[:port]")
            }
        }
        let pathStart = components.count > 1 && Self.looksLikeDomain(components[0]) ? 1 : 0
        for component in components[pathStart...] {
            if component != component.lowercased() {
                throw invalid("repository name (\(name)) must be lowercase")
            }
            guard Self.isValidPathComponent(component) else {
                throw invalid("\"\(component)\" is not a valid repository name component (lowercase letters, digits, and '.', '_', '__' or '-' between them)")
            }
        }
        // Docker Hub's familiar form: docker.io/library/busybox -> busybox, docker.io/a/b -> a/b.
        if components.count > 1, components[0] == "docker.io" || components[0] == "index.docker.io" {
            components.removeFirst()
            if components.count > 1, components[0] == "library" { components.removeFirst() }
        }
        self.name = components.joined(separator: "/")
        self.digest = digest
        self.tag = tag ?? (digest == nil ? Self.defaultTag : nil)
    }

    /// `name:tag`, `name@digest` or `name:tag@digest`: the form Docker prints.
    public var description: String {
        var text = name
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest.string }
        return text
    }

    /// `name:tag`, the value of the `org.opencontainers.image.ref.name` annotation; nil without a tag.
    public var taggedName: String? { tag.map { name + ":" + $0 } }

    /// The same name with another tag and no digest.
    public func withTag(_ tag: String) throws(OCIError) -> ImageReference {
        try ImageReference(name: name, tag: tag)
    }

    // MARK: - The grammar of docker/distribution's reference package

    static func looksLikeDomain(_ component: String) -> Bool {
        component.contains(".") || component.contains(":") || component == "localhost"
            || component != component.lowercased()
    }

    static func isValidDomain(_ text: String) -> Bool {
        var host = Substring(text)
        if let colon = text.firstIndex(of: ":") {
            let port = text[text.index(after: colon)...]
            guard !port.isEmpty, port.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            host = text[..<colon]
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return !labels.isEmpty && labels.allSatisfy { label in
            guard let first = label.utf8.first, let last = label.utf8.last else { return false }
            return isAlnum(first) && isAlnum(last) && label.utf8.allSatisfy { isAlnum($0) || $0 == 0x2D }
        }
    }

    /// `[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*`
    static func isValidPathComponent(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
        var i = 0
        while i < bytes.count {
            if isLowerAlnum(bytes[i]) { i += 1; continue }
            // A separator run: ".", "_", "__", or any number of "-".
            var j = i
            while j < bytes.count, !isLowerAlnum(bytes[j]) { j += 1 }
            let run = bytes[i..<j]
            let ok = run.elementsEqual([0x2E]) || run.elementsEqual([0x5F]) || run.elementsEqual([0x5F, 0x5F])
                || run.allSatisfy { $0 == 0x2D }
            guard ok else { return false }
            i = j
        }
        return true
    }

    /// `[\w][\w.-]{0,127}`
    static func isValidTag(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 128, isWord(first) else { return false }
        return bytes.allSatisfy { isWord($0) || $0 == 0x2E || $0 == 0x2D }
    }

    private static func isLowerAlnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
    private static func isAlnum(_ b: UInt8) -> Bool { isLowerAlnum(b) || (b >= 0x41 && b <= 0x5A) }
    private static func isWord(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x5F }
}

extension ImageReference: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
