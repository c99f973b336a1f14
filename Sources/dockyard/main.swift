// The `dockyard` executable: everything lives in DockyardCLI so it can be tested.
// DockyardEntry has already run, before main: an ordinary user's process is now inside its
// rootless user namespace, if the holder of one exists (Sources/CLinux/rootless.c).
import DockyardCLI
import DockyardEntry

DockyardCommand.start(arguments: Array(CommandLine.arguments.dropFirst()), rootlessJoin: dy_entry_joined_holder())
