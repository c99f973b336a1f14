import Explain

/// An image as the data it is: a name (or an index) points at a manifest, the manifest at one
/// config and its layers, each by digest with its size and media type; each layer is (or
/// unpacks to) the tar the config's `rootfs.diff_ids` names. Drawn from the blobs a pull checked
/// against their digests, or from what `dockyard inspect` printed about a stored image.
struct ImageGraphPicture {
    var graph: ImageGraph
    var text: SiteText

    init(graph: ImageGraph, text: SiteText) {
        self.graph = graph
        self.text = text
    }

    /// The image a pull fetched, from its `contentVerified` events; empty when it fetched no config or layer.
    init(events: [Event], text: SiteText) {
        self.init(graph: ImageGraph(events: events) ?? ImageGraph(manifest: .init(what: "", digest: "", mediaType: "", size: 0)), text: text)
    }

    /// `application/vnd.oci.image.layer.v1.tar+gzip` → `layer.v1.tar+gzip`.
    static func shortMediaType(_ type: String) -> String {
        for prefix in ["application/vnd.oci.image.", "application/vnd.docker.distribution.", "application/vnd.docker.container.image.", "application/vnd.docker.image.rootfs."]
            where type.hasPrefix(prefix) { return String(type.dropFirst(prefix.count)) }
        return type
    }

    func render() -> String {
        guard !graph.manifest.digest.isEmpty, graph.config != nil || !graph.layers.isEmpty else { return "" }
        let (boxW, boxH, gap) = (210.0, 58.0, 14.0)
        let columnX: [Double] = graph.index == nil ? [10, 260, 510] : [10, 244, 478, 712]
        let rowsCount = Double(graph.layers.count + (graph.config == nil ? 0 : 1))
        let height = max(boxH + 40, rowsCount * (boxH + gap) + 20)
        var svg = SVGCanvas(width: columnX[columnX.count - 1] + boxW + 10, height: height)
        let middle = (height - boxH) / 2
        if let index = graph.index {
            blob(&svg, index, x: columnX[0], y: middle, style: "index")
            svg.arrow(columnX[0] + boxW, middle + boxH / 2, columnX[1] - 2, middle + boxH / 2)
        }
        let m = graph.index == nil ? 0 : 1
        blob(&svg, graph.manifest, x: columnX[m], y: middle, style: "manifest")
        var y = 10.0
        if let config = graph.config {
            blob(&svg, config, x: columnX[m + 1], y: y, style: "config")
            svg.arrow(columnX[m] + boxW, middle + boxH / 2, columnX[m + 1] - 2, y + boxH / 2)
            y += boxH + gap
        }
        for pair in graph.layers {
            if let layer = pair.layer, !layer.alreadyStored {
                blob(&svg, layer, x: columnX[m + 1], y: y, style: "layer")
                svg.arrow(columnX[m] + boxW, middle + boxH / 2, columnX[m + 1] - 2, y + boxH / 2)
            } else {
                // In the store already: the manifest still names it, but nothing crossed the wire.
                svg.box(columnX[m + 1], y, boxW, boxH, class: "blob present", title: pair.layer?.digest)
                svg.text(text.layerAlreadyHere, columnX[m + 1] + 8, y + 18, class: "strong", size: 11)
                if let digest = pair.layer?.digest {
                    svg.text(PicturePaths.shortDigest(digest), columnX[m + 1] + 8, y + 34, class: "path", size: 11, title: digest)
                }
                svg.text(text.notFetched, columnX[m + 1] + 8, y + 50, class: "muted", size: 10)
                svg.line(columnX[m] + boxW, middle + boxH / 2, columnX[m + 1] - 2, y + boxH / 2, class: "wire", dashed: true)
            }
            if let diffID = pair.diffID, m + 2 < columnX.count {
                let same = pair.layer?.digest == diffID
                svg.box(columnX[m + 2], y, boxW, boxH, class: "blob diffid", title: diffID)
                svg.text("diff_id", columnX[m + 2] + 8, y + 18, class: "strong", size: 11)
                svg.text(PicturePaths.shortDigest(diffID), columnX[m + 2] + 8, y + 34, class: "path", size: 11, title: diffID)
                svg.text(SVGCanvas.fit(same ? text.sameAsLayer : text.uncompressedTar, width: boxW - 16, size: 10), columnX[m + 2] + 8, y + 50, class: "muted", size: 10)
                svg.arrow(columnX[m + 1] + boxW, y + boxH / 2, columnX[m + 2] - 2, y + boxH / 2, class: "wire unpack")
            }
            y += boxH + gap
        }
        return PictureFigure.html(kind: "image", caption: text.imageGraph, svg: svg.render(title: text.imageGraphTitle, class: "image"))
    }

    private func blob(_ svg: inout SVGCanvas, _ blob: ImageGraph.Blob, x: Double, y: Double, style: String) {
        let title = "\(blob.what) \(blob.digest)\n\(blob.mediaType)" + (blob.size.map { ", \($0) bytes" } ?? "")
        svg.box(x, y, 210, 58, class: "blob " + style, title: title)
        svg.text(blob.what, x + 8, y + 18, class: "strong", size: 12)
        if let size = blob.size { svg.text(HumanUnits.bytes(size), x + 202, y + 18, class: "value", size: 11, anchor: .end) }
        svg.text(SVGCanvas.fit(PicturePaths.shortDigest(blob.digest), width: 194, size: 11), x + 8, y + 34, class: "path", size: 11, title: blob.digest)
        svg.text(SVGCanvas.fit(Self.shortMediaType(blob.mediaType), width: 194, size: 10), x + 8, y + 50, class: "muted", size: 10, title: blob.mediaType)
    }
}
