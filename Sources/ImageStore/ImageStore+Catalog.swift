import OCI

/// One image as the image verbs (`rmi`, `tag`, `history`, `inspect`, `save`) see it: the image
/// itself, which of its names the user typed (if any), and every tag that points at it.
///
/// Docker identifies an image by its ID, the digest of its config; many tags may name one image.
public struct ImageMatch: Sendable {
    /// The image, with `reference` set to the tag that found it (nil when found by ID).
    public let image: StoredImage
    /// The tag the user typed, or nil when the image was named by its ID or an ID prefix.
    public let matchedTag: ImageReference?
    /// Every tag pointing at this image, sorted.
    public let tags: [ImageReference]
}

extension ImageStore {
    /// Finds an image the way Docker's image verbs do: a full ID (`sha256:…` or 64 hex digits),
    /// a `name[:tag]` or `name@digest`, and failing those a unique ID prefix. Returns nil when
    /// nothing matches; throws for text that is not a valid reference.
    public func lookup(_ text: String) throws -> ImageMatch? {
        let images = try images()
        if let id = Self.fullID(text) {
            return match(images.filter { $0.id == id }, tag: nil, all: images)
        }
        let reference = try ImageReference(parsing: text)
        if let image = try image(reference) {
            let tag = reference.digest == nil ? reference : nil
            return match([image], tag: tag, all: images)
        }
        guard let prefix = Self.idPrefix(text) else { return nil }
        let ids = Set(images.map(\.id).filter { $0.hex.hasPrefix(prefix) })
        guard ids.count == 1, let id = ids.first else { return nil }
        return match(images.filter { $0.id == id }, tag: nil, all: images)
    }

    /// Every distinct image (by ID) with its tags, newest first: one entry per image, not per tag.
    public func catalog() throws -> [ImageMatch] {
        let images = try images()
        var seen = Set<Digest>()
        return images.compactMap { image in
            guard seen.insert(image.id).inserted else { return nil }
            return match([image], tag: nil, all: images)
        }
    }

    private func match(_ found: [StoredImage], tag: ImageReference?, all: [StoredImage]) -> ImageMatch? {
        guard let first = found.first else { return nil }
        let tags = all.filter { $0.id == first.id }.compactMap(\.reference).filter { $0.tag != nil }
        let unique = Set(tags.map(\.description)).sorted().compactMap { try? ImageReference(parsing: $0) }
        let image = StoredImage(reference: tag, manifestDigest: first.manifestDigest, manifest: first.manifest, config: first.config)
        return ImageMatch(image: image, matchedTag: tag, tags: unique)
    }

    /// `sha256:<64 hex>` or 64 bare hex digits: an image ID, as Docker's ParseAnyReference reads it.
    static func fullID(_ text: String) -> Digest? {
        if let digest = try? Digest(parsing: text) { return digest }
        if text.utf8.count == 64, let digest = try? Digest(sha256Hex: text) { return digest }
        return nil
    }

    /// The hex digits of a short ID (`8135583d`, `sha256:8135`), or nil for anything else.
    static func idPrefix(_ text: String) -> String? {
        let hex = text.hasPrefix("sha256:") ? String(text.dropFirst("sha256:".count)) : text
        guard !hex.isEmpty, hex.utf8.count <= 64,
              hex.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
        return hex
    }
}
