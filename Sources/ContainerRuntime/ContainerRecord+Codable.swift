import FoundationEssentials

/// A record on disk is one flat JSON object, as it has been since the first version: the
/// configuration's keys, the record's own, and the state as `status` with the fields that go with
/// it (`pid`, `exitCode`, …). Keeping the shape means records written by earlier versions load.
/// (`inspect` prints Docker's shape, which the CLI's `ContainerInspection` makes from a record.)
/// Reading is strict: an unknown status or network,
/// or "running" without a pid, is an error (ContainerStore names the file), never a guess.
extension ContainerRecord: Codable {
    /// The `status` word on disk; paused is `running` with `"paused": true`.
    enum Status: String, Codable {
        case created, running, exited
    }

    enum CodingKeys: String, CodingKey {
        case id, name, created, cgroupPaths, networkAttachment, extraAttachments, userModeNetwork, stopRequested, restartCount, creatingRun
        case status, pid, pidStartTime, startedAt, finishedAt, exitCode, oomKilled, paused
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        id = try keys.decode(ContainerID.self, forKey: .id)
        name = try keys.decode(String.self, forKey: .name)
        created = try keys.decode(Date.self, forKey: .created)
        config = try ContainerConfiguration(from: decoder)
        cgroupPaths = try keys.decode([String].self, forKey: .cgroupPaths)
        networkAttachment = try keys.decodeIfPresent(NetworkAttachment.self, forKey: .networkAttachment)
        extraAttachments = try keys.decodeIfPresent([NetworkAttachment].self, forKey: .extraAttachments) ?? []
        userModeNetwork = try keys.decodeIfPresent(UserModeAttachment.self, forKey: .userModeNetwork)
        stopRequested = try keys.decodeIfPresent(Bool.self, forKey: .stopRequested) ?? false
        restartCount = try keys.decodeIfPresent(Int.self, forKey: .restartCount) ?? 0
        creatingRun = try keys.decodeIfPresent(CreatingRun.self, forKey: .creatingRun)   // absent before it existed
        state = try Self.decodeState(keys, created: created)
    }

    private static func decodeState(_ keys: KeyedDecodingContainer<CodingKeys>, created: Date) throws -> ContainerState {
        let word = try keys.decode(String.self, forKey: .status)
        guard let status = Status(rawValue: word) else {
            throw DecodingError.dataCorruptedError(forKey: .status, in: keys, debugDescription: "unknown value \"\(word)\"")
        }
        switch status {
        case .created:
            return .created
        case .running:
            let process = RunningProcess(pid: try keys.decode(Int32.self, forKey: .pid),
                                         startTime: try keys.decodeIfPresent(UInt64.self, forKey: .pidStartTime),
                                         startedAt: try keys.decode(Date.self, forKey: .startedAt))
            return try keys.decodeIfPresent(Bool.self, forKey: .paused) == true ? .paused(process) : .running(process)
        case .exited:
            // Earlier versions could write "exited" without a code or time after a failed restart;
            // `ps` and `wait` showed those as 0 and the creation time, and still do.
            return .exited(ProcessExit(code: try keys.decodeIfPresent(Int32.self, forKey: .exitCode) ?? 0,
                                       oomKilled: try keys.decodeIfPresent(Bool.self, forKey: .oomKilled) ?? false,
                                       startedAt: try keys.decodeIfPresent(Date.self, forKey: .startedAt),
                                       finishedAt: try keys.decodeIfPresent(Date.self, forKey: .finishedAt) ?? created))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try config.encode(to: encoder)
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(id, forKey: .id)
        try keys.encode(name, forKey: .name)
        try keys.encode(created, forKey: .created)
        try keys.encode(cgroupPaths, forKey: .cgroupPaths)
        try keys.encodeIfPresent(networkAttachment, forKey: .networkAttachment)
        if !extraAttachments.isEmpty { try keys.encode(extraAttachments, forKey: .extraAttachments) }
        try keys.encodeIfPresent(userModeNetwork, forKey: .userModeNetwork)
        if stopRequested { try keys.encode(true, forKey: .stopRequested) }
        if restartCount > 0 { try keys.encode(restartCount, forKey: .restartCount) }
        try keys.encodeIfPresent(creatingRun, forKey: .creatingRun)
        switch state {
        case .created:
            try keys.encode(Status.created, forKey: .status)
            try keys.encode(false, forKey: .oomKilled)
        case let .running(process), let .paused(process):
            try keys.encode(Status.running, forKey: .status)
            if state.isPaused { try keys.encode(true, forKey: .paused) }
            try keys.encode(process.pid, forKey: .pid)
            try keys.encodeIfPresent(process.startTime, forKey: .pidStartTime)
            try keys.encode(process.startedAt, forKey: .startedAt)
            try keys.encode(false, forKey: .oomKilled)
        case let .exited(exit):
            try keys.encode(Status.exited, forKey: .status)
            try keys.encode(exit.code, forKey: .exitCode)
            try keys.encode(exit.oomKilled, forKey: .oomKilled)
            try keys.encodeIfPresent(exit.startedAt, forKey: .startedAt)
            try keys.encode(exit.finishedAt, forKey: .finishedAt)
        }
    }
}
