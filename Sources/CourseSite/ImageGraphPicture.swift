import Explain

/// An image as the data it is: the index (when there is one) points at a manifest, the manifest
/// at one config and its layers, each by digest with its size and media type; each compressed
/// layer unpacks to the uncompressed tar the config's `rootfs.diff_ids` names. Drawn from the
/// blobs a pull checked against their digests.
struct ImageGraphPicture {
    var events: [Event]
    var text: SiteText

    /// One blob: what it is, its digest, media type and size.
    struct Blob {
        var what: String
        var digest: String
        var mediaType: String
        var size: Int64
    }

    func blobs() -> [Blob] {
        events.compactMap { event in
            guard case let .contentVerified(what, digest, mediaType, size) = event.kind else { return nil }
            return Blob(what: what, digest: digest, mediaType: mediaType, size: size)
        }
    }

    /// `application/vnd.oci.image.layer.v1.tar+gzip` → `layer.v1.tar+gzip`.
    static func shortMediaType(_ type: String) -> String {
        for prefix in ["application/vnd.oci.image.", "application/vnd.docker.distribution.", "application/vnd.docker.container.image.", "application/vnd.docker.image.rootfs."]
            where type.hasPrefix(prefix) { return String(type.dropFirst(prefix.count)) }
        return type
    }

    func render() -> String {
        let blobs = blobs()
        let index = blobs.first { $0.what == "index" }
        let manifest = blobs.first { $0.what == "manifest" }
        let config = blobs.first { $0.what == "config" }
        let layers = blobs.filter { $0.what == "layer" }
        var diffIDs = blobs.filter { $0.what == "diff_id" }
        guard let manifest, config != nil || !layers.isEmpty else { return "" }
        // Each layer with the diff_id of the same compressed size; diff_ids left over are layers
        // the store already had, so nothing was fetched for them.
        var pairs: [(layer: Blob?, diffID: Blob?)] = layers.map { layer in
            let match = diffIDs.firstIndex { $0.size == layer.size }
            return (layer, match.map { diffIDs.remove(at: $0) })
        }
        pairs = diffIDs.map { (nil, $0) } + pairs
        let (boxW, boxH, gap) = (210.0, 58.0, 14.0)
        let columnX: [Double] = index == nil ? [10, 260, 510] : [10, 250, 500, 750]
        let right = columnX.count - 1
        let rowsCount = Double(pairs.count + (config == nil ? 0 : 1))
        let height = max(boxH + 40, rowsCount * (boxH + gap) + 20)
        var svg = SVGCanvas(width: columnX[right] + boxW + 10, height: height)
        let middle = (height - boxH) / 2
        if let index {
            blob(&svg, index, x: columnX[0], y: middle, style: "index")
            svg.arrow(columnX[0] + boxW, middle + boxH / 2, columnX[1] - 2, middle + boxH / 2)
        }
        let m = index == nil ? 0 : 1
        blob(&svg, manifest, x: columnX[m], y: middle, style: "manifest")
        var y = 10.0
        if let config {
            blob(&svg, config, x: columnX[m + 1], y: y, style: "config")
            svg.arrow(columnX[m] + boxW, middle + boxH / 2, columnX[m + 1] - 2, y + boxH / 2)
            y += boxH + gap
        }
        for pair in pairs {
            if let layer = pair.layer {
                blob(&svg, layer, x: columnX[m + 1], y: y, style: "layer")
                svg.arrow(columnX[m] + boxW, middle + boxH / 2, columnX[m + 1] - 2, y + boxH / 2)
            } else {
                svg.box(columnX[m + 1], y, boxW, boxH, class: "blob present")
                svg.text(text.layerAlreadyHere, columnX[m + 1] + 8, y + 18, class: "strong", size: 11)
                svg.text(text.notFetched, columnX[m + 1] + 8, y + 36, class: "muted", size: 11)
                svg.line(columnX[m] + boxW, middle + boxH / 2, columnX[m + 1] - 2, y + boxH / 2, class: "wire", dashed: true)
            }
            if let diffID = pair.diffID, m + 2 <= right {
                svg.box(columnX[m + 2], y, boxW, boxH, class: "blob diffid", title: diffID.digest)
                svg.text("diff_id", columnX[m + 2] + 8, y + 18, class: "strong", size: 11)
                svg.text(PicturePaths.shortDigest(diffID.digest), columnX[m + 2] + 8, y + 34, class: "path", size: 11, title: diffID.digest)
                svg.text(text.uncompressedTar, columnX[m + 2] + 8, y + 50, class: "muted", size: 10)
                svg.arrow(columnX[m + 1] + boxW, y + boxH / 2, columnX[m + 2] - 2, y + boxH / 2, class: "wire unpack")
            }
            y += boxH + gap
        }
        return PictureFigure.html(kind: "image", caption: text.imageGraph, svg: svg.render(title: text.imageGraphTitle, class: "image"))
    }

    private func blob(_ svg: inout SVGCanvas, _ blob: Blob, x: Double, y: Double, style: String) {
        let title = "\(blob.what) \(blob.digest)\n\(blob.mediaType), \(blob.size) bytes"
        svg.box(x, y, 210, 58, class: "blob " + style, title: title)
        svg.text(blob.what, x + 8, y + 18, class: "strong", size: 12)
        svg.text(HumanUnits.bytes(blob.size), x + 202, y + 18, class: "value", size: 11, anchor: .end)
        svg.text(PicturePaths.shortDigest(blob.digest), x + 8, y + 34, class: "path", size: 11, title: blob.digest)
        svg.text(SVGCanvas.fit(Self.shortMediaType(blob.mediaType), width: 194, size: 10), x + 8, y + 50, class: "muted", size: 10, title: blob.mediaType)
    }
}
