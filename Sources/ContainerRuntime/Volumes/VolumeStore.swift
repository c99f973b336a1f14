import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Named volumes, as Docker's `local` driver keeps them: a plain directory on the host,
/// `<root>/volumes/NAME/_data`, which containers get as a bind mount. It outlives every
/// container that uses it, so what a container writes there persists.
public struct VolumeStore: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// What `volume inspect` shows.
    public struct Volume: Codable, Sendable, Equatable {
        public var name: String
        public var driver: String
        public var mountpoint: String
        public var createdAt: Date
        public var scope: String

        enum CodingKeys: String, CodingKey {
            case name = "Name", driver = "Driver", mountpoint = "Mountpoint", createdAt = "CreatedAt", scope = "Scope"
        }
    }

    public var directory: String { root + "/volumes" }
    public func dataPath(_ name: String) -> String { "\(directory)/\(name)/_data" }

    /// Docker's rule for local volume names.
    public static func isValidName(_ name: String) -> Bool {
        NameRules.isDockerName(name)
    }

    /// A random 64-hex name, as Docker gives an anonymous volume (`-v /data`).
    public static func anonymousName() -> String {
        (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16).leftPadded(16) }.joined()
    }

    /// Creates the volume if it does not exist; returns it and whether it is new.
    @discardableResult
    public func create(_ name: String) throws -> (volume: Volume, created: Bool) {
        guard Self.isValidName(name) else {
            throw RuntimeError(code: .invalidArgument, "\"\(name)\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed")
        }
        if let existing = inspect(name) { return (existing, false) }
        try FileManager.default.createDirectory(atPath: dataPath(name), withIntermediateDirectories: true)
        chmod("\(directory)/\(name)", 0o701)
        chmod(dataPath(name), 0o755)
        return (volume(name), true)
    }

    public func inspect(_ name: String) -> Volume? {
        guard Self.isValidName(name) else { return nil }
        var info = stat()
        guard lstat(dataPath(name), &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return volume(name)
    }

    public func all() -> [Volume] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().compactMap(inspect)
    }

    /// Deletes the volume and its data. The caller checks that no container uses it.
    public func remove(_ name: String) throws {
        guard inspect(name) != nil else { throw RuntimeError(code: .notFound, "Error: No such volume: \(name)") }
        try FileManager.default.removeItem(atPath: "\(directory)/\(name)")
    }

    /// Whether the volume's directory holds nothing yet (a new volume is then filled from the image).
    public func isEmpty(_ name: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: dataPath(name))) ?? []).isEmpty
    }

    private func volume(_ name: String) -> Volume {
        var info = stat()
        let created = lstat("\(directory)/\(name)", &info) == 0 ? Date(timeIntervalSince1970: TimeInterval(info.st_ctim.tv_sec)) : Date()
        return Volume(name: name, driver: "local", mountpoint: dataPath(name), createdAt: created, scope: "local")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
