import OCI

/// Reads a layer from an archive entry by entry before the store accepts it, and refuses any
/// layer that could reach outside its own directory or the container's root:
///
/// - a path that is absolute or contains `..`;
/// - an entry below a symlink the layer itself made (it would be written through the link);
/// - a hardlink whose target is absolute, climbs out, goes through a symlink, or is not a file
///   earlier in the same layer;
/// - a whiteout that names nothing (`.wh.`, `.wh..`) or is used as a directory;
/// - a device node: the runtime makes the container's /dev, an image never brings its own.
///
/// A symlink's target is not judged: absolute ones (`/bin/sh -> /bin/busybox`) are the norm, and
/// one that climbs above the root (`../../../etc/hostname` from `/a`) stops at the root, as `..`
/// does at a process's root. Both are resolved in the container's root, by the container's kernel
/// view or by the engine's in-root lookups (`openat2(RESOLVE_IN_ROOT)`), never in the host's;
/// Docker accepts both, and images built elsewhere have them.
///
/// It also returns the layer's diff_id (the digest of its uncompressed tar), which must match
/// the image config's. One pass does both: the tar is read from the decompressed stream, which
/// is hashed as it goes (a plain tar's diff_id is its blob's digest, known already). The blob's
/// own digest is not checked again here: whoever made `file` (archive staging, a registry
/// download) hashed it as it was written.
enum LayerValidator {
    static func validate(_ file: ArchiveStaging.File, layer name: String) throws -> Digest {
        do {
            let reader = try TarReader(layer: file)
            var state = State()
            while let entry = try reader.next() {
                try state.check(entry)
            }
            return try reader.diffID(of: file)
        } catch {   // everything above throws ImageStoreError
            throw ImageStoreError(error.code == .system ? .invalidArchive : error.code, "layer \(name): \(error.message)")
        }
    }

    /// What the layer has made so far, to judge links and paths below links.
    struct State {
        var files = Set<String>()
        var symlinks = Set<String>()

        mutating func check(_ entry: TarReader.Entry) throws(ImageStoreError) {
            let raw = entry.pathname
            let components = try LayerPath.components(of: raw, entry: raw)
            let path = components.joined(separator: "/")
            for depth in components.indices.dropLast() {
                let parent = components[...depth].joined(separator: "/")
                if symlinks.contains(parent) {
                    throw LayerPath.unsafe(raw, "\"\(parent)\" is a symlink in this layer, and an entry below it would be written through it")
                }
                if components[depth].hasPrefix(Whiteout.prefix) {
                    throw LayerPath.unsafe(raw, "a whiteout (\(components[depth])) cannot be a directory")
                }
            }
            guard let name = components.last else { return }
            if name.hasPrefix(Whiteout.prefix) {
                let hidden = name.dropFirst(Whiteout.prefix.count)
                if !name.hasPrefix(Whiteout.prefix + Whiteout.prefix), hidden.isEmpty || hidden == "." || hidden == ".." {
                    throw LayerPath.unsafe(raw, "\"\(name)\" is not a valid whiteout name")
                }
                return
            }
            if let target = entry.hardlink {
                try checkHardlink(target, entry: raw)
                files.insert(path)
                symlinks.remove(path)
                return
            }
            switch entry.fileType {
            case FileType.symlink:
                symlinks.insert(path)
                files.insert(path)
            case FileType.characterDevice, FileType.blockDevice:
                throw LayerPath.unsafe(raw, "it is a device node (\(entry.deviceMajor):\(entry.deviceMinor)); the runtime makes /dev, an image may not bring devices")
            case FileType.directory:
                symlinks.remove(path)
            default:
                symlinks.remove(path)
                files.insert(path)
            }
        }

        private func checkHardlink(_ rawTarget: String, entry: String) throws(ImageStoreError) {
            let target = try LayerPath.components(of: rawTarget, entry: entry)
            guard !target.isEmpty else { throw LayerPath.unsafe(entry, "it is a hardlink to the layer's root") }
            for depth in target.indices.dropLast() where symlinks.contains(target[...depth].joined(separator: "/")) {
                throw LayerPath.unsafe(entry, "its hardlink target \"\(rawTarget)\" goes through a symlink")
            }
            guard files.contains(target.joined(separator: "/")) else {
                throw LayerPath.unsafe(entry, "its hardlink target \"\(rawTarget)\" is not a file earlier in the layer")
            }
        }
    }
}
