import Explain

/// Which events each picture draws, so a step's focused events that no picture shows are still
/// listed as lines beside it (an `exec` line, an exit status) and none is shown twice.
enum PictureCoverage {
    static func namespaces(_ kind: Event.Kind) -> Bool {
        switch kind {
        case .namespace, .namespaceJoined, .processCloned, .hostnameSet: true
        default: false
        }
    }

    static func userNamespace(_ kind: Event.Kind) -> Bool {
        if case .userNamespaceMapped = kind { return true }
        return false
    }

    static func cgroups(_ kind: Event.Kind) -> Bool {
        switch kind {
        case .cgroupCreated, .cgroupWritten, .cgroupRemoved, .cgroupLimitHit: true
        default: false
        }
    }

    static func overlay(_ kind: Event.Kind) -> Bool {
        switch kind {
        case let .mounted(type, _, _, _): type == "overlay"
        case .writableLayerCreated, .writableLayerChanged: true
        default: false
        }
    }

    static func build(_ kind: Event.Kind) -> Bool {
        switch kind {
        case .buildStep, .layerCommitted, .configChanged: true
        default: false
        }
    }

    static func network(_ kind: Event.Kind) -> Bool {
        switch kind {
        case .vethCreated, .addressAdded, .routeAdded, .bridgeCreated, .addressLeased, .netfilterChanged, .interfaceRemoved: true
        case let .interfaceUp(name, _): name == "eth0" || name == "lo"
        default: false
        }
    }

    static func registry(_ kind: Event.Kind) -> Bool {
        switch kind {
        case .httpExchange, .registryToken, .contentVerified, .layerAlreadyStored: true
        default: false
        }
    }

    static func mounts(_ kind: Event.Kind) -> Bool {
        switch kind {
        case let .mounted(type, _, _, _): type != "overlay"
        case .pivotRoot: true
        default: false
        }
    }

    static func confinement(_ kind: Event.Kind) -> Bool {
        switch kind {
        case .capabilities, .seccompFilter: true
        default: false
        }
    }
}
