// `dockyard-runtime`: Dockyard as an OCI runtime, with runc's command line, for containerd
// (`ctr run --runc-binary`) and dockerd (`--add-runtime`). A product of its own, so `dockyard run`
// links and loads nothing of it; everything lives in ContainerRuntime (OCIRuntime/) to be tested.
import ContainerRuntime
#if canImport(Glibc)
import Glibc
#endif

// A hook that exits before reading its state, or a child gone before its go byte, is a write
// error (EPIPE) to report, not a signal that kills the runtime mid-create with nothing said.
// The container's process starts with every signal at its default (spawn.c).
signal(SIGPIPE, SIG_IGN)
exit(OCIRuntime.main(Array(CommandLine.arguments.dropFirst())))
