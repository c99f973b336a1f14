import LinuxKernel

extension VolumeMount {
    /// Docker's `--mount type=bind|volume|tmpfs,source=…,target=…[,readonly][,tmpfs-size=…][,tmpfs-mode=…]`:
    /// comma-separated key=value fields, the same mounts `-v` and `--tmpfs` make. Errors are
    /// Docker's, naming the field refused; `volume-opt` (options for a volume driver) is refused
    /// because Dockyard's volumes are plain directories with no driver to pass them to.
    public static func parse(mount spec: String) throws -> VolumeMount {
        func refuse(_ reason: String) -> RuntimeError {
            RuntimeError(code: .invalidArgument, "invalid argument \"\(spec)\" for \"--mount\" flag: \(reason)")
        }
        var kind = Kind.volume, source = "", target = "", readOnly = false
        var tmpfs: [String] = []
        for field in spec.split(separator: ",").map(String.init) {
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let key = parts[0].lowercased(), value = parts.count > 1 ? parts[1] : nil
            switch key {
            case "type":
                guard let value, let given = Kind(rawValue: value) else {
                    throw refuse("invalid mount type \"\(value ?? "")\": Dockyard mounts bind, volume and tmpfs")
                }
                kind = given
            case "source", "src": source = value ?? ""
            case "target", "dst", "destination": target = value ?? ""
            case "readonly", "ro":
                guard let on = value.map(GoBool.parse) ?? true else { throw refuse("invalid value for \(key): \(value ?? "")") }
                readOnly = on
            case "bind-propagation", "consistency", "bind-nonrecursive", "volume-nocopy": break
            case "tmpfs-size":
                guard let value, let bytes = try? ByteSize.parse(value) else { throw refuse("invalid value for tmpfs-size: \(value ?? "")") }
                tmpfs.append("size=\(bytes)")
            case "tmpfs-mode":
                guard let value, let mode = UInt32(value, radix: 8) else { throw refuse("invalid value for tmpfs-mode: \(value ?? "")") }
                tmpfs.append("mode=" + String(mode, radix: 8))
            case "volume-opt", "volume-driver", "volume-label":
                throw refuse("\(key) is not supported: Dockyard's volumes are directories it owns, with no volume driver to pass it to (make the volume with `dockyard volume create`)")
            default:
                throw refuse("unexpected key '\(parts[0])' in '\(field)'")
            }
        }
        guard !target.isEmpty else { throw refuse("target is required") }
        guard target.hasPrefix("/"), target != "/" else { throw refuse("invalid mount target \"\(target)\": it must be an absolute path other than /") }
        switch kind {
        case .bind:
            guard source.hasPrefix("/") else {
                throw RuntimeError(code: .invalidArgument, "invalid mount config for type \"bind\": " + (source.isEmpty ? "field Source must not be empty" : "invalid mount path: '\(source)' mount path must be absolute"))
            }
        case .volume:
            guard source.isEmpty || VolumeStore.isValidName(source) else {
                throw refuse("\"\(source)\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed")
            }
        case .tmpfs:
            guard source.isEmpty else { throw RuntimeError(code: .invalidArgument, "invalid mount config for type \"tmpfs\": field Source must be empty") }
            source = "tmpfs"
        }
        guard tmpfs.isEmpty || kind == .tmpfs else { throw refuse("cannot mix 'tmpfs-*' options with mount type '\(kind.rawValue)'") }
        var mount = VolumeMount(kind: kind, source: source, destination: target, readOnly: readOnly,
                                options: tmpfs.isEmpty ? nil : tmpfs.joined(separator: ","))
        mount.fromMountFlag = true
        return mount
    }

}
