// `dockyard-runtime`: Dockyard as an OCI runtime, with runc's command line, for containerd
// (`ctr run --runc-binary`) and dockerd (`--add-runtime`). A product of its own, so `dockyard run`
// links and loads nothing of it; everything lives in ContainerRuntime (OCIRuntime/) to be tested.
import ContainerRuntime
#if canImport(Glibc)
import Glibc
#endif

exit(OCIRuntime.main(Array(CommandLine.arguments.dropFirst())))
