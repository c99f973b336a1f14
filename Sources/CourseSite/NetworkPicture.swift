import Explain

/// A container's bridge network as a picture: on the host, Dockyard's bridge (the containers'
/// switch and gateway) and the host end of a veth pair; the pair's cable crossing into the
/// container's network namespace, where its other end is `eth0` with the leased address and the
/// default route; a published port's DNAT path from the host's address to the container. Only
/// Dockyard's own interfaces are drawn, never the recording machine's.
struct NetworkPicture {
    var events: [Event]
    var text: SiteText

    /// A published port: `127.0.0.1:5013` on the host to `10.88.13.254:5000` in the container.
    struct Published {
        var host: String
        var container: String
        var proto: String
    }

    /// Reads nft's `add element ip dockyard tcp_addr { 127.0.0.1 . 5013 : 10.88.13.254 . 5000 }`.
    static func published(_ command: String) -> Published? {
        guard let open = command.firstIndex(of: "{"), let close = command.lastIndex(of: "}"), open < close,
              command.contains(" element ") else { return nil }
        let sides = command[command.index(after: open)..<close].split(separator: " : ")
        guard sides.count == 2 else { return nil }
        // "127.0.0.1 . 5013" is the address and the port, joined by nft's concatenation dot.
        func join(_ side: Substring) -> String {
            let parts = side.split(separator: " . ").map { String($0.filter { $0 != " " }) }
            return parts.joined(separator: ":")
        }
        let proto = command.contains("udp_") ? "udp" : "tcp"
        return Published(host: join(sides[0]), container: join(sides[1]), proto: proto)
    }

    func render() -> String {
        var veth: (host: String, hostIndex: Int64, peer: String, bridge: String, pid: Int32)?
        var address = "", gateway = "", bridgeAddress = ""
        var loUp = false
        var ports: [Published] = []
        for event in events {
            switch event.kind {
            case let .vethCreated(host, hostIndex, peer, _, bridge, pid): veth = (host, hostIndex, peer, bridge, pid)
            case let .addressAdded(_, added, _): address = added
            case let .routeAdded(_, via, _, _): gateway = via
            case let .bridgeCreated(_, _, added): bridgeAddress = added
            case let .interfaceUp("lo", _): loUp = true
            case let .netfilterChanged(command, _): if let port = Self.published(command) { ports.append(port) }
            default: continue
            }
        }
        guard let veth else { return "" }
        let height = 190.0 + Double(ports.count) * 34
        var svg = SVGCanvas(width: 740, height: height)
        svg.box(8, 8, 400, height - 16, class: "frame host")
        svg.box(430, 8, 302, height - 16, class: "frame container")
        svg.text(text.host, 20, 28, class: "heading")
        svg.text(text.containerNetns, 442, 28, class: "heading", title: text.hostPid(veth.pid))
        // The bridge and its gateway address; the host end of the pair plugged into it.
        device(&svg, x: 22, y: 48, width: 150, name: veth.bridge, detail: bridgeAddress.isEmpty ? gateway : bridgeAddress, style: "bridge")
        svg.text(text.bridgeRole, 22, 108, class: "muted", size: 10)
        svg.line(172, 70, 232, 70, class: "wire cable")
        device(&svg, x: 232, y: 48, width: 150, name: veth.host, detail: "ifindex \(veth.hostIndex)", style: "veth")
        svg.line(382, 70, 452, 70, class: "wire veth")
        svg.text(text.vethPair, 417, 62, class: "muted", size: 10, anchor: .middle)
        device(&svg, x: 452, y: 48, width: 260, name: veth.peer, detail: address, style: "eth")
        if loUp {
            svg.box(452, 104, 260, 28, class: "dev lo")
            svg.text("lo  127.0.0.1", 460, 122, class: "muted")
        }
        if !gateway.isEmpty {
            svg.text("default via \(gateway)", 452, 160, class: "strong", size: 11)
            svg.text(text.defaultRoute, 452, 174, class: "muted", size: 10)
        }
        // Every Dockyard bridge masquerades what its containers send out (made with the bridge).
        for (index, line) in text.masquerade.enumerated() {
            svg.text(line, 22, 132 + Double(index) * 14, class: "muted", size: 11)
        }
        for (index, port) in ports.enumerated() {
            let y = 156 + Double(index) * 34
            svg.box(22, y, 150, 26, class: "port", radius: 3)
            svg.text("\(port.host)/\(port.proto)", 97, y + 17, class: "strong", size: 11, anchor: .middle)
            // Along under the host's labels, then up into the container's eth0.
            svg.line(172, y + 13, 425, y + 13, class: "wire dnat", dashed: true)
            svg.arrow(425, y + 13, 450, 82, class: "wire dnat", dashed: true)
            svg.text("DNAT → " + port.container, 184, y + 26, class: "value", size: 11)
        }
        return PictureFigure.html(kind: "network", caption: text.network, svg: svg.render(title: text.networkPictureTitle, class: "network"))
    }

    private func device(_ svg: inout SVGCanvas, x: Double, y: Double, width: Double, name: String, detail: String, style: String) {
        svg.box(x, y, width, 44, class: "dev " + style)
        svg.text(SVGCanvas.fit(name, width: width - 16, size: 12), x + 8, y + 17, class: "strong")
        svg.text(SVGCanvas.fit(detail, width: width - 16, size: 12), x + 8, y + 35, class: "value")
    }
}
