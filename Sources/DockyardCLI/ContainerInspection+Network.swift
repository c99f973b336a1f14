import ContainerRuntime

/// Docker's `NetworkSettings`, from what the current start connected (the record's attachment).
/// As in Docker, the top-level `IPAddress`, `Gateway` and `IPPrefixLen` are the default bridge
/// network's only: a container on a user network has them empty and its address under
/// `Networks.NAME`; a container that is not running keeps its network's entry with no address.
extension ContainerInspection {
    var networkSettings: JSONObject {
        let endpoint = self.endpoint
        let onDefaultBridge = config.network == .bridge && record.networkAttachment != nil
        return [
            "Bridge": "", "SandboxID": "", "HairpinMode": false, "LinkLocalIPv6Address": "",
            "LinkLocalIPv6PrefixLen": 0, "Ports": ports,
            "SandboxKey": .string(record.state.process.map { "/proc/\($0.pid)/ns/net" } ?? ""),
            "SecondaryIPAddresses": .null, "SecondaryIPv6Addresses": .null,
            "EndpointID": "", "Gateway": onDefaultBridge ? endpoint["Gateway"] ?? "" : "",
            "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0,
            "IPAddress": onDefaultBridge ? endpoint["IPAddress"] ?? "" : "",
            "IPPrefixLen": onDefaultBridge ? endpoint["IPPrefixLen"] ?? 0 : 0,
            "IPv6Gateway": "", "MacAddress": "",
            "Networks": .object(JSONObject([(key: config.network.rawValue, value: .object(endpoint))]
                + record.extraAttachments.map { (key: $0.network, value: .object(connectedEndpoint($0))) })),
        ]
    }

    /// Docker's `EndpointSettings` for the container's one network. Dockyard keeps no endpoint
    /// id and lets the kernel pick eth0's MAC address, so those stay empty. On a user network
    /// Docker lists the container's short id as its alias there.
    var endpoint: JSONObject {
        let attachment = record.networkAttachment
        let isUserNetwork = ![.bridge, .host, .none].contains(config.network)
        return [
            "IPAMConfig": .null, "Links": .null,
            "Aliases": isUserNetwork ? .strings([record.id.short]) : .null,
            "NetworkID": .string(context.networkIDs[config.network.rawValue] ?? ""),
            "EndpointID": "",
            "Gateway": .string(attachment?.gateway.description ?? ""),
            "IPAddress": .string(attachment?.address.address.description ?? ""),
            "IPPrefixLen": .number(Int64(attachment?.address.prefix ?? 0)),
            "IPv6Gateway": "", "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0,
            "MacAddress": "", "DriverOpts": .null,
        ]
    }

    /// While it runs: each published port with the host address and port it got, and each
    /// exposed port that is not published as `null`, as Docker lists them. Otherwise `{}`.
    var ports: JSONValue {
        guard record.state.isRunning, config.network != .host else { return .emptyObject }
        var ports: [String: JSONValue] = [:]
        for exposed in requested.exposedPorts { ports[exposed] = .null }
        var bound: [String: [JSONValue]] = [:]
        for port in record.publishedPorts {
            bound["\(port.containerPort)/\(port.proto)", default: []].append(
                .object(["HostIp": .string(port.hostIP?.description ?? "0.0.0.0"), "HostPort": .string(String(port.hostPort))]))
        }
        for (key, bindings) in bound { ports[key] = .array(bindings) }
        return .object(JSONObject.sorted(ports.map { (key: $0.key, value: $0.value) }))
    }

    /// Docker's `EndpointSettings` for a network `network connect` joined (eth1, …).
    func connectedEndpoint(_ attachment: NetworkAttachment) -> JSONObject {
        [
            "IPAMConfig": .null, "Links": .null, "Aliases": .strings([record.id.short]),
            "NetworkID": .string(context.networkIDs[attachment.network] ?? ""), "EndpointID": "",
            "Gateway": .string(attachment.gateway.description),
            "IPAddress": .string(attachment.address.address.description),
            "IPPrefixLen": .number(Int64(attachment.address.prefix)),
            "IPv6Gateway": "", "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0,
            "MacAddress": "", "DriverOpts": .null,
        ]
    }
}
