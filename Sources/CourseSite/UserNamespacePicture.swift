import Explain

/// A user namespace's id maps (`uid_map` and `gid_map`) as two columns joined by arrows: each
/// line of a map is a range of ids inside the namespace and the host's ids it stands for. For a
/// rootless container that is two ranges: root inside is the user's own id, and the ids from 1
/// are the user's subordinate range from /etc/subuid. Every id outside the ranges is unmapped.
struct UserNamespacePicture {
    var events: [Event]
    var text: SiteText

    /// One line of a map: `inside outside count`.
    struct Range: Equatable {
        var inside: Int64
        var outside: Int64
        var count: Int64

        init?(line: String) {
            let numbers = line.split(separator: " ").compactMap { Int64($0) }
            guard numbers.count == 3, numbers[2] > 0 else { return nil }
            (inside, outside, count) = (numbers[0], numbers[1], numbers[2])
        }

        /// `0` for one id, `1–65536` for many.
        static func ids(_ first: Int64, _ count: Int64) -> String {
            count == 1 ? String(first) : "\(first)–\(first + count - 1)"
        }
    }

    /// Each map the events wrote: its kind ("uid" or "gid"), its ranges and who wrote it.
    func maps() -> [(kind: String, ranges: [Range], writer: String)] {
        events.compactMap { event in
            guard case let .userNamespaceMapped(file, lines, writer) = event.kind else { return nil }
            let name = file.split(separator: "/").last.map(String.init) ?? file
            let kind = name.hasPrefix("gid") ? "gid" : "uid"
            let ranges = lines.compactMap(Range.init(line:))
            return ranges.isEmpty ? nil : (kind, ranges, writer)
        }
    }

    func render() -> String {
        let maps = maps()
        guard !maps.isEmpty else { return "" }
        let (width, rowHeight, boxH) = (760.0, 34.0, 26.0)
        let (leftX, rightX, boxW) = (20.0, 430.0, 310.0)
        let panelHeights = maps.map { 44 + Double($0.ranges.count) * rowHeight + 22 }
        var svg = SVGCanvas(width: width, height: 28 + panelHeights.reduce(0, +))
        svg.text(text.insideNamespace, leftX, 18, class: "strong", size: 12)
        svg.text(text.onTheHost, rightX, 18, class: "strong", size: 12)
        var y = 28.0
        for (map, height) in zip(maps, panelHeights) {
            // "/usr/bin/newuidmap 4242 0 1000 1 …" → "newuidmap"; the whole line is the title.
            let program = map.writer.split(separator: " ").first ?? Substring(map.writer)
            let writer = program.split(separator: "/").last.map(String.init) ?? map.writer
            svg.text(SVGCanvas.fit("\(map.kind)_map · " + text.writtenBy(writer), width: width - 40, size: 11),
                     leftX, y + 16, class: "muted", size: 11, title: map.writer)
            for (index, range) in map.ranges.enumerated() {
                let top = y + 28 + Double(index) * rowHeight
                let inside = "\(map.kind) " + Range.ids(range.inside, range.count)
                let outside = "\(map.kind) " + Range.ids(range.outside, range.count)
                svg.box(leftX, top, boxW, boxH, class: "blob diffid", title: inside)
                svg.text(inside, leftX + 10, top + 17, class: "strong", size: 12)
                svg.box(rightX, top, boxW, boxH, class: "blob layer", title: outside)
                svg.text(outside, rightX + 10, top + 17, class: "strong", size: 12)
                svg.arrow(leftX + boxW, top + boxH / 2, rightX - 2, top + boxH / 2)
                svg.text(text.idCount(range.count), (leftX + boxW + rightX) / 2, top + boxH / 2 - 4,
                         class: "muted", size: 10, anchor: .middle)
            }
            svg.text(SVGCanvas.fit(text.unmappedIDs, width: width - 40, size: 10), leftX, y + height - 6, class: "muted", size: 10)
            y += height
        }
        return PictureFigure.html(kind: "userns", caption: text.userNamespacePicture,
                                  svg: svg.render(title: text.userNamespacePictureTitle, class: "userns"))
    }
}
