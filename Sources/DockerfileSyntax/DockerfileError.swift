/// A Dockerfile that Docker would refuse (or that would surely fail to build), with the place it went
/// wrong: the line and column of the offending token, as a compiler reports it.
public struct DockerfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of mistake this is; stable across message wording changes, for tests and tools.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case binaryContent, emptyFile, invalidDirective, unknownInstruction, instructionBeforeFrom
            case missingArguments, extraArguments, invalidArguments, invalidStageName, duplicateStageName
            case unknownFlag, invalidFlag, invalidDuration, invalidPort, invalidSignal
            case unterminatedHeredoc, unterminatedQuote, invalidOnbuild, invalidJSON
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        public var description: String { value.rawValue }

        /// Bytes that are not text: NUL, control characters, or invalid UTF-8.
        public static let binaryContent = Code(.binaryContent)
        /// A file with comments and blank lines only.
        public static let emptyFile = Code(.emptyFile)
        /// A repeated or malformed parser directive (`# escape=`, `# syntax=`).
        public static let invalidDirective = Code(.invalidDirective)
        /// A word at the start of an instruction that is not a Dockerfile instruction.
        public static let unknownInstruction = Code(.unknownInstruction)
        /// Anything other than ARG before the first FROM.
        public static let instructionBeforeFrom = Code(.instructionBeforeFrom)
        /// Too few arguments for an instruction.
        public static let missingArguments = Code(.missingArguments)
        /// Too many arguments for an instruction.
        public static let extraArguments = Code(.extraArguments)
        /// Arguments of the wrong shape (a missing `=`, a blank name, a non-JSON SHELL …).
        public static let invalidArguments = Code(.invalidArguments)
        /// A stage name Docker does not allow.
        public static let invalidStageName = Code(.invalidStageName)
        /// Two stages with the same name.
        public static let duplicateStageName = Code(.duplicateStageName)
        /// A `--flag` the instruction does not know.
        public static let unknownFlag = Code(.unknownFlag)
        /// A known flag used wrongly (missing value, bad boolean, given twice).
        public static let invalidFlag = Code(.invalidFlag)
        /// A HEALTHCHECK duration Go's `time.ParseDuration` would refuse, or one below 1ms.
        public static let invalidDuration = Code(.invalidDuration)
        /// An EXPOSE word that is not a port or a port range.
        public static let invalidPort = Code(.invalidPort)
        /// A STOPSIGNAL that names no signal.
        public static let invalidSignal = Code(.invalidSignal)
        /// A heredoc whose closing delimiter never comes.
        public static let unterminatedHeredoc = Code(.unterminatedHeredoc)
        /// A quote that is opened and never closed.
        public static let unterminatedQuote = Code(.unterminatedQuote)
        /// ONBUILD ONBUILD, ONBUILD FROM, ONBUILD MAINTAINER.
        public static let invalidOnbuild = Code(.invalidOnbuild)
        /// A JSON array that holds something other than strings.
        public static let invalidJSON = Code(.invalidJSON)
    }

    public var code: Code
    public var message: String
    /// Where the caret goes.
    public var location: SourceLocation

    public init(_ code: Code, _ message: String, at location: SourceLocation) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): error: \(message)" }
}
