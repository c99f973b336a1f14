/// A flat, ordered view of an event: a name and its fields. The JSON-lines renderer writes it as
/// one object per line, so scripts and the course site read events without knowing Swift's types.
extension Event {
    /// A field's value: the few shapes events need.
    public enum Value: Sendable, Equatable {
        case string(String)
        case int(Int64)
        case bool(Bool)
        case strings([String])
        case null
    }

    /// The event's name in JSON, e.g. "mounted".
    public var name: String {
        switch kind {
        case .layerUnpacked: "layerUnpacked"
        case .writableLayerCreated: "writableLayerCreated"
        case .writableLayerChanged: "writableLayerChanged"
        case .cgroupCreated: "cgroupCreated"
        case .cgroupWritten: "cgroupWritten"
        case .cgroupRemoved: "cgroupRemoved"
        case .cgroupLimitHit: "cgroupLimitHit"
        case .processCloned: "processCloned"
        case .namespace: "namespace"
        case .namespaceJoined: "namespaceJoined"
        case .mounted: "mounted"
        case .deviceCreated: "deviceCreated"
        case .symlinkCreated: "symlinkCreated"
        case .pivotRoot: "pivotRoot"
        case .hostnameSet: "hostnameSet"
        case .interfaceUp: "interfaceUp"
        case .bridgeCreated: "bridgeCreated"
        case .vethCreated: "vethCreated"
        case .addressAdded: "addressAdded"
        case .routeAdded: "routeAdded"
        case .interfaceRemoved: "interfaceRemoved"
        case .sysctlWritten: "sysctlWritten"
        case .netfilterChanged: "netfilterChanged"
        case .addressLeased: "addressLeased"
        case .networkHelperStarted: "networkHelperStarted"
        case .networkHelperStopped: "networkHelperStopped"
        case .fileWritten: "fileWritten"
        case .capabilities: "capabilities"
        case .seccompFilter: "seccompFilter"
        case .executed: "executed"
        case .exited: "exited"
        case .signalled: "signalled"
        case .removed: "removed"
        case .buildStep: "buildStep"
        case .layerCommitted: "layerCommitted"
        case .configChanged: "configChanged"
        case .note: "note"
        case .deviceFilterAttached: "deviceFilterAttached"
        case .userNamespaceMapped: "userNamespaceMapped"
        case .httpExchange: "httpExchange"
        case .registryToken: "registryToken"
        case .contentVerified: "contentVerified"
        case .layerAlreadyStored: "layerAlreadyStored"
        }
    }

