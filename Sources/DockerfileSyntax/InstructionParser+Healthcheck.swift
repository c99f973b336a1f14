/// HEALTHCHECK: `NONE`, or `[--interval=… --timeout=… --start-period=… --start-interval=… --retries=…] CMD command`.
extension InstructionParser {
    func readHealthcheck(_ rest: ArraySlice<Unicode.Scalar>, into instruction: inout Instruction) throws(DockerfileError) {
        guard !rest.isEmpty else {
            throw fail(.missingArguments, "HEALTHCHECK requires at least one argument: HEALTHCHECK CMD command, or HEALTHCHECK NONE",
                       at: rest.startIndex)
        }
        var split = rest.startIndex
        while split < rest.endIndex, !rest[split].isGoSpace { split += 1 }
        let type = String(scalars: rest[rest.startIndex..<split]).uppercased()
        let command = rest[split...].trimmingGoSpace()
        switch type {
        case "NONE":
            guard command.isEmpty else {
                throw fail(.extraArguments, "HEALTHCHECK NONE takes no arguments", at: command.startIndex)
            }
            instruction.arguments = ["NONE"]
            instruction.details = .healthcheck(.none)
        case "CMD":
            guard !command.isEmpty else {
                throw fail(.missingArguments, "Missing command after HEALTHCHECK CMD", at: command.startIndex)
            }
            let form = try commandForm(command)
            if case .exec(let strings) = form {
                guard !strings.isEmpty else {
                    throw fail(.missingArguments, "Missing command after HEALTHCHECK CMD", at: command.startIndex)
                }
                instruction.isJSONForm = true
                instruction.arguments = ["CMD"] + strings
            } else {
                instruction.arguments = ["CMD", String(scalars: command)]
            }
            var retries: Int?
            if let flag = instruction.flags.last(where: { $0.name == "retries" }), let value = flag.value, !value.isEmpty {
                guard let parsed = Int32(value) else {
                    throw DockerfileError(.invalidFlag, "invalid --retries value '\(value)': use a whole number", at: flag.location)
                }
                guard parsed >= 0 else {
                    throw DockerfileError(.invalidFlag, "--retries cannot be negative (\(parsed))", at: flag.location)
                }
                retries = Int(parsed)
            }
            instruction.details = .healthcheck(.check(
                command: form,
                interval: try duration("interval", in: instruction),
                timeout: try duration("timeout", in: instruction),
                startPeriod: try duration("start-period", in: instruction),
                startInterval: try duration("start-interval", in: instruction),
                retries: retries))
        default:
            throw fail(.invalidArguments, "Unknown type \"\(type)\" in HEALTHCHECK (try CMD)", at: rest.startIndex)
        }
    }

    /// A timing flag: empty or 0 means "the default"; otherwise at least 1ms.
    private func duration(_ name: String, in instruction: Instruction) throws(DockerfileError) -> GoDuration? {
        guard let flag = instruction.flags.last(where: { $0.name == name }), let value = flag.value, !value.isEmpty else {
            return nil
        }
        guard let duration = GoDuration(value) else {
            throw DockerfileError(.invalidDuration,
                "invalid duration \"\(value)\" for --\(name): write a number with a unit, such as 30s, 1m30s or 500ms",
                at: flag.location)
        }
        if duration.nanoseconds != 0 && duration.nanoseconds < 1_000_000 {
            throw DockerfileError(.invalidDuration, "Interval \"\(name)\" cannot be less than 1ms", at: flag.location)
        }
        return duration.nanoseconds == 0 ? nil : duration
    }
}
