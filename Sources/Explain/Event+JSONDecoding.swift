/// Reading `--explain=json` back: one line of `JSONLinesRenderer` output becomes the `Event` it
/// was made from. The lesson player runs `dockyard … --explain=json` as a subprocess and shows
/// the events in the same words as `--explain`, so the two never drift apart.
extension Event {
    /// The event a JSON line describes, or nil when the line is not an event (e.g. a message).
    public init?(jsonLine: String) {
        guard let object = FlatJSONObject(parsing: jsonLine),
              case let .string(name)? = object["event"],
              let kind = Self.kind(named: name, object) else { return nil }
        let simulated: Bool
        if case let .bool(flag)? = object["simulated"] { simulated = flag } else { simulated = false }
        self.init(kind, simulated: simulated)
    }

    private static func kind(named name: String, _ o: FlatJSONObject) -> Kind? {
        switch name {
        case "layerUnpacked":
            guard let d = o.string("digest"), let dir = o.string("directory"), let n = o.int("files") else { return nil }
            return .layerUnpacked(digest: d, directory: dir, files: Int(n))
        case "writableLayerCreated":
            guard let u = o.string("upperdir"), let w = o.string("workdir") else { return nil }
            return .writableLayerCreated(upperdir: u, workdir: w)
        case "writableLayerChanged":
            guard let u = o.string("upperdir"), let c = o.strings("changes") else { return nil }
            return .writableLayerChanged(upperdir: u, changes: c)
        case "cgroupCreated":
            guard let p = o.string("path"), let v = o.int("version") else { return nil }
            return .cgroupCreated(path: p, version: Int(v), controller: o.string("controller"))
        case "cgroupWritten":
            guard let p = o.string("path"), let v = o.string("value") else { return nil }
            return .cgroupWritten(path: p, value: v)
        case "cgroupRemoved":
            return o.string("path").map { .cgroupRemoved(path: $0) }
        case "cgroupLimitHit":
            guard let p = o.string("path"), let c = o.string("counter"), let n = o.int("count") else { return nil }
            return .cgroupLimitHit(path: p, counter: c, count: n)
        case "processCloned":
            guard let pid = o.int("pid"), let flags = o.strings("flags") else { return nil }
            return .processCloned(pid: Int32(truncatingIfNeeded: pid), flags: flags)
        case "namespace":
            guard let k = o.string("kind"), let c = o.int("containerInode"), let h = o.int("hostInode") else { return nil }
            return .namespace(kind: k, containerInode: UInt64(truncatingIfNeeded: c), hostInode: UInt64(truncatingIfNeeded: h))
        case "namespaceJoined":
            guard let k = o.string("kind"), let i = o.int("inode") else { return nil }
            return .namespaceJoined(kind: k, inode: UInt64(truncatingIfNeeded: i))
        case "mounted":
            guard let t = o.string("type"), let s = o.string("source"), let target = o.string("target"),
                  let options = o.strings("options") else { return nil }
            return .mounted(type: t, source: s, target: target, options: options)
        case "deviceCreated":
            guard let p = o.string("path"), let ma = o.int("major"), let mi = o.int("minor") else { return nil }
            return .deviceCreated(path: p, major: UInt32(truncatingIfNeeded: ma), minor: UInt32(truncatingIfNeeded: mi))
        case "symlinkCreated":
            guard let p = o.string("path"), let t = o.string("target") else { return nil }
            return .symlinkCreated(path: p, target: t)
        case "pivotRoot":
            return o.string("newRoot").map { .pivotRoot(newRoot: $0) }
        case "hostnameSet":
            return o.string("hostname").map { .hostnameSet($0) }
        case "interfaceUp":
            guard let i = o.string("interface"), let n = o.string("namespace") else { return nil }
            return .interfaceUp(name: i, namespace: n)
        case "fileWritten":
            guard let p = o.string("path"), let purpose = o.string("purpose") else { return nil }
            return .fileWritten(path: p, purpose: purpose)
        case "capabilities":
            guard let b = o.strings("bounding"), let e = o.strings("effective"), case let .bool(n)? = o["noNewPrivileges"] else { return nil }
            return .capabilities(bounding: b, effective: e, noNewPrivileges: n)
        case "userNamespaceMapped":
            guard let f = o.string("file"), let l = o.strings("lines"), let w = o.string("writer") else { return nil }
            return .userNamespaceMapped(file: f, lines: l, writer: w)
        case "deviceFilterAttached":
            guard let c = o.string("cgroup"), let i = o.int("instructions"), let rules = o.strings("rules") else { return nil }
            return .deviceFilterAttached(cgroup: c, instructions: Int(i), rules: rules)
        case "seccompFilter":
            guard let i = o.int("instructions"), let r = o.strings("refused"), let rules = o.strings("rules") else { return nil }
            return .seccompFilter(instructions: Int(i), refused: r, rules: rules)
        case "executed":
            guard let argv = o.strings("argv"), let env = o.strings("env"), let cwd = o.string("cwd"),
                  let uid = o.int("uid"), let gid = o.int("gid") else { return nil }
            return .executed(argv: argv, env: env, cwd: cwd,
                             uid: UInt32(truncatingIfNeeded: uid), gid: UInt32(truncatingIfNeeded: gid))
        case "exited":
            guard let status = o.int("status"), case let .bool(oom)? = o["oomKilled"] else { return nil }
            return .exited(status: Int32(truncatingIfNeeded: status), signal: o.int("signal").map { Int32(truncatingIfNeeded: $0) },
                           oomKilled: oom)
        case "signalled":
            guard let pid = o.int("pid"), let s = o.int("signal") else { return nil }
            return .signalled(pid: Int32(truncatingIfNeeded: pid), signal: Int32(truncatingIfNeeded: s))
        case "removed":
            guard let p = o.string("path"), let w = o.string("what") else { return nil }
            return .removed(path: p, what: w)
        case "buildStep":
            guard let n = o.int("number"), let t = o.int("total"), let i = o.string("instruction") else { return nil }
            return .buildStep(number: Int(n), total: Int(t), instruction: i)
        case "layerCommitted":
            guard let d = o.string("digest"), let s = o.int("size"), let c = o.strings("changes") else { return nil }
            return .layerCommitted(digest: d, size: s, changes: c)
        case "configChanged":
            guard let f = o.string("field"), let v = o.string("value") else { return nil }
            return .configChanged(field: f, value: v)
        case "bridgeCreated":
            guard let n = o.string("name"), let i = o.int("index"), let a = o.string("address") else { return nil }
            return .bridgeCreated(name: n, index: i, address: a)
        case "vethCreated":
            guard let h = o.string("host"), let hi = o.int("hostIndex"), let p = o.string("peer"), let pi = o.int("peerIndex"),
                  let b = o.string("bridge"), let pid = o.int("pid") else { return nil }
            return .vethCreated(host: h, hostIndex: hi, peer: p, peerIndex: pi, bridge: b, pid: Int32(truncatingIfNeeded: pid))
        case "addressAdded":
            guard let i = o.string("interface"), let a = o.string("address"), let n = o.string("namespace") else { return nil }
            return .addressAdded(interface: i, address: a, namespace: n)
        case "routeAdded":
            guard let d = o.string("destination"), let g = o.string("gateway"), let i = o.string("interface"),
                  let n = o.string("namespace") else { return nil }
            return .routeAdded(destination: d, gateway: g, interface: i, namespace: n)
        case "interfaceRemoved":
            guard let n = o.string("name"), let w = o.string("what") else { return nil }
            return .interfaceRemoved(name: n, what: w)
        case "sysctlWritten":
            guard let k = o.string("key"), let v = o.string("value") else { return nil }
            return .sysctlWritten(key: k, value: v)
        case "netfilterChanged":
            guard let c = o.string("command"), let p = o.string("purpose") else { return nil }
            return .netfilterChanged(command: c, purpose: p)
        case "addressLeased":
            guard let a = o.string("address"), let n = o.string("network"), case let .bool(r)? = o["released"] else { return nil }
            return .addressLeased(address: a, network: n, released: r)
        case "networkHelperStarted":
            guard let p = o.string("program"), let pid = o.int("pid"), let a = o.strings("arguments"),
                  let ports = o.strings("ports") else { return nil }
            return .networkHelperStarted(program: p, pid: Int32(truncatingIfNeeded: pid), arguments: a, ports: ports)
        case "networkHelperStopped":
            guard let p = o.string("program"), let pid = o.int("pid") else { return nil }
            return .networkHelperStopped(program: p, pid: Int32(truncatingIfNeeded: pid))
        case "httpExchange":
            guard let m = o.string("method"), let u = o.string("url"), let s = o.int("status"), let d = o.string("detail") else { return nil }
            return .httpExchange(method: m, url: u, status: Int(s), detail: d)
        case "registryToken":
            guard let r = o.string("realm"), let s = o.string("service"), let sc = o.strings("scopes"), let e = o.int("expiresIn") else { return nil }
            return .registryToken(realm: r, service: s, scopes: sc, expiresIn: Int(e))
        case "contentVerified":
            guard let w = o.string("what"), let d = o.string("digest"), let m = o.string("mediaType"), let s = o.int("size") else { return nil }
            return .contentVerified(what: w, digest: d, mediaType: m, size: s)
        case "layerAlreadyStored":
            guard let d = o.string("digest"), let m = o.string("mediaType"), let s = o.int("size") else { return nil }
            return .layerAlreadyStored(digest: d, mediaType: m, size: s)
        case "note":
            return o.string("text").map { .note($0) }
        default:
            return nil
        }
    }
}
