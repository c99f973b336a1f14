import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The build cache as `system df` and `system prune` see it: its entries and the layers they
/// point at. Those layers are blobs in the image store; one no image uses is cache alone.
public enum BuildCacheUsage {
    /// One cached step: its key and the digest and size of the layer it made (nil: no layer).
    public struct Entry: Sendable {
        public var key: String
        public var layerDigest: String?
        public var size: Int64
    }

    public static func entries(root: String) -> [Entry] {
        let cache = BuildCache(root: root)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cache.directory)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            let key = String(name.dropLast(".json".count))
            guard let entry = cache.lookup(key) else { return nil }
            return Entry(key: key, layerDigest: entry.layer?.digest.string, size: entry.layer?.size ?? 0)
        }
    }

    /// Forgets every cached step; the next build runs each step again. Returns how many there were.
    @discardableResult
    public static func removeAll(root: String) -> Int {
        let cache = BuildCache(root: root)
        let count = entries(root: root).count
        try? FileManager.default.removeItem(atPath: cache.directory)
        return count
    }
}
