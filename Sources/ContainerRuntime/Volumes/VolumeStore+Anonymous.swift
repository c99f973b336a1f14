extension VolumeStore {
    /// Whether a volume name is one `anonymousName()` made: 64 lowercase hex digits, the form
    /// Docker gives `-v /data`. Docker lists such volumes in `Config.Volumes`, not in `Binds`.
    public static func isAnonymousName(_ name: String) -> Bool {
        name.utf8.count == 64 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The anonymous volumes among a container's mounts (`-v /data`, not `-v name:/data`).
    public static func anonymousVolumes(in mounts: [VolumeMount]) -> [VolumeMount] {
        mounts.filter { $0.kind == .volume && isAnonymousName($0.source) }
    }

    /// Deletes a container's anonymous volumes, as Docker does for `run --rm` and `rm -v`: nobody
    /// else can name them, so once their container is gone they would only pile up. Named volumes stay.
    public func removeAnonymousVolumes(of mounts: [VolumeMount]) {
        for mount in Self.anonymousVolumes(in: mounts) { try? remove(mount.source) }
    }

    /// The bytes a volume's data holds, each file once (`system df`, the prunes).
    public func size(_ name: String) -> Int64 {
        DirectorySize.bytes(under: dataPath(name))
    }
}