    /// The event's fields, in the order a reader wants them.
    public var fields: [(String, Value)] {
        switch kind {
        case let .layerUnpacked(digest, directory, files):
            [("digest", .string(digest)), ("directory", .string(directory)), ("files", .int(Int64(files)))]
        case let .writableLayerCreated(upperdir, workdir):
            [("upperdir", .string(upperdir)), ("workdir", .string(workdir))]
        case let .writableLayerChanged(upperdir, changes):
            [("upperdir", .string(upperdir)), ("changes", .strings(changes))]
        case let .cgroupCreated(path, version, controller):
            [("path", .string(path)), ("version", .int(Int64(version))),
             ("controller", controller.map(Value.string) ?? .null)]
        case let .cgroupWritten(path, value):
            [("path", .string(path)), ("value", .string(value))]
        case let .cgroupRemoved(path):
            [("path", .string(path))]
        case let .cgroupLimitHit(path, counter, count):
            [("path", .string(path)), ("counter", .string(counter)), ("count", .int(count))]
        case let .processCloned(pid, flags):
            [("pid", .int(Int64(pid))), ("flags", .strings(flags))]
        case let .namespace(kind, containerInode, hostInode):
            [("kind", .string(kind)), ("containerInode", .int(Int64(containerInode))),
             ("hostInode", .int(Int64(hostInode)))]
        case let .namespaceJoined(kind, inode):
            [("kind", .string(kind)), ("inode", .int(Int64(inode)))]
        case let .mounted(type, source, target, options):
            [("type", .string(type)), ("source", .string(source)), ("target", .string(target)),
             ("options", .strings(options))]
        case let .deviceCreated(path, major, minor):
            [("path", .string(path)), ("major", .int(Int64(major))), ("minor", .int(Int64(minor)))]
        case let .symlinkCreated(path, target):
            [("path", .string(path)), ("target", .string(target))]
        case let .pivotRoot(newRoot):
            [("newRoot", .string(newRoot))]
        case let .hostnameSet(hostname):
            [("hostname", .string(hostname))]
        case let .interfaceUp(name, namespace):
            [("interface", .string(name)), ("namespace", .string(namespace))]
        case let .bridgeCreated(name, index, address):
            [("name", .string(name)), ("index", .int(index)), ("address", .string(address))]
        case let .vethCreated(host, hostIndex, peer, peerIndex, bridge, pid):
            [("host", .string(host)), ("hostIndex", .int(hostIndex)), ("peer", .string(peer)),
             ("peerIndex", .int(peerIndex)), ("bridge", .string(bridge)), ("pid", .int(Int64(pid)))]
        case let .addressAdded(interface, address, namespace):
            [("interface", .string(interface)), ("address", .string(address)), ("namespace", .string(namespace))]
        case let .routeAdded(destination, gateway, interface, namespace):
            [("destination", .string(destination)), ("gateway", .string(gateway)), ("interface", .string(interface)),
             ("namespace", .string(namespace))]
        case let .interfaceRemoved(name, what):
            [("name", .string(name)), ("what", .string(what))]
        case let .sysctlWritten(key, value):
            [("key", .string(key)), ("value", .string(value))]
        case let .netfilterChanged(command, purpose):
            [("command", .string(command)), ("purpose", .string(purpose))]
        case let .addressLeased(address, network, released):
            [("address", .string(address)), ("network", .string(network)), ("released", .bool(released))]
        case let .networkHelperStarted(program, pid, arguments, ports):
            [("program", .string(program)), ("pid", .int(Int64(pid))), ("arguments", .strings(arguments)),
             ("ports", .strings(ports))]
        case let .networkHelperStopped(program, pid):
            [("program", .string(program)), ("pid", .int(Int64(pid)))]
        case let .fileWritten(path, purpose):
            [("path", .string(path)), ("purpose", .string(purpose))]
        case let .capabilities(bounding, effective, noNewPrivileges):
            [("bounding", .strings(bounding)), ("effective", .strings(effective)), ("noNewPrivileges", .bool(noNewPrivileges))]
        case let .seccompFilter(instructions, refused, rules):
            [("instructions", .int(Int64(instructions))), ("refused", .strings(refused)), ("rules", .strings(rules))]
        case let .userNamespaceMapped(file, lines, writer):
            [("file", .string(file)), ("lines", .strings(lines)), ("writer", .string(writer))]
        case let .deviceFilterAttached(cgroup, instructions, rules):
            [("cgroup", .string(cgroup)), ("instructions", .int(Int64(instructions))), ("rules", .strings(rules))]
        case let .executed(argv, env, cwd, uid, gid):
            [("argv", .strings(argv)), ("env", .strings(env)), ("cwd", .string(cwd)),
             ("uid", .int(Int64(uid))), ("gid", .int(Int64(gid)))]
        case let .exited(status, signal, oomKilled):
            [("status", .int(Int64(status))), ("signal", signal.map { .int(Int64($0)) } ?? .null),
             ("oomKilled", .bool(oomKilled))]
        case let .signalled(pid, signal):
            [("pid", .int(Int64(pid))), ("signal", .int(Int64(signal)))]
        case let .removed(path, what):
            [("path", .string(path)), ("what", .string(what))]
        case let .buildStep(number, total, instruction):
            [("number", .int(Int64(number))), ("total", .int(Int64(total))), ("instruction", .string(instruction))]
        case let .layerCommitted(digest, size, changes):
            [("digest", .string(digest)), ("size", .int(size)), ("changes", .strings(changes))]
        case let .configChanged(field, value):
            [("field", .string(field)), ("value", .string(value))]
        case let .httpExchange(method, url, status, detail):
            [("method", .string(method)), ("url", .string(url)), ("status", .int(Int64(status))), ("detail", .string(detail))]
        case let .registryToken(realm, service, scopes, expiresIn):
            [("realm", .string(realm)), ("service", .string(service)), ("scopes", .strings(scopes)),
             ("expiresIn", .int(Int64(expiresIn)))]
        case let .contentVerified(what, digest, mediaType, size):
            [("what", .string(what)), ("digest", .string(digest)), ("mediaType", .string(mediaType)), ("size", .int(size))]
        case let .layerAlreadyStored(digest, mediaType, size):
            [("digest", .string(digest)), ("mediaType", .string(mediaType)), ("size", .int(size))]
        case let .note(text):
            [("text", .string(text))]
        }
    }
}
