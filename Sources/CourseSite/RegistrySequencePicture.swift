import Explain

/// A pull or push as a sequence diagram: Dockyard (the client), the registry and, when the
/// registry asked for a bearer token, the token service, each a lifeline; every HTTP request an
/// arrow from the client with the status it got, every token granted an arrow back, every
/// fetched blob checked against its digest a note on the client's line, and every layer the
/// store already had (so nothing was asked for it) a note of its own.
struct RegistrySequencePicture {
    var events: [Event]
    var text: SiteText

    /// `http://127.0.0.1:5013/v2/x` → `127.0.0.1:5013`.
    static func origin(_ url: String) -> String {
        let rest = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        return rest.count > 2 ? String(rest[2]) : url
    }

    /// The request's path with digests cut and an upload's opaque `_state` left out.
    static func shortPath(_ url: String) -> String {
        let rest = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        var path = rest.count > 3 ? "/" + rest[3] : url
        var query = ""
        if let mark = path.firstIndex(of: "?") {
            let digest = path[path.index(after: mark)...].split(separator: "&").first { $0.hasPrefix("digest=") }
            query = digest.map { "?digest=" + shortDigest($0.dropFirst(7).split(separator: "%3A").joined(separator: ":")) } ?? ""
            path = String(path[..<mark])
        }
        // A blob's upload session id is a UUID: only its first part tells sessions apart.
        return path.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            let text = String(part)
            if text.hasPrefix("sha256:") { return shortDigest(text) }
            if text.count == 36, text.filter({ $0 == "-" }).count == 4 { return text.prefix(8) + "…" }
            return text
        }.joined(separator: "/") + query
    }

    static func shortDigest(_ digest: String) -> String {
        guard digest.hasPrefix("sha256:") else { return digest }
        return "sha256:" + digest.dropFirst(7).prefix(8) + "…"
    }

    /// One row of the diagram.
    enum Row {
        case request(method: String, url: String, status: Int, toToken: Bool)
        case token(scopes: [String], expiresIn: Int)
        case verified(what: String, digest: String, mediaType: String, size: Int64)
        case alreadyStored(digest: String, size: Int64)
    }

    func rows() -> (rows: [Row], registry: String, tokenService: String?) {
        let realms = events.compactMap { if case let .registryToken(realm, _, _, _) = $0.kind { Self.origin(realm) } else { nil } }
        let tokenService = realms.first
        var registry = ""
        var rows: [Row] = []
        for event in events {
            switch event.kind {
            case let .httpExchange(method, url, status, _):
                let toToken = tokenService.map { Self.origin(url) == $0 } ?? false
                if !toToken && registry.isEmpty { registry = Self.origin(url) }
                rows.append(.request(method: method, url: url, status: status, toToken: toToken))
            case let .registryToken(_, _, scopes, expiresIn):
                rows.append(.token(scopes: scopes, expiresIn: expiresIn))
            case let .contentVerified(what, digest, mediaType, size):
                rows.append(.verified(what: what, digest: digest, mediaType: mediaType, size: size))
            case let .layerAlreadyStored(digest, _, size):
                rows.append(.alreadyStored(digest: digest, size: size))
            default: continue
            }
        }
        return (rows, registry, tokenService)
    }

    func render() -> String {
        let (rows, registry, tokenService) = rows()
        guard rows.contains(where: { if case .request = $0 { true } else { false } }) else { return "" }
        let (top, rowHeight) = (58.0, 26.0)
        let client = 190.0
        let registryX = tokenService == nil ? 650.0 : 560.0
        let tokenX = 740.0
        let width = tokenService == nil ? 770.0 : 860.0
        var svg = SVGCanvas(width: width, height: top + Double(rows.count) * rowHeight + 14)
        let bottom = top + Double(rows.count) * rowHeight + 4
        lifeline(&svg, x: client, label: text.registryClient, bottom: bottom)
        lifeline(&svg, x: registryX, label: text.registryServer + " " + registry, bottom: bottom)
        if let tokenService { lifeline(&svg, x: tokenX, label: text.tokenService + " " + tokenService, bottom: bottom) }
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight + 16
            switch row {
            case let .request(method, url, status, toToken):
                let target = toToken ? tokenX : registryX
                svg.arrow(client, y, target - 2, y, class: "wire request")
                let label = method + " " + Self.shortPath(url)
                svg.text(SVGCanvas.fit(label, width: target - client - 46, size: 11), client + 8, y - 4, size: 11, title: method + " " + url)
                let good = (200..<400).contains(status)
                svg.text(String(status), target - 6, y - 4, class: good ? "good strong" : "warn strong", size: 11, anchor: .end,
                         title: text.httpStatus(status))
            case let .token(scopes, expiresIn):
                svg.arrow(tokenX, y, client + 2, y, class: "wire token", dashed: true)
                let label = "token: " + scopes.joined(separator: " ") + (expiresIn > 0 ? ", \(expiresIn) s" : "")
                svg.text(SVGCanvas.fit(label, width: tokenX - client - 20, size: 11), client + 10, y - 4, class: "muted", size: 11, title: label)
            case let .verified(what, digest, mediaType, size):
                let label = "✓ \(what) " + HumanUnits.bytes(size)
                svg.box(8, y - 13, client - 16, 20, class: "verified", radius: 3, title: "\(what) \(digest) (\(mediaType)): \(text.digestChecked)")
                svg.text(SVGCanvas.fit(label, width: client - 28, size: 11), 16, y + 1, class: "good", size: 11,
                         title: "\(what) \(digest) (\(mediaType)): \(text.digestChecked)")
            case let .alreadyStored(digest, size):
                let label = "= " + text.layerInStore + " " + HumanUnits.bytes(size)
                svg.box(8, y - 13, client - 16, 20, class: "present", radius: 3, title: "\(digest): \(text.layerAlreadyHere)")
                svg.text(SVGCanvas.fit(label, width: client - 28, size: 11), 16, y + 1, class: "muted", size: 11,
                         title: "\(digest): \(text.layerAlreadyHere)")
            }
        }
        return PictureFigure.html(kind: "registry", caption: text.registryPicture,
                                  svg: svg.render(title: text.registryPictureTitle, class: "registry"))
    }

    private func lifeline(_ svg: inout SVGCanvas, x: Double, label: String, bottom: Double) {
        let width = min(SVGCanvas.textWidth(label, size: 11) + 20, 2 * min(x, svg.width - x) - 8)
        svg.box(x - width / 2, 8, width, 26, class: "actor", radius: 4)
        svg.text(SVGCanvas.fit(label, width: width - 12, size: 11), x, 25, class: "strong", size: 11, anchor: .middle, title: label)
        svg.line(x, 34, x, bottom, class: "lifeline", dashed: true)
    }
}
