import FoundationEssentials
import LinuxKernel

/// The configuration on disk, under the keys records have always used (records written by
/// earlier versions load unchanged; `inspect` shows Docker's shape, made from these). What is empty, false or
/// Docker's default is left out, as before; a value Dockyard does not know (an unknown network)
/// is a decoding error, never quietly something else.
extension ContainerConfiguration: Codable {
    enum CodingKeys: String, CodingKey {
        case image, imageID, lowerdirs, argv, environment, workingDirectory, user, uid, gid, groups, groupAdd
        case hostname, network, publishedPorts, limits, mounts, readOnlyRootfs, security, userNamespace
        case devices, initBinary, autoRemove, interactive, tty, restartPolicy, stopSignal, stopTimeout
        case requested, labels, nameResolution, ulimits, sysctls, shmSize, containerIDFile
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        image = try keys.decode(String.self, forKey: .image)
        imageID = try keys.decode(String.self, forKey: .imageID)
        lowerdirs = try keys.decode([String].self, forKey: .lowerdirs)
        argv = try keys.decode([String].self, forKey: .argv)
        environment = try keys.decode([String].self, forKey: .environment)
        workingDirectory = try keys.decode(String.self, forKey: .workingDirectory)
        user = try keys.decode(String.self, forKey: .user)
        uid = try keys.decode(UInt32.self, forKey: .uid)
        gid = try keys.decode(UInt32.self, forKey: .gid)
        groups = try keys.decodeIfPresent([UInt32].self, forKey: .groups) ?? []
        groupAdd = try keys.decodeIfPresent([String].self, forKey: .groupAdd) ?? []
        hostname = try keys.decode(String.self, forKey: .hostname)
        let networkName = try keys.decode(String.self, forKey: .network)
        guard let network = RunRequest.Network(rawValue: networkName) else {
            throw DecodingError.dataCorruptedError(forKey: .network, in: keys, debugDescription: "unknown value \"\(networkName)\"")
        }
        self.network = network
        publishedPorts = try keys.decodeIfPresent([PortMapping].self, forKey: .publishedPorts) ?? []
        limits = try keys.decode(ResourceLimits.self, forKey: .limits)
        mounts = try keys.decodeIfPresent([VolumeMount].self, forKey: .mounts) ?? []
        readOnlyRootfs = try keys.decodeIfPresent(Bool.self, forKey: .readOnlyRootfs) ?? false
        security = try keys.decodeIfPresent(SecurityOptions.self, forKey: .security) ?? SecurityOptions()
        userNamespace = try keys.decodeIfPresent(Bool.self, forKey: .userNamespace) ?? false
        devices = try keys.decodeIfPresent([DeviceMapping].self, forKey: .devices) ?? []
        initBinary = try keys.decodeIfPresent(String.self, forKey: .initBinary)
        autoRemove = try keys.decode(Bool.self, forKey: .autoRemove)
        interactive = try keys.decode(Bool.self, forKey: .interactive)
        tty = try keys.decode(Bool.self, forKey: .tty)
        restartPolicy = try keys.decode(RestartPolicy.self, forKey: .restartPolicy)
        stopSignal = try keys.decodeIfPresent(Int32.self, forKey: .stopSignal)
        stopTimeout = try keys.decodeIfPresent(Int.self, forKey: .stopTimeout)
        requested = try keys.decodeIfPresent(RequestedProcess.self, forKey: .requested)
        labels = try keys.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        nameResolution = try keys.decodeIfPresent(NameResolution.self, forKey: .nameResolution) ?? NameResolution()
        ulimits = try keys.decodeIfPresent([ResourceLimit].self, forKey: .ulimits) ?? []
        sysctls = try keys.decodeIfPresent([String: String].self, forKey: .sysctls) ?? [:]
        shmSize = try keys.decodeIfPresent(Int64.self, forKey: .shmSize)
        containerIDFile = try keys.decodeIfPresent(String.self, forKey: .containerIDFile)
    }

    public func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(image, forKey: .image)
        try keys.encode(imageID, forKey: .imageID)
        try keys.encode(lowerdirs, forKey: .lowerdirs)
        try keys.encode(argv, forKey: .argv)
        try keys.encode(environment, forKey: .environment)
        try keys.encode(workingDirectory, forKey: .workingDirectory)
        try keys.encode(user, forKey: .user)
        try keys.encode(uid, forKey: .uid)
        try keys.encode(gid, forKey: .gid)
        try keys.encode(groups, forKey: .groups)
        if !groupAdd.isEmpty { try keys.encode(groupAdd, forKey: .groupAdd) }
        try keys.encode(hostname, forKey: .hostname)
        try keys.encode(network, forKey: .network)
        if !publishedPorts.isEmpty { try keys.encode(publishedPorts, forKey: .publishedPorts) }
        try keys.encode(limits, forKey: .limits)
        if !mounts.isEmpty { try keys.encode(mounts, forKey: .mounts) }
        if readOnlyRootfs { try keys.encode(true, forKey: .readOnlyRootfs) }
        if security != SecurityOptions() { try keys.encode(security, forKey: .security) }
        if userNamespace { try keys.encode(true, forKey: .userNamespace) }
        if !devices.isEmpty { try keys.encode(devices, forKey: .devices) }
        try keys.encodeIfPresent(initBinary, forKey: .initBinary)
        try keys.encode(autoRemove, forKey: .autoRemove)
        try keys.encode(interactive, forKey: .interactive)
        try keys.encode(tty, forKey: .tty)
        try keys.encode(restartPolicy, forKey: .restartPolicy)
        try keys.encodeIfPresent(stopSignal, forKey: .stopSignal)
        try keys.encodeIfPresent(stopTimeout, forKey: .stopTimeout)
        try keys.encodeIfPresent(requested, forKey: .requested)
        if !labels.isEmpty { try keys.encode(labels, forKey: .labels) }
        if nameResolution != NameResolution() { try keys.encode(nameResolution, forKey: .nameResolution) }
        if !ulimits.isEmpty { try keys.encode(ulimits, forKey: .ulimits) }
        if !sysctls.isEmpty { try keys.encode(sysctls, forKey: .sysctls) }
        try keys.encodeIfPresent(shmSize, forKey: .shmSize)
        try keys.encodeIfPresent(containerIDFile, forKey: .containerIDFile)
    }
}
