import FoundationEssentials
import HostSystem
import LinuxKernel
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// The build cache: for each step ever run, keyed by its parent chain and the step itself (after
/// variable expansion, and for COPY/ADD the content of the files copied), the layer it produced
/// and when. A rebuild that finds every key reuses every layer and reports every step CACHED.
/// Entries live as small JSON files in `<root>/build-cache/`.
struct BuildCache {
    struct Entry: Codable {
        var layer: Descriptor?
        var diffID: Digest?
        var created: String
    }

    let directory: String

    init(root: String) {
        directory = root + "/build-cache"
    }

    /// The key of a step: the digest of the parent's key and the step's own description.
    static func key(parent: String, step: String) -> String {
        Digest.sha256(of: Array((parent + "\n" + step).utf8)).hex
    }

    func lookup(_ key: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + key + ".json") else { return nil }
        return try? JSONDecoder().decode(Entry.self, from: data)
    }

    func store(_ entry: Entry, for key: String) {
        // A cache that cannot be written only makes the next build slower: never fail a build.
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard let data = try? JSONEncoder().encode(entry) else { return }
        let path = directory + "/" + key + ".json"
        try? AtomicFile.replace(Array(data), at: path, durable: false)   // two builds may store one key at once
    }
}
