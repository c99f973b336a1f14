import DockerfileSyntax

/// Build arguments and their scopes, by Docker's rules: an ARG before the first FROM is global and
/// usable only in FROM lines; inside a stage, `ARG NAME` makes it visible to later instructions
/// (as a variable for expansion and in RUN's environment), with the value from `--build-arg`,
/// else the declaration's default, else the global one. Proxy variables need no declaration.
struct BuildArguments {
    /// `--build-arg` values.
    let provided: [String: String]
    /// Values of the ARGs declared before the first FROM.
    private(set) var global: [String: String] = [:]
    /// Names a build used, to warn about the rest.
    private(set) var consumed: Set<String> = []

    static let predefined: Set<String> = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
                                          "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"]

    init(provided: [String: String]) {
        self.provided = provided
    }

    /// Applies one global ARG instruction.
    mutating func declareGlobal(_ declarations: [ArgumentDeclaration], lexer: ShellLexer) throws(ExpansionError) {
        for declaration in declarations {
            let value = try resolve(declaration, lexer: lexer, scope: global)
            if let value { global[declaration.name] = value }
        }
    }

    /// The value a stage's `ARG` declaration takes, given what is visible so far in the stage.
    mutating func resolve(_ declaration: ArgumentDeclaration, lexer: ShellLexer,
                          scope: [String: String]) throws(ExpansionError) -> String? {
        if let value = provided[declaration.name] {
            consumed.insert(declaration.name)
            return value
        }
        if let defaultValue = declaration.defaultValue {
            return try lexer.expand(defaultValue, environment: scope)
        }
        return global[declaration.name]
    }

    /// Proxy settings given with --build-arg, visible to RUN without a declaration.
    mutating func predefinedValues() -> [String: String] {
        var values: [String: String] = [:]
        for (name, value) in provided where Self.predefined.contains(name) {
            values[name] = value
            consumed.insert(name)
        }
        return values
    }

    /// `--build-arg`s no ARG consumed, for Docker's warning.
    var unconsumed: [String] {
        provided.keys.filter { !consumed.contains($0) && !Self.predefined.contains($0) }.sorted()
    }

    mutating func markConsumed(_ name: String) {
        if provided[name] != nil { consumed.insert(name) }
    }
}
