import OCI

/// A container as the image store needs to know it before removing anything: which image it was
/// made from, whether it runs, and which unpacked layers its overlay mounts as lowerdirs.
///
/// The store does not read container records itself (it sits below the runtime); the CLI passes
/// these in, so `rmi` and `image prune` never take an image or a layer from under a container.
public struct ContainerUse: Sendable, Hashable {
    /// The container's full ID; messages show its first 12 characters, as Docker does.
    public let containerID: String
    /// The image ID it was run from (the config digest), as recorded when it started.
    public let imageID: Digest?
    public let isRunning: Bool
    /// Absolute paths of its overlay's lowerdirs, e.g. `<root>/layers/<diffID hex>`.
    public let lowerdirs: [String]

    public init(containerID: String, imageID: String, isRunning: Bool, lowerdirs: [String]) {
        self.containerID = containerID
        self.imageID = try? Digest(parsing: imageID)
        self.isRunning = isRunning
        self.lowerdirs = lowerdirs
    }

    var shortID: String { String(containerID.prefix(12)) }
}

/// What `rmi` or `image prune` did, in the words Docker prints: tags removed, images and layers
/// deleted, and the bytes given back.
public struct RemovalReport: Sendable, Equatable {
    /// `name:tag` of every tag removed.
    public var untagged: [String] = []
    /// Image IDs, then layer digests, of everything deleted.
    public var deleted: [Digest] = []
    /// Bytes of blobs and unpacked layer files removed.
    public var reclaimedBytes: Int64 = 0

    public init() {}

    mutating func merge(_ other: RemovalReport) {
        untagged += other.untagged
        for digest in other.deleted where !deleted.contains(digest) { deleted.append(digest) }
        reclaimedBytes += other.reclaimedBytes
    }
}
