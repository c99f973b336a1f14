import Explain

/// Long kernel paths and digests cut to what a learner needs to tell them apart, for pictures:
/// Dockyard's storage root becomes `<root>`, a container's directory `<container>`, and a 64-digit
/// id or digest its first 12 digits and "…". The full text goes in the picture's `<title>`.
enum PicturePaths {
    /// `/var/lib/dockyard/layers/8e4e07bee2e8…` → `<root>/layers/8e4e07bee2e8…` (and an image's
    /// `mount-points/…` likewise);
    /// `/var/lib/dockyard/containers/3a87…/upper` → `<container>/upper`.
    static func short(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if let index = parts.lastIndex(where: { $0 == "containers" }), index + 1 < parts.count, isID(parts[index + 1]) {
            let rest = parts[(index + 2)...].joined(separator: "/")
            return rest.isEmpty ? "<container>" : "<container>/" + rest
        }
        if let index = parts.lastIndex(where: { $0 == "layers" || $0 == "mount-points" }), index > 0 {
            return "<root>/" + parts[index...].map(shortID).joined(separator: "/")
        }
        return parts.map(shortID).joined(separator: "/")
    }

    /// A path inside a container's root as `<rootfs>/…` (where pivot_root will put it), else `short`.
    static func readable(_ path: String) -> String {
        let shown = TextRenderer.display(path)
        return shown.hasPrefix("<rootfs>") ? shown : short(path)
    }

    /// A 64-hex-digit component as its first 12 digits and "…".
    static func shortID(_ component: String) -> String {
        isID(component) ? component.prefix(12) + "…" : component
    }

    /// `sha256:b3577db6d68e30e8…` → `sha256:b3577db6d68e…`.
    static func shortDigest(_ digest: String) -> String {
        guard let colon = digest.firstIndex(of: ":") else { return shortID(digest) }
        return digest[...colon] + shortID(String(digest[digest.index(after: colon)...]))
    }

    static func isID(_ s: String) -> Bool {
        s.utf8.count == 64 && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// Numbers in the units people say: bytes as KiB/MiB/GiB, and cgroup values with their meaning.
enum HumanUnits {
    /// 67108864 → "64 MiB"; 1036487 → "1012.2 KiB"; 714 → "714 B".
    static func bytes(_ value: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024, unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        if unit == 0 { return "\(value) B" }
        let rounded = (amount * 10).rounded() / 10
        return (rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) + " " + units[unit]
    }

    /// A value written to a cgroup file as a person reads it: byte limits in KiB/MiB/GiB, the rest
    /// as written (`max`, a pid, a device rule). `nil` when the raw value says it already.
    static func cgroupValue(file: String, value: String) -> String? {
        let byteFiles = ["memory.limit_in_bytes", "memory.memsw.limit_in_bytes", "memory.soft_limit_in_bytes",
                         "memory.max", "memory.high", "memory.low", "memory.min", "memory.swap.max",
                         "memory.kmem.limit_in_bytes", "memory.reservation"]
        if byteFiles.contains(file), let bytes = Int64(value), bytes >= 1024 { return Self.bytes(bytes) }
        if file == "cpu.max" {
            let parts = value.split(separator: " ")
            if parts.count == 2, let quota = Double(parts[0]), let period = Double(parts[1]), period > 0 {
                return cpus(quota / period)
            }
        }
        // v1's CFS period and quota are microseconds.
        if file.hasSuffix("_us"), let micros = Int64(value), micros >= 1000, micros % 1000 == 0 { return "\(micros / 1000) ms" }
        return nil
    }

    /// 0.5 → "0.5 CPU", 2 → "2 CPUs".
    static func cpus(_ amount: Double) -> String {
        let rounded = (amount * 100).rounded() / 100
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return text + (rounded <= 1 ? " CPU" : " CPUs")
    }
}
