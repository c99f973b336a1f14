// The `dockyard` executable: everything lives in DockyardCLI so it can be tested.
import DockyardCLI

DockyardCommand.start(arguments: Array(CommandLine.arguments.dropFirst()))
