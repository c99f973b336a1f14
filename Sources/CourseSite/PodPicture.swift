import Explain

/// The namespaces of containers that share some of them — a pod, or `--network container:` — as
/// one picture: a column per process (the infra's pause process first when the step started it),
/// a row per namespace kind. A namespace the containers joined is one band across the columns
/// with its inode, entered by each with setns(2); the ones each made for itself (mnt, pid unless
/// shared) stay inside its own column with their own inodes.
struct PodPicture {
    var events: [Event]
    var text: SiteText

    /// One process the step started: what it runs, the namespaces it made and the ones it joined.
    struct Member {
        var pid: Int32
        var command = ""
        var own: [String: UInt64] = [:]
        var joined: [String: UInt64] = [:]
    }

    static let order = ["net", "ipc", "uts", "pid", "mnt", "cgroup"]

    func members() -> [Member] {
        var members: [Member] = []
        for event in events {
            switch event.kind {
            case let .processCloned(pid, _):
                members.append(Member(pid: pid))
            case let .namespace(kind, container, host) where container != host && !members.isEmpty:
                members[members.count - 1].own[kind] = container
            case let .namespaceJoined(kind, inode) where !members.isEmpty:
                members[members.count - 1].joined[kind] = inode
            case let .executed(argv, _, _, _, _) where !members.isEmpty && members[members.count - 1].command.isEmpty:
                members[members.count - 1].command = argv.map { $0.split(separator: "/").last.map(String.init) ?? $0 }.joined(separator: " ")
            default: continue
            }
        }
        return members
    }

    /// Whether the step is about sharing: some process joined a namespace while making others of
    /// its own (an `exec` joins them all, and is NamespacePicture's).
    static func applies(to events: [Event]) -> Bool {
        PodPicture(events: events, text: SiteText(language: "en")).members().contains { !$0.joined.isEmpty && !$0.own.isEmpty }
    }

    func render() -> String {
        let members = Array(members().filter { !$0.own.isEmpty || !$0.joined.isEmpty }.prefix(4))
        guard members.contains(where: { !$0.joined.isEmpty }) else { return "" }
        let sharedInodes = Set(members.flatMap(\.joined.values))
        let kinds = Self.order.filter { kind in members.contains { $0.own[kind] != nil || $0.joined[kind] != nil } }
        let (left, top, rowHeight, width) = (10.0, 70.0, 34.0, 680.0)
        let column = width / Double(members.count)
        var svg = SVGCanvas(width: 700, height: top + Double(kinds.count) * rowHeight + 20)
        svg.box(left - 4, 4, width + 8, top + Double(kinds.count) * rowHeight + 8, class: "frame container")
        for (index, member) in members.enumerated() {
            let x = left + Double(index) * column
            let holds = member.joined.isEmpty && member.own.values.contains(where: sharedInodes.contains)
            let heading = holds && member.command.hasSuffix("pause") ? text.podInfra : text.container
            svg.text(SVGCanvas.fit(heading, width: column - 12, size: 12), x + 6, 26, class: "heading")
            svg.text(SVGCanvas.fit(member.command.isEmpty ? "pid \(member.pid)" : member.command, width: column - 12, size: 11),
                     x + 6, 44, class: "muted", size: 11)
            svg.text(text.hostPid(member.pid), x + 6, 60, class: "muted", size: 11)
        }
        for (row, kind) in kinds.enumerated() {
            let y = top + Double(row) * rowHeight
            let joined = members.compactMap { $0.joined[kind] }.first
            if let inode = joined {
                // One namespace, several processes: a band from the first column that has it to the last.
                let first = members.firstIndex { $0.own[kind] == inode || $0.joined[kind] == inode } ?? 0
                let last = members.lastIndex { $0.joined[kind] == inode } ?? members.count - 1
                let x = left + Double(first) * column + 4
                let label = "\(kind):[\(inode)]  " + text.podShared(joiners: members.filter { $0.joined[kind] == inode }.count)
                svg.box(x, y, Double(last - first + 1) * column - 8, 22, class: "ns-shared", radius: 11, title: "\(kind):[\(inode)]")
                svg.text(SVGCanvas.fit(label, width: Double(last - first + 1) * column - 24, size: 12), x + 10, y + 15.5)
                continue
            }
            for (index, member) in members.enumerated() {
                guard let inode = member.own[kind] else { continue }
                let x = left + Double(index) * column + 4
                svg.box(x, y, column - 8, 22, class: "ns-new", radius: 11, title: "\(kind):[\(inode)] — \(text.newNamespace)")
                svg.text(SVGCanvas.fit("\(kind):[\(inode)]", width: column - 24, size: 12), x + 10, y + 15.5)
            }
        }
        return PictureFigure.html(kind: "namespaces pod", caption: text.podCaption,
                                  svg: svg.render(title: text.podPictureTitle, class: "namespaces"))
    }
}
